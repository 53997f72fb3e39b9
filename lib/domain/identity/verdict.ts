// The verdict on one device in one report: what its fingerprint says, what the spoof rules and
// the policies say, and which alerts follow. The automatic counterpart of a person's approve /
// block (lib/commands/device-decisions.ts), which it never overrides. Pure: takes the device as
// stored (or null when new) and the evidence.
import { readDismissal, withoutDismissed } from "./spoof-dismissal";
import { canonicalInterfaces, compareFingerprints } from "./fingerprint";
import type { Policy } from "./policy";
import { policyStatus, SPOOF_STATUS_RULE } from "./policy-verdict";
import { fingerprintEvidenceKey, spoofEvidenceKey, unauthorizedEvidenceKey, type StandingEvidence } from "./alert-evidence";
import type { AlertInput } from "../words/alert-kinds";
import type { JsonValue } from "../protocol/agent-report";
import type { Evidence } from "./evidence";
import {
  keyboardWithHiddenInterfaces,
  knownIdentityFingerprintMismatch,
  locallyAdministeredMacOnMedicalDevice,
  macOnTwoPorts,
  superhumanKeystrokeRate,
  vendorContradiction,
  type PortSighting,
  type SpoofFinding,
} from "./spoof-rules";

export type { SpoofFinding };

/** A device as the database holds it, as far as the verdict needs. */
export type StoredDevice = {
  id: string;
  status: string;
  statusRule: string | null;
  category: string;
  vendor: string | null;
  segmentId: string | null;
  spoofSuspected: boolean;
  /** A person's dismissal of its spoof findings (spoof-dismissal.ts), as stored. */
  spoofDismissal?: unknown;
  switchPort: string | null;
  switchPortSeenAt: Date | null;
  claimedMac: string | null;
  factsHash: string | null;
  criticalitySource: string;
  lastSeenAt: Date;
  lastAgentId: string | null;
  notSeenAt: Date | null;
  currentFingerprint: { id: string; hash: string; attributes: Record<string, string | number | boolean> } | null;
  /** Its linked asset register entry: null makes it a shadow asset (a "registered only" policy's concern). */
  assetId?: string | null;
};

export type FingerprintDecision = { hash: string; attributes: Record<string, string | number | boolean>; verdict: string; similarity: number | null } | null;

export type Decision = {
  latest: Evidence;
  fingerprint: FingerprintDecision;
  spoofs: SpoofFinding[];
  status: { status: string; reason: string; rule: string } | null;
  alerts: AlertInput[];
  /** The alert conditions this report shows standing, with their evidence (see alert-evidence.ts). */
  standing: StandingEvidence;
};

/** `learning`: the device's site is in its learning period, so a new device raises no "new device" alert. */
export type VerdictOptions = { learning?: boolean };

export const SWITCH_PORT_WINDOW_MS = 10 * 60_000;

function latestOf(evidence: Evidence[]): Evidence {
  return evidence.reduce((a, b) => (Date.parse(b.observation.observedAt) >= Date.parse(a.observation.observedAt) ? b : a));
}

function fingerprintVerdict(stored: StoredDevice | null, latest: Evidence): FingerprintDecision {
  if (!latest.fingerprint) return null;
  const current = stored?.currentFingerprint;
  if (!current) return { ...latest.fingerprint, verdict: "initial", similarity: null };
  if (current.hash === latest.fingerprint.hash) return { ...latest.fingerprint, verdict: "same", similarity: 1 };
  const compared = compareFingerprints(current.attributes, latest.fingerprint.attributes);
  // Within the "same" threshold the difference is measurement noise: the device keeps its
  // fingerprint rather than growing a history of near-copies.
  if (compared.verdict === "same") return { hash: current.hash, attributes: current.attributes, verdict: "same", similarity: compared.score };
  return { ...latest.fingerprint, verdict: compared.verdict, similarity: compared.score ?? null };
}

function claimedIdentity(e: Evidence): string | null {
  if (e.mac) return e.mac;
  if (e.usb?.serial) return `USB ${e.usb.vendorId}:${e.usb.productId}:${e.usb.serial}`;
  return null;
}

