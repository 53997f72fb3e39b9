// The fan-out pass: new alerts and audit entries become queued messages, one per destination that
// wants them. Never on the ingestion path: a job reads what was committed, after a cursor kept in
// the Setting table, so a slow or dead receiver never slows a report down.
//
// Two scans per pass, so a burst never stalls the cursor:
// - forward, after the cursor (time, id) up to now, in bounded pages; the cursor only moves forward;
// - late, the 2 minutes before the cursor again, for transactions that committed after a pass had
//   already gone by their time; what is queued already is skipped with one lookup.
// Both enqueue with ON CONFLICT DO NOTHING, so two instances (or both scans) queue an event once.
import type { Db } from "../db/client";
import { alertEvent, auditEvent } from "../domain/integrations/event-compose";
import type { OutboundEvent } from "../domain/integrations/events";
import { webhookWants } from "../domain/integrations/webhook-filter";
import { syslogWants } from "../domain/integrations/syslog-filter";
import { buildEvents, type AlertSource, type AuditSource } from "./event-build";
import { enqueueMessages, type NewMessage } from "../db/outbound-sql";

export const FAN_OUT_CURSOR = "outbound.fanout.cursor";
/** How far the cursor may lag now while there is no destination before it is moved up. */
const IDLE_SKIP_MS = 60_000;
const LOOKBACK_MS = 120_000;

type Position = { at: string; id: string };
// `since`: the first run; the late scan never reaches before it.
type Cursor = { since: string; alerts: Position; audit: Position };
type Destination = { key: string; webhookId: string | null; syslogTargetId: string | null; createdAt: Date; wants: (event: OutboundEvent) => boolean };
export type FanOutOptions = { now?: Date; pageSize?: number; maxPages?: number; lookbackMs?: number; lateLimit?: number };
export type FanOutSummary = { events: number; enqueued: number };

export async function fanOut(db: Db, options: FanOutOptions = {}): Promise<FanOutSummary> {
  const now = options.now ?? new Date();
  const stored = await readCursor(db, now);
  if (!stored) return { events: 0, enqueued: 0 }; // the first run: start now, replay nothing
  const destinations = await loadDestinations(db);
  if (!destinations.length) {
    // Nothing to send to, and a destination made later wants only what comes after it: skip ahead,
    // once a minute rather than at every pass, so an idle install does not write every 2 seconds.
    if (now.getTime() - Date.parse(stored.cursor.alerts.at) < IDLE_SKIP_MS) return { events: 0, enqueued: 0 };
    const at = { at: now.toISOString(), id: "" };
    await moveCursor(db, stored.raw, { since: stored.cursor.since, alerts: at, audit: at });
    return { events: 0, enqueued: 0 };
  }
  const pageSize = options.pageSize ?? 500;
  const next: Cursor = { since: stored.cursor.since, alerts: { ...stored.cursor.alerts }, audit: { ...stored.cursor.audit } };
  const summary: FanOutSummary = { events: 0, enqueued: 0 };
  const add = (s: FanOutSummary) => { summary.events += s.events; summary.enqueued += s.enqueued; };
  for (let page = 0; page < (options.maxPages ?? 20); page++) {
    const alerts = await alertsAfter(db, next.alerts, now, pageSize);
    const audits = await auditsAfter(db, next.audit, now, pageSize);
    if (alerts.length) next.alerts = { at: alerts.at(-1)!.firstAt.toISOString(), id: alerts.at(-1)!.id };
    if (audits.length) next.audit = { at: audits.at(-1)!.at.toISOString(), id: audits.at(-1)!.id };
    add(await enqueueWanted(db, destinations, alerts, audits, now));
    if (alerts.length < pageSize && audits.length < pageSize) break;
  }
  const late = options.lateLimit ?? 2_000;
  const lookback = options.lookbackMs ?? LOOKBACK_MS;
  const floor = new Date(stored.cursor.since);
  add(await enqueueWanted(db, destinations, await lateAlerts(db, stored.cursor.alerts, floor, lookback, late), await lateAudits(db, stored.cursor.audit, floor, lookback, late), now));
  await moveCursor(db, stored.raw, next);
  return summary;
}

