// People handling alerts: acknowledge (someone is on it) and resolve (handled), the alerts they
// selected or every alert matching the list's filter. The alert vocabulary is in
// lib/domain/words/alert-kinds.ts; raising alerts in lib/db/alert-writes.ts.
import { z } from "zod";
import { actorUserId, audit, type AuditActor } from "../db/audit-trail";
import type { Db, Prisma } from "../db/client";
import { matchingAlertsWhere, openKeyFor } from "../db/alert-writes";
import { heldEvidenceOf } from "../domain/identity/alert-evidence";
import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_SINCE, ALERT_STATUS_FILTERS, MAX_ALERTS_MATCHING, type AlertKind } from "../domain/words/alert-kinds";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";

/** At most this many alerts are acknowledged or resolved in one go by selection. */
export const MAX_ALERTS_PER_ACTION = 500;
export { MAX_ALERTS_MATCHING };
/** Written this many at a time, so that no statement carries an unbounded list. */
const BATCH = 500;

const alertIds = z.array(z.string().min(1).max(64)).min(1).max(MAX_ALERTS_PER_ACTION);
const resolveNote = z.string().trim().max(500).optional();

function parseIds(ids: unknown): string[] {
  const parsed = alertIds.safeParse(ids);
  const message = `Choose between 1 and ${MAX_ALERTS_PER_ACTION} alerts.`;
  if (!parsed.success) throw badRequest("invalid_alerts", message, [{ path: "id", message }]);
  return [...new Set(parsed.data)];
}

function parseNote(note: unknown): string | null {
  const parsed = resolveNote.safeParse(note === null || note === "" ? undefined : note);
  if (parsed.success) return parsed.data || null;
  const message = "The note must be text of 500 characters at most.";
  throw badRequest("invalid_note", message, [{ path: "note", message }]);
}

type Tx = Prisma.TransactionClient;
type Resolvable = { id: string; status: string; acknowledgedAt: Date | null; kind: string; deviceId: string | null; agentId: string | null; evidenceKey: string | null };
const RESOLVABLE = { id: true, status: true, acknowledgedAt: true, kind: true, deviceId: true, agentId: true, evidenceKey: true } as const;

/** Acknowledges the open ones among `ids`; how many it changed. */
async function acknowledgeRows(tx: Tx, ids: string[], by: string | null, at: Date): Promise<number> {
  return (await tx.alert.updateMany({ where: { id: { in: ids }, status: "open" }, data: { status: "acknowledged", acknowledgedAt: at, acknowledgedById: by } })).count;
}

/**
 * Resolves active alerts: who and when (and acknowledged, if nobody had), the subject's open key
 * freed so that a new finding opens a new alert, and the evidence held (Alert.heldEvidence) so
 * that the same evidence in the next report does not. How many it resolved: an alert that closed
 * by itself since it was read (its condition cleared, on a database that lets another writer in)
 * is neither counted nor given held evidence, since no person resolved it.
 */
async function resolveRows(tx: Tx, active: Resolvable[], by: string | null, at: Date): Promise<number> {
  const unacknowledged = active.filter((a) => !a.acknowledgedAt).map((a) => a.id);
  if (unacknowledged.length) await tx.alert.updateMany({ where: { id: { in: unacknowledged }, acknowledgedAt: null }, data: { acknowledgedAt: at, acknowledgedById: by } });
  const { count } = await tx.alert.updateMany({ where: { id: { in: active.map((a) => a.id) }, status: { not: "resolved" } }, data: { status: "resolved", resolvedAt: at, resolvedById: by, openKey: null } });
  for (const a of active) {
    if (!a.evidenceKey) continue;
    const openKey = openKeyFor({ kind: a.kind as AlertKind, deviceId: a.deviceId ?? undefined, agentId: a.agentId ?? undefined });
    await tx.alert.updateMany({ where: { id: a.id, resolvedAt: at, resolvedById: by, resolvedReason: null }, data: { heldEvidence: heldEvidenceOf(openKey, a.evidenceKey) } });
  }
  return count;
}

/**
 * Acknowledges alerts: someone has seen them and is on it. Only open ones change (an
 * acknowledged or resolved alert keeps its who and when); one audit row per changed alert.
 * Unknown ids refuse the whole call and nothing is written.
 */
export async function acknowledgeAlerts(db: Db, ids: unknown, actor: AuditActor): Promise<{ acknowledged: number; unchanged: number }> {
  const wanted = parseIds(ids);
  return db.$transaction(async (tx) => {
    const alerts = await tx.alert.findMany({ where: { id: { in: wanted } }, select: { id: true, status: true } });
    if (alerts.length !== wanted.length) throw notFound("alert");
    const open = alerts.filter((a) => a.status === "open").map((a) => a.id);
    if (open.length) {
      await acknowledgeRows(tx, open, actorUserId(actor), new Date());
      for (const id of open) await audit(tx, { actor, action: "alert.acknowledge", targetType: "alert", targetId: id, before: { status: "open" }, after: { status: "acknowledged" } });
    }
    return { acknowledged: open.length, unchanged: alerts.length - open.length };
  });
}

