// The agent report as /docs/agent-protocol-v1.md defines it, written from the agent's side. The
// simulator is an agent like any other: it depends on the published contract, not on the
// server's code, so a drift between the two shows up as a rejected report.

export const REPORT_SCHEMA = "iomt.agent-report/v1";
export const MAX_OBSERVATIONS_PER_REPORT = 5000;
/** The server refuses bodies over 5 MiB (after decompression); stay well under it. */
export const MAX_REPORT_BYTES = 4 * 1024 * 1024;
export const REPORT_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

export type Channel = "ethernet" | "wifi" | "usb" | "bluetooth" | "serial";
export type UsbSpeed = "low" | "full" | "high" | "super" | "super-plus";
export type UsbInterface = { class: number; subclass: number; protocol: number; endpoints: number };

export type ClaimedIdentity = {
  mac?: string;
  ip?: string;
  hostname?: string;
  vendor?: string;
  model?: string;
  serialNumber?: string;
  firmwareVersion?: string;
  usb?: { vendorId: string; productId: string; manufacturer?: string; product?: string; serial?: string };
};

export type EthernetEvidence = {
  switchPort?: string;
  vlan?: number;
  linkSpeedMbps?: number;
  duplex?: "full" | "half";
  autoNegotiation?: boolean;
  poeClass?: number;
  lldpChassisId?: string;
  dhcpFingerprint?: string;
  dhcpVendorClass?: string;
  ttl?: number;
  tcpSignature?: string;
  ja4?: string;
};

export type UsbEvidence = {
  port?: string;
  speed?: UsbSpeed;
  bcdUSB?: string;
  bcdDevice?: string;
  deviceClass?: number;
  maxPowerMa?: number;
  interfaces?: UsbInterface[];
  hidReportDescriptorSha256?: string;
  keystrokeRateCps?: number;
};

export type PhysicalEvidence = {
  ethernet?: EthernetEvidence;
  usb?: UsbEvidence;
  electrical?: { powerDrawMw?: number; signalRiseTimeNs?: number };
};

export type NetworkFacts = {
  segment?: string;
  openPorts?: number[];
  protocols?: string[];
  internetExposed?: boolean;
  dicom?: { implementationClassUid?: string; implementationVersionName?: string; aeTitle?: string };
};

export type SoftwareFacts = {
  os?: string;
  components?: { name: string; version?: string; cpe?: string; purl?: string }[];
};

export type Observation = {
  observedAt: string;
  channel: Channel;
  action?: "seen" | "removed";
  claimed?: ClaimedIdentity;
  physical?: PhysicalEvidence;
  network?: NetworkFacts;
  software?: SoftwareFacts;
};

export type AgentReport = {
  schema: typeof REPORT_SCHEMA;
  reportId: string;
  sentAt: string;
  agent: { version: string; hostname: string };
  mode: "snapshot" | "delta";
  observations: Observation[];
};

/** The 202 answer (200 with duplicate: true for a replayed reportId). */
export type ReportAnswer = {
  reportId: string;
  accepted: number;
  devices: { new: number; updated: number };
  alerts: number;
  duplicate?: boolean;
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const HEX4 = /^[0-9a-f]{4}$/i;

function observationIssues(o: Observation, path: string): string[] {
  const issues: string[] = [];
  const c = o.claimed;
  if (!RFC3339.test(o.observedAt)) issues.push(`${path}.observedAt: not RFC 3339`);
  if (!(c?.mac || c?.usb || c?.serialNumber || o.physical?.ethernet?.switchPort)) issues.push(`${path}: no identifying key`);
  if (c?.mac !== undefined && !MAC.test(c.mac)) issues.push(`${path}.claimed.mac: not a MAC`);
  if (c?.usb && !(HEX4.test(c.usb.vendorId) && HEX4.test(c.usb.productId))) issues.push(`${path}.claimed.usb: ids are not 4 hex digits`);
  return issues;
}

/**
 * The contract's rules an agent can check on its own (the server checks more). Empty when fine.
 * The simulator's tests run every report it builds through this.
 */
export function reportIssues(report: AgentReport): string[] {
  const issues: string[] = [];
  if (report.schema !== REPORT_SCHEMA) issues.push("schema: wrong string");
  if (!REPORT_ID_PATTERN.test(report.reportId)) issues.push("reportId: does not match [A-Za-z0-9._:-]{8,128}");
  if (!RFC3339.test(report.sentAt)) issues.push("sentAt: not RFC 3339");
  if (!report.agent?.version || !report.agent?.hostname) issues.push("agent: version and hostname are required");
  if (report.observations.length > MAX_OBSERVATIONS_PER_REPORT) issues.push(`observations: more than ${MAX_OBSERVATIONS_PER_REPORT}`);
  report.observations.forEach((o, i) => issues.push(...observationIssues(o, `observations.${i}`)));
  return issues;
}