function portSightings(stored: StoredDevice | null, evidence: Evidence[], agentId: string): PortSighting[] {
  const sightings: PortSighting[] = evidence.filter((e) => e.switchPort).map((e) => ({ switchPort: e.switchPort!, observedAt: e.observation.observedAt, agentId }));
  if (stored?.switchPort && stored.switchPortSeenAt) sightings.push({ switchPort: stored.switchPort, observedAt: stored.switchPortSeenAt, agentId: stored.lastAgentId });
  return sightings;
}

/** Runs the spoof rules on what one report says about one device, given what we knew before. */
export function findSpoofs(stored: StoredDevice | null, evidence: Evidence[], latest: Evidence, fingerprint: FingerprintDecision, windowMs: number, agentId: string): SpoofFinding[] {
  const findings: (SpoofFinding | null)[] = [];
  const identity = claimedIdentity(latest);
  if (identity && stored?.currentFingerprint && fingerprint && fingerprint.verdict === "different") {
    findings.push(knownIdentityFingerprintMismatch({ identity, known: stored.currentFingerprint.attributes, observed: fingerprint.attributes }));
  }
  if (latest.mac) findings.push(macOnTwoPorts({ mac: latest.mac, sightings: portSightings(stored, evidence, agentId), windowMs }));
  const usbEvidence = evidence.filter((e) => e.usb || e.observation.physical?.usb);
  for (const e of usbEvidence.slice(-1)) {
    findings.push(keyboardWithHiddenInterfaces({ claimedProduct: e.observation.claimed?.usb?.product, registryProduct: e.usbIdsProduct, interfaces: e.observation.physical?.usb?.interfaces }));
  }
  const rates = evidence.map((e) => e.observation.physical?.usb?.keystrokeRateCps).filter((r): r is number => typeof r === "number");
  // Barcode scanners and badge readers type at machine speed by design: the rule needs the names.
  if (rates.length) findings.push(superhumanKeystrokeRate({ keystrokeRateCps: Math.max(...rates), claimedProduct: latest.observation.claimed?.usb?.product, registryProduct: latest.usbIdsProduct }));
  findings.push(locallyAdministeredMacOnMedicalDevice({ mac: latest.mac, category: latest.category }));
  findings.push(
    vendorContradiction({
      ouiVendor: latest.ouiVendor,
      claimedVendor: latest.observation.claimed?.vendor,
      dicomImplementationClassUid: latest.observation.network?.dicom?.implementationClassUid,
      dhcpVendorClass: latest.observation.physical?.ethernet?.dhcpVendorClass,
    }),
  );
  return findings.filter((f): f is SpoofFinding => f !== null);
}

/** The claimed USB ids with what was measured of the device, for entries bound to the measurements. */
function usbFacts(latest: Evidence) {
  if (!latest.usb) return null;
  const measured = latest.observation.physical?.usb;
  const descriptor = measured?.hidReportDescriptorSha256;
  return { ...latest.usb, interfaces: canonicalInterfaces(measured?.interfaces) ?? null, hidReportDescriptorSha256: typeof descriptor === "string" ? descriptor : null };
}

export { SPOOF_STATUS_RULE };

/** The status policies give (policy-verdict.ts), on what this report measured. */
function statusVerdict(stored: StoredDevice | null, latest: Evidence, fingerprintHash: string | null, policies: Policy[], spoofs: SpoofFinding[]): Decision["status"] {
  // A new device's registration is not known until the reconciliation has looked it up (moments
  // later, lib/jobs/asset-reconciliation.ts): it then applies a "registered only" policy itself.
  const registered = stored && stored.assetId !== undefined ? { registered: stored.assetId !== null } : {};
  return policyStatus(stored, { category: latest.category, vendor: latest.vendor, fingerprintHash, usb: usbFacts(latest), ...registered }, policies, spoofs[0]?.summary ?? null);
}

