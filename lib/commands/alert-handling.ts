// People handling alerts: acknowledge (someone is on it) and resolve (handled). The alert
// vocabulary is in lib/domain/words/alert-kinds.ts; raising alerts in lib/db/alert-writes.ts.
import { z } from "zod";
import { audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { badRequest, notFound } from "../web/errors";

/** At most this many alerts are acknowledged or resolved in one go. */
export const MAX_ALERTS_PER_ACTION = 500;

const alertIds = z.array(z.string().min(1).max(64)).min(1).max(MAX_ALERTS_PER_ACTION);
const resolveNote = z.string().trim().max(500).optional();

function parseIds(ids: unknown): string[] {
  const parsed = alertIds.safeParse(ids);
  const message = `Choose between 1 and ${MAX_ALERTS_PER_ACTION} alerts.`;
  if (!parsed.success) throw badRequest("invalid_alerts", message, [{ path: "id", message }]);
  return [...new Set(parsed.data)];
}

const userIdOf = (actor: AuditActor) => ("id" in actor ? actor.id : null);

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
    const at = new Date();
    if (open.length) {
      await tx.alert.updateMany({ where: { id: { in: open }, status: "open" }, data: { status: "acknowledged", acknowledgedAt: at, acknowledgedById: userIdOf(actor) } });
      for (const id of open) await audit(tx, { actor, action: "alert.acknowledge", targetType: "alert", targetId: id, before: { status: "open" }, after: { status: "acknowledged" } });
    }
    return { acknowledged: open.length, unchanged: alerts.length - open.length };
  });
}

/**
 * Resolves alerts: handled. Sets who and when (and acknowledges, if nobody had), and frees the
 * subject's open key so that a repeat opens a new alert instead of bumping this one. Resolved
 * alerts are left alone; one audit row per changed alert, carrying the note if any.
 */
export async function resolveAlerts(db: Db, ids: unknown, actor: AuditActor, note?: unknown): Promise<{ resolved: number; unchanged: number }> {
  const wanted = parseIds(ids);
  const parsedNote = resolveNote.safeParse(note === null || note === "" ? undefined : note);
  if (!parsedNote.success) {
    const message = "The note must be text of 500 characters at most.";
    throw badRequest("invalid_note", message, [{ path: "note", message }]);
  }
  const text = parsedNote.data || null;
  return db.$transaction(async (tx) => {
    const alerts = await tx.alert.findMany({ where: { id: { in: wanted } }, select: { id: true, status: true, acknowledgedAt: true } });
    if (alerts.length !== wanted.length) throw notFound("alert");
    const active = alerts.filter((a) => a.status !== "resolved");
    const at = new Date();
    const by = userIdOf(actor);
    const unacknowledged = active.filter((a) => !a.acknowledgedAt).map((a) => a.id);
    if (unacknowledged.length) await tx.alert.updateMany({ where: { id: { in: unacknowledged }, acknowledgedAt: null }, data: { acknowledgedAt: at, acknowledgedById: by } });
    if (active.length) {
      await tx.alert.updateMany({ where: { id: { in: active.map((a) => a.id) }, status: { not: "resolved" } }, data: { status: "resolved", resolvedAt: at, resolvedById: by, openKey: null } });
      for (const a of active) await audit(tx, { actor, action: "alert.resolve", targetType: "alert", targetId: a.id, before: { status: a.status }, after: { status: "resolved", note: text } });
    }
    return { resolved: active.length, unchanged: alerts.length - active.length };
  });
}