/** Resolves alerts: handled. Resolved alerts are left alone; one audit row per changed alert, carrying the note if any. */
export async function resolveAlerts(db: Db, ids: unknown, actor: AuditActor, note?: unknown): Promise<{ resolved: number; unchanged: number }> {
  const wanted = parseIds(ids);
  const text = parseNote(note);
  return db.$transaction(async (tx) => {
    const alerts = await tx.alert.findMany({ where: { id: { in: wanted } }, select: RESOLVABLE });
    if (alerts.length !== wanted.length) throw notFound("alert");
    const active = alerts.filter((a) => a.status !== "resolved");
    const resolved = active.length ? await resolveRows(tx, active, actorUserId(actor), new Date()) : 0;
    for (const a of active) await audit(tx, { actor, action: "alert.resolve", targetType: "alert", targetId: a.id, before: { status: a.status }, after: { status: "resolved", note: text } });
    return { resolved, unchanged: alerts.length - resolved };
  });
}

// ─── Everything matching the filter ──────────────────────────────────────────────────────────

const id64 = z.string().trim().min(1).max(64);
/** The list's filter, strictly: a value the list would ignore here refuses the action (it would widen it). */
const matchingFilter = z.strictObject({
  kind: z.enum(ALERT_KINDS).optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  status: z.enum(ALERT_STATUS_FILTERS).default("active"),
  device: id64.optional(),
  agent: id64.optional(),
  site: id64.optional(),
  since: z.enum(Object.keys(ALERT_SINCE) as [keyof typeof ALERT_SINCE]).optional(),
});
const matchingInput = z.object({ filter: matchingFilter, expected: z.coerce.number().int().min(1).max(MAX_ALERTS_MATCHING), note: z.unknown().optional() });
export type MatchingOp = "acknowledge" | "resolve";
/**
 * How many alerts the filter matched, how many this action changed, and the rest it skipped, by
 * why: `handled` were already acknowledged or resolved when it began, `meanwhile` were acknowledged
 * or closed by someone or something else while it ran.
 */
export type MatchingResult = { matched: number; changed: number; skipped: { handled: number; meanwhile: number } };

/** How far the count may have moved since the person confirmed it: alerts keep arriving. */
const drifted = (matched: number, expected: number) => Math.abs(matched - expected) > Math.max(25, Math.ceil(expected * 0.1));

/**
 * Acknowledges or resolves every alert the list's filter matches, across every page. The filter
 * is applied again here (never a list of ids from the browser), in batches, in one transaction,
 * with one audit row naming the filter, the count and the note. Refused, with nothing changed,
 * when the filter is not one the list makes, matches too many, or matches a count far from the
 * one the person confirmed (`expected`). Answers how many matched and how many really changed.
 */
export async function handleMatchingAlerts(db: Db, op: MatchingOp, input: unknown, actor: AuditActor, now = new Date()): Promise<MatchingResult> {
  const parsed = matchingInput.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_filter", "That filter or count is not one the alerts list makes: reload the list and try again.", zodIssues(parsed.error));
  const { filter, expected } = parsed.data;
  const text = op === "resolve" ? parseNote(parsed.data.note) : null;
  const where = matchingAlertsWhere(filter, now);
  const actionable: Prisma.AlertWhereInput = { AND: [where, op === "acknowledge" ? { status: "open" } : { status: { not: "resolved" } }] };
  const by = actorUserId(actor);
  return db.$transaction(async (tx) => {
    const matched = await tx.alert.count({ where });
    if (matched > MAX_ALERTS_MATCHING) throw badRequest("too_many_alerts", `${matched} alerts match: at most ${MAX_ALERTS_MATCHING} at once. Narrow the filter first; nothing changed.`);
    if (drifted(matched, expected)) throw conflict(`${matched} alerts match this filter now, not the ${expected} you confirmed: look at the list again. Nothing changed.`);
    const handled = matched - (await tx.alert.count({ where: actionable }));
    let changed = 0;
    // Each batch leaves the actionable set once written, so the next read finds the next ones.
    for (let round = 0; round <= Math.ceil(matched / BATCH); round++) {
      const rows = await tx.alert.findMany({ where: actionable, select: RESOLVABLE, orderBy: { id: "asc" }, take: BATCH });
      if (!rows.length) break;
      // What the write really changed, never what was read: the answer counts only those.
      changed += op === "acknowledge" ? await acknowledgeRows(tx, rows.map((r) => r.id), by, now) : await resolveRows(tx, rows, by, now);
    }
    // Nothing changed is no decision to keep.
    if (changed) await audit(tx, {
      actor, action: `alert.${op}_matching`, targetType: "alert", targetId: null,
      before: { filter, matched, confirmed: expected }, after: { status: op === "acknowledge" ? "acknowledged" : "resolved", changed, note: text },
    });
    return { matched, changed, skipped: { handled, meanwhile: Math.max(0, matched - handled - changed) } };
  }, { maxWait: 10_000, timeout: 120_000 });
}