/** The conditions standing after this report: spoof findings, an unauthorized status, a changed fingerprint. */
function standingEvidence(stored: StoredDevice | null, status: Decision["status"], spoofs: SpoofFinding[], fingerprint: FingerprintDecision, fingerprintHash: string | null): StandingEvidence {
  const standing: StandingEvidence = {};
  if (spoofs.length) standing.spoof = spoofEvidenceKey(spoofs, fingerprintHash);
  const rule = status ? (status.status === "unauthorized" ? status.rule : null) : stored?.status === "unauthorized" ? stored.statusRule : null;
  if (rule) standing.unauthorized = unauthorizedEvidenceKey(rule);
  if (!spoofs.length && fingerprint && (fingerprint.verdict === "changed" || fingerprint.verdict === "different")) standing.fingerprint_changed = fingerprintEvidenceKey(fingerprint.hash);
  return standing;
}

export function reportVerdict(deviceId: string, agentId: string, stored: StoredDevice | null, evidence: Evidence[], policies: Policy[], at: Date, options: VerdictOptions = {}): Decision {
  const latest = latestOf(evidence);
  const fingerprint = fingerprintVerdict(stored, latest);
  const found = findSpoofs(stored, evidence, latest, fingerprint, SWITCH_PORT_WINDOW_MS, agentId);
  // What a person reviewed and approved, on this fingerprint, does not raise the suspicion again.
  const fingerprintHash = fingerprint?.hash ?? stored?.currentFingerprint?.hash ?? null;
  const spoofs = withoutDismissed(found, readDismissal(stored?.spoofDismissal), fingerprintHash, at);
  const status = statusVerdict(stored, latest, fingerprint?.hash ?? null, policies, spoofs);
  const standing = standingEvidence(stored, status, spoofs, fingerprint, fingerprintHash);
  const alerts: AlertInput[] = [];
  const name = latest.displayName;
  // While its site learns, a new device is inventoried quietly; every other alert still fires.
  if (!stored && !options.learning) alerts.push({ kind: "new_device", severity: "info", title: `New device: ${name}`, detail: { category: latest.category, vendor: latest.vendor, segment: latest.segment }, at });
  // Becoming unauthorized is the event; staying so is not a new one.
  if (status?.status === "unauthorized" && stored?.status !== "unauthorized") alerts.push({ kind: "unauthorized", severity: "high", title: `Unauthorized: ${name}`, detail: { reason: status.reason, rule: status.rule }, evidenceKey: standing.unauthorized, at });
  if (spoofs.length) {
    // The alert is as severe as its most severe finding, and leads with that finding.
    const worst = spoofs.find((f) => f.severity === "critical") ?? spoofs[0];
    alerts.push({ kind: "spoof", severity: worst.severity, title: `Possible spoof: ${name} — ${worst.summary}`, detail: { findings: spoofs as unknown as JsonValue }, evidenceKey: standing.spoof, at });
  } else if (fingerprint?.verdict === "changed" || fingerprint?.verdict === "different") {
    alerts.push({ kind: "fingerprint_changed", severity: "medium", title: `Physical fingerprint changed: ${name}`, detail: { verdict: fingerprint.verdict, similarity: fingerprint.similarity }, evidenceKey: standing.fingerprint_changed, at });
  }
  return { latest, fingerprint, spoofs, status, alerts: alerts.map((a) => ({ ...a, deviceId })), standing };
}

/** A device a person blocked, found by its physical fingerprint. */
export type BlockedDevice = { deviceId: string; name: string };
export const BLOCKED_FINGERPRINT_RULE = "blocked.fingerprint";

/**
 * A new device whose physical fingerprint is that of a device a person blocked is the blocked
 * device again under a new claimed identity (a new MAC, a new serial string): it stays blocked,
 * and that is an event of its own. Returns the decision to apply instead.
 */
export function blockedReturn(deviceId: string, decision: Decision, blocked: BlockedDevice, at: Date): Decision {
  const name = decision.latest.displayName;
  const reason = `same physical fingerprint as ${blocked.name}, which a person blocked: it came back under another claimed identity`;
  const alert: AlertInput = {
    kind: "blocked_returned", severity: "critical", title: `Blocked device came back: ${name} is ${blocked.name}`,
    detail: { blockedDeviceId: blocked.deviceId, blocked: blocked.name, fingerprint: decision.fingerprint?.hash ?? null }, deviceId, at,
  };
  return { ...decision, status: { status: "unauthorized", reason, rule: BLOCKED_FINGERPRINT_RULE }, alerts: [...decision.alerts, alert] };
}
