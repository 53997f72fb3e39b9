// Which events a webhook subscription wants: the kinds it names (alert kinds, "audit",
// "device.blocked", "device.allowed") and, for alerts, a minimum severity.
import { ALERT_KINDS, ALERT_SEVERITIES, type Severity } from "../words/alert-kinds";
import { QUARANTINE_KINDS, type OutboundEvent } from "./events";

/** Every kind a subscription may name. */
export const WEBHOOK_KINDS = [...ALERT_KINDS, "audit", ...QUARANTINE_KINDS] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** critical = 4 … info = 0. */
export function severityRank(severity: string): number {
  const index = ALERT_SEVERITIES.indexOf(severity as Severity);
  return index < 0 ? 0 : ALERT_SEVERITIES.length - 1 - index;
}

/** The kinds as stored (JSON): only the known ones, whatever the column holds. */
export function webhookKindsOf(kinds: unknown): WebhookKind[] {
  if (!Array.isArray(kinds)) return [];
  const known = new Set<string>(WEBHOOK_KINDS);
  return kinds.filter((k): k is WebhookKind => typeof k === "string" && known.has(k));
}

/**
 * A quarantine decision is also an audit entry: a subscription to "audit" receives it too (one
 * event, sent once). The minimum severity applies to alerts only: a person who subscribes to
 * "device.allowed" wants every one, though each is info. Test events are never fanned out.
 */
export function webhookWants(subscription: { kinds: unknown; minSeverity: string }, event: OutboundEvent): boolean {
  const kinds = new Set<string>(webhookKindsOf(subscription.kinds));
  if (event.type === "alert") return kinds.has(event.kind) && severityRank(event.severity) >= severityRank(subscription.minSeverity);
  if (event.type === "audit") return kinds.has("audit");
  if (event.type === "device.blocked" || event.type === "device.allowed") return kinds.has(event.type) || kinds.has("audit");
  return false;
}
