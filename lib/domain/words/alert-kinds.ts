// The alert vocabulary: what kinds of alert there are, how severe, and what one says. Raised by
// ingestion, the silence check, the risk refresh and people's decisions; shown by the views.
import type { JsonValue } from "../protocol/agent-report";

export const ALERT_KINDS = ["new_device", "unauthorized", "spoof", "fingerprint_changed", "risk_jump", "device_silent", "agent_offline"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/** Each kind in the product's words, for people who are not security specialists. */
export const ALERT_KIND_WORDS: Record<AlertKind, string> = {
  new_device: "New device",
  unauthorized: "Unauthorized device",
  spoof: "Spoof suspected",
  fingerprint_changed: "Fingerprint changed",
  risk_jump: "Risk jumped",
  device_silent: "Device gone silent",
  agent_offline: "Agent offline",
};
export const ALERT_SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof ALERT_SEVERITIES)[number];
/** The kinds raised about an agent (the others are about a device). */
export const AGENT_ALERT_KINDS = ["agent_offline"] as const satisfies readonly AlertKind[];

/** One alert to raise, about a device or an agent. */
export type AlertInput = {
  kind: AlertKind;
  severity: Severity;
  title: string;
  detail?: JsonValue;
  deviceId?: string;
  agentId?: string;
  at?: Date;
};
