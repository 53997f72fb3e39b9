// Composes the outbound events (events.ts) from what the database holds, in the product's words.
// Pure: lib/outbound/event-build.ts reads the rows and hands them here.
import { ALERT_KIND_WORDS, type AlertKind, type Severity } from "../words/alert-kinds";
import type { JsonValue } from "../protocol/agent-report";
import { EVENT_SCHEMA, type EventAgent, type EventAlert, type EventAudit, type EventDevice, type EventQuarantine, type OutboundEvent, type QuarantineKind } from "./events";

/** The audit actions that are network quarantine decisions, and the event kind each becomes. */
export const QUARANTINE_ACTIONS: Record<string, { kind: QuarantineKind; action: EventQuarantine["action"]; severity: Severity }> = {
  "device.block": { kind: "device.blocked", action: "block", severity: "high" },
  "device.approve": { kind: "device.allowed", action: "allow", severity: "info" },
};

const SEVERITIES = new Set<string>(["critical", "high", "medium", "low", "info"]);
const asSeverity = (value: string): Severity => (SEVERITIES.has(value) ? (value as Severity) : "info");

export type AlertRow = { id: string; kind: string; severity: string; title: string; status: string; count: number; firstAt: Date; lastAt: Date; detail: unknown };
export type AuditRow = { id: string; at: Date; actorLabel: string; action: string; targetType: string; targetId: string | null; before: unknown; after: unknown; ip: string | null };

/** The dashboard page of a device, when the dashboard knows its own address (NEXTAUTH_URL). */
export function deviceLink(baseUrl: string | undefined, deviceId: string | null | undefined): string | null {
  if (!baseUrl || !deviceId) return null;
  return `${baseUrl.replace(/\/+$/, "")}/devices/${encodeURIComponent(deviceId)}`;
}

export function alertEvent(alert: AlertRow, device: EventDevice | null, agent: EventAgent | null, link: string | null): OutboundEvent {
  const kindWords = ALERT_KIND_WORDS[alert.kind as AlertKind] ?? alert.kind;
  const eventAlert: EventAlert = {
    id: alert.id, kind: alert.kind, kindWords, severity: asSeverity(alert.severity), title: alert.title, status: alert.status,
    count: alert.count, firstAt: alert.firstAt.toISOString(), lastAt: alert.lastAt.toISOString(), detail: (alert.detail ?? null) as JsonValue | null,
  };
  const about = device ? ` on ${device.name}${device.site ? ` (${device.site})` : ""}` : agent ? ` on agent ${agent.name}` : "";
  return {
    schema: EVENT_SCHEMA, id: `alert:${alert.id}`, type: "alert", kind: alert.kind, severity: eventAlert.severity, occurredAt: eventAlert.firstAt,
    summary: oneLine(`${kindWords} (${eventAlert.severity})${about}: ${alert.title}`), link, alert: eventAlert, device, agent,
  };
}

/** An audit entry; a block or an approval also carries the quarantine a NAC acts on. */
export function auditEvent(entry: AuditRow, device: EventDevice | null, link: string | null): OutboundEvent {
  const eventAudit: EventAudit = {
    id: entry.id, at: entry.at.toISOString(), actor: entry.actorLabel, action: entry.action, targetType: entry.targetType, targetId: entry.targetId,
    before: (entry.before ?? null) as JsonValue | null, after: (entry.after ?? null) as JsonValue | null, ip: entry.ip,
  };
  const quarantine = QUARANTINE_ACTIONS[entry.action];
  if (!quarantine) {
    const target = entry.targetId ? ` ${entry.targetType} ${entry.targetId}` : ` ${entry.targetType}`;
    const summary = oneLine(`${entry.actorLabel} did ${entry.action} on${device ? ` ${device.name}` : target}`);
    return { schema: EVENT_SCHEMA, id: `audit:${entry.id}`, type: "audit", kind: entry.action, severity: "info", occurredAt: eventAudit.at, summary, link, audit: eventAudit, device };
  }
  const reason = reasonOf(entry.after) ?? `${quarantine.action === "block" ? "blocked" : "approved"} by ${entry.actorLabel}`;
  const q: EventQuarantine = {
    action: quarantine.action, mac: device?.mac ?? null, ip: device?.ip ?? null, switchPort: device?.switchPort ?? null, vlan: device?.vlan ?? null,
    reason, decidedBy: entry.actorLabel,
  };
  const verb = quarantine.action === "block" ? "Blocked" : "Allowed";
  const where = [q.mac && `MAC ${q.mac}`, q.switchPort && `port ${q.switchPort}`, q.vlan !== null && `VLAN ${q.vlan}`].filter(Boolean).join(", ");
  const summary = oneLine(`${verb} ${device?.name ?? entry.targetId ?? "a device"}${where ? ` (${where})` : ""} by ${entry.actorLabel}: ${reason}`);
  return { schema: EVENT_SCHEMA, id: `audit:${entry.id}`, type: quarantine.kind, kind: quarantine.kind, severity: quarantine.severity, occurredAt: eventAudit.at, summary, link, quarantine: q, device, audit: eventAudit };
}

/** The made-up event of the "Test send" button: says what it is, so nobody acts on it. */
export function testEvent(uuid: string, at: Date, requestedBy: string): OutboundEvent {
  return {
    schema: EVENT_SCHEMA, id: `test:${uuid}`, type: "test", kind: "test", severity: "info", occurredAt: at.toISOString(), link: null,
    summary: oneLine(`Test event sent by ${requestedBy} from the IoMT dashboard: nothing happened, nothing to do`),
  };
}

function reasonOf(after: unknown): string | null {
  const reason = after && typeof after === "object" ? (after as { reason?: unknown }).reason : null;
  return typeof reason === "string" && reason.trim() ? reason.trim() : null;
}

/** Summaries are one line (a chat message, a syslog msg), whatever a device or a person named things. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").slice(0, 500);
}
