// The alert vocabulary: what kinds of alert there are, how severe, and what one says. Raised by
// ingestion, the silence check, the risk refresh and people's decisions; shown by the views.
import type { JsonValue } from "../protocol/agent-report";

export const ALERT_KINDS = ["new_device", "unauthorized", "spoof", "fingerprint_changed", "risk_jump", "device_silent", "agent_offline", "moved_or_duplicated", "blocked_returned", "unplanned_firmware", "firmware_change_failed"] as const;
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
  moved_or_duplicated: "Device moved or duplicated",
  blocked_returned: "Blocked device came back",
  unplanned_firmware: "Unplanned firmware change",
  firmware_change_failed: "Firmware change failed",
};
/** What each kind means, for the alert list's explanations. */
export const ALERT_KIND_EXPLANATIONS: Record<AlertKind, string> = {
  new_device: "An agent reported a device the inventory did not know.",
  unauthorized: "A device breaks a policy of its site or segment.",
  spoof: "What a device claims to be does not match what was measured.",
  fingerprint_changed: "The physical measurements of a known device changed.",
  risk_jump: "A device's risk score rose sharply.",
  device_silent: "A device has not been seen for longer than the silence window.",
  agent_offline: "An agent missed two reporting intervals.",
  moved_or_duplicated:
    "A second agent reported a device on another segment. While the first agent is online the device stays where it is (a clone, a spoofed identity or a misplaced sensor); when the first agent is revoked, offline or no longer sees it, the device moves.",
  blocked_returned:
    "A device a person blocked came back under another claimed identity (a new MAC, a new serial) with the same physical fingerprint: it is kept unauthorized.",
  unplanned_firmware:
    "A device reported new firmware that no approved change plan covered. The device is flagged until a person reviews the change; a downgrade to a version an advisory names as affected is critical.",
  firmware_change_failed:
    "A device in a change plan did not report the target firmware by the end of its window (still on the old version, on a third one, or not seen): its contingency is a task with an owner and a due date.",
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
  /** What raised it (lib/domain/identity/alert-evidence.ts): a person's resolve holds on to it. */
  evidenceKey?: string;
};

/** The alert list's status filter: "active" is open or acknowledged, i.e. not resolved. */
export const ALERT_STATUS_FILTERS = ["active", "open", "acknowledged", "resolved"] as const;
export type AlertStatusFilter = (typeof ALERT_STATUS_FILTERS)[number];
/** "Apply to all matching this filter" acts on at most this many alerts: beyond, narrow the filter. */
export const MAX_ALERTS_MATCHING = 20_000;
/** The "last seen" filter, in days. */
export const ALERT_SINCE = { "24h": 1, "7d": 7, "30d": 30 } as const;

/** The alert list's filters, as the view reads them and as a bulk action re-applies them. */
export type AlertFilter = {
  kind?: AlertKind;
  severity?: Severity;
  status: AlertStatusFilter;
  device?: string;
  agent?: string;
  /** A site's id: alerts about its devices and agents. */
  site?: string;
  since?: keyof typeof ALERT_SINCE;
};
