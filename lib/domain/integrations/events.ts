// What leaves the dashboard: one event per alert opened, audit entry written, or quarantine
// decision, in one JSON shape that webhooks post as their body and syslog carries (as CEF fields
// or as the JSON itself). Receivers deduplicate by `id`, which a retry or a redelivery keeps.
import type { JsonValue } from "../protocol/agent-report";
import type { Severity } from "../words/alert-kinds";

export const EVENT_SCHEMA = "iomt.event/v1";

/** Network quarantine, for a NAC (PacketFence, Cisco ISE, Aruba ClearPass, FortiNAC). */
export const QUARANTINE_KINDS = ["device.blocked", "device.allowed"] as const;
export type QuarantineKind = (typeof QUARANTINE_KINDS)[number];

export type EventType = "alert" | "audit" | QuarantineKind | "test";

/** The device an event is about, with what a NAC or a SIEM needs to find it on the network. */
export type EventDevice = {
  id: string;
  name: string;
  category: string;
  vendor: string | null;
  model: string | null;
  status: string;
  statusReason: string | null;
  mac: string | null;
  ip: string | null;
  hostname: string | null;
  usb: { vendorId: string; productId: string; serial: string | null } | null;
  site: string | null;
  segment: string | null;
  switchPort: string | null;
  vlan: number | null;
  riskScore: number;
  riskTier: string;
};

/** The agent an agent alert (agent offline) is about. */
export type EventAgent = { id: string; name: string; hostname: string | null; site: string | null };

export type EventAlert = {
  id: string;
  kind: string;
  kindWords: string;
  severity: Severity;
  title: string;
  status: string;
  count: number;
  firstAt: string;
  lastAt: string;
  detail: JsonValue | null;
};

export type EventAudit = {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
  ip: string | null;
};

export type EventQuarantine = {
  action: "block" | "allow";
  mac: string | null;
  ip: string | null;
  switchPort: string | null;
  vlan: number | null;
  reason: string;
  decidedBy: string;
};

export type OutboundEvent = {
  schema: typeof EVENT_SCHEMA;
  /** "alert:<id>", "audit:<id>", "test:<uuid>": the same on every try of every destination. */
  id: string;
  type: EventType;
  /** The alert kind, the audit action, the quarantine kind, or "test". */
  kind: string;
  severity: Severity;
  occurredAt: string;
  summary: string;
  /** The dashboard page a person opens for it, when the dashboard knows its own address. */
  link: string | null;
  alert?: EventAlert;
  audit?: EventAudit;
  device?: EventDevice | null;
  /** Alerts about an agent (agent offline) name it here. */
  agent?: EventAgent | null;
  quarantine?: EventQuarantine;
};