/** Which (destination, event) pairs are wanted and not yet queued; queues them with the full event. */
async function enqueueWanted(db: Db, destinations: Destination[], alerts: AlertSource[], audits: AuditSource[], now: Date): Promise<FanOutSummary> {
  if (!destinations.length || (!alerts.length && !audits.length)) return { events: alerts.length + audits.length, enqueued: 0 };
  // The filters need only the kind and severity: the device is looked up for wanted events only.
  const light = [...alerts.map((a) => alertEvent(a, null, null, null)), ...audits.map((a) => auditEvent(a, null, null))];
  const wanted = new Map<string, Destination[]>();
  for (const event of light) {
    const at = new Date(event.occurredAt);
    const to = destinations.filter((d) => d.createdAt <= at && d.wants(event));
    if (to.length) wanted.set(event.id, to);
  }
  if (!wanted.size) return { events: light.length, enqueued: 0 };
  const queued = await db.outboundMessage.findMany({ where: { destination: { in: destinations.map((d) => d.key) }, eventKey: { in: [...wanted.keys()] } }, select: { destination: true, eventKey: true } });
  const done = new Set(queued.map((q) => `${q.destination} ${q.eventKey}`));
  const missing = (key: string) => (wanted.get(key) ?? []).filter((d) => !done.has(`${d.key} ${key}`));
  const events = await buildEvents(db, alerts.filter((a) => missing(`alert:${a.id}`).length), audits.filter((a) => missing(`audit:${a.id}`).length));
  const messages: NewMessage[] = events.flatMap((event) => missing(event.id).map((d) => ({ destination: d.key, webhookId: d.webhookId, syslogTargetId: d.syslogTargetId, event })));
  return { events: light.length, enqueued: messages.length ? await enqueueMessages(db, messages, now) : 0 };
}

async function loadDestinations(db: Db): Promise<Destination[]> {
  const [webhooks, targets] = await Promise.all([
    db.webhookSubscription.findMany({ where: { enabled: true }, select: { id: true, kinds: true, minSeverity: true, createdAt: true } }),
    db.syslogTarget.findMany({ where: { enabled: true }, select: { id: true, events: true, minSeverity: true, createdAt: true } }),
  ]);
  return [
    ...webhooks.map((w) => ({ key: `webhook:${w.id}`, webhookId: w.id, syslogTargetId: null, createdAt: w.createdAt, wants: (e: OutboundEvent) => webhookWants(w, e) })),
    ...targets.map((t) => ({ key: `syslog:${t.id}`, webhookId: null, syslogTargetId: t.id, createdAt: t.createdAt, wants: (e: OutboundEvent) => syslogWants(t, e) })),
  ];
}

const ALERT_FIELDS = { id: true, kind: true, severity: true, title: true, status: true, count: true, firstAt: true, lastAt: true, detail: true, deviceId: true, agentId: true } as const;

function alertsAfter(db: Db, after: Position, now: Date, take: number): Promise<AlertSource[]> {
  const at = new Date(after.at);
  return db.alert.findMany({ where: { firstAt: { lte: now }, OR: [{ firstAt: { gt: at } }, { firstAt: at, id: { gt: after.id } }] }, orderBy: [{ firstAt: "asc" }, { id: "asc" }], take, select: ALERT_FIELDS });
}

function auditsAfter(db: Db, after: Position, now: Date, take: number): Promise<AuditSource[]> {
  const at = new Date(after.at);
  return db.auditLog.findMany({ where: { at: { lte: now }, OR: [{ at: { gt: at } }, { at, id: { gt: after.id } }] }, orderBy: [{ at: "asc" }, { id: "asc" }], take });
}

/** The rows in the lookback window before the cursor (newest first, bounded). */
function lateAlerts(db: Db, cursor: Position, floor: Date, lookbackMs: number, take: number): Promise<AlertSource[]> {
  const at = new Date(cursor.at);
  return db.alert.findMany({ where: { firstAt: { gt: windowStart(at, floor, lookbackMs), lte: at } }, orderBy: [{ firstAt: "desc" }, { id: "desc" }], take, select: ALERT_FIELDS });
}

function lateAudits(db: Db, cursor: Position, floor: Date, lookbackMs: number, take: number): Promise<AuditSource[]> {
  const at = new Date(cursor.at);
  return db.auditLog.findMany({ where: { at: { gt: windowStart(at, floor, lookbackMs), lte: at } }, orderBy: [{ at: "desc" }, { id: "desc" }], take });
}

const windowStart = (at: Date, floor: Date, lookbackMs: number) => new Date(Math.max(floor.getTime(), at.getTime() - lookbackMs));

/** The stored cursor; on the very first run, stores now (installing does not replay history) and returns null. */
async function readCursor(db: Db, now: Date): Promise<{ raw: string; cursor: Cursor } | null> {
  const row = await db.setting.findUnique({ where: { key: FAN_OUT_CURSOR } });
  if (row) return { raw: row.value, cursor: JSON.parse(row.value) as Cursor };
  const start: Position = { at: now.toISOString(), id: "" };
  // Two instances starting at once: one insert wins, the other changes nothing.
  await db.setting.upsert({ where: { key: FAN_OUT_CURSOR }, create: { key: FAN_OUT_CURSOR, value: JSON.stringify({ since: start.at, alerts: start, audit: start }) }, update: {} }).catch(() => undefined);
  return null;
}

/** Compare-and-set: if another instance moved the cursor meanwhile, its position stands (it is ahead or level). */
async function moveCursor(db: Db, before: string, next: Cursor) {
  const value = JSON.stringify(next);
  if (value !== before) await db.setting.updateMany({ where: { key: FAN_OUT_CURSOR, value: before }, data: { value } });
}
