// People's decisions on possible matches: confirm (the CVE applies, score it), dismiss (it does
// not, stop listing and scoring it) and undo. Role-checked by the caller (canReviewMatches),
// audited here. A decision is kept per device and CVE (MatchDecision), not on the match row, so
// re-imports and rescoring keep it; the risk refresh applies it (lib/domain/vulns/decided-matches.ts).
import { z } from "zod";
import { actorLabel, audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { refreshRisk } from "../jobs/risk-refresh";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";

const subject = { deviceId: z.string().trim().min(1).max(64), cve: z.string().trim().min(1).max(64) };
export const matchDecisionSchema = z.object({
  ...subject,
  decision: z.enum(["confirm", "dismiss"]),
  note: z.string().trim().max(500, "The note has at most 500 characters.").optional(),
});
const undoSchema = z.object(subject);

const STORED = { confirm: "confirmed", dismiss: "dismissed" } as const;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_match_decision", "The decision is not valid.", zodIssues(parsed.error));
  return parsed.data;
}

/**
 * Confirms or dismisses a possible match (status needs_review) of one device. Only a possible
 * match can be decided: a certain one is not a person's call, and a decided one is undone first.
 * The device is marked stale in the same transaction, then rescored at once.
 */
export async function decideMatch(db: Db, input: unknown, actor: AuditActor): Promise<{ decision: "confirmed" | "dismissed" }> {
  const { deviceId, cve, decision, note } = parse(matchDecisionSchema, input);
  const stored = STORED[decision];
  await db.$transaction(async (tx) => {
    const possible = await tx.deviceVulnerability.findFirst({ where: { deviceId, vulnerabilityId: cve, status: "needs_review" }, select: { advisoryId: true } });
    if (!possible) {
      const decided = await tx.matchDecision.findUnique({ where: { deviceId_vulnerabilityId: { deviceId, vulnerabilityId: cve } }, select: { decision: true } });
      if (decided) throw conflict(`This match was already ${decided.decision}; undo that decision first.`);
      throw notFound("possible match");
    }
    const data = { decision: stored, note: note || null, decidedBy: actorLabel(actor), decidedAt: new Date() };
    await tx.matchDecision.upsert({ where: { deviceId_vulnerabilityId: { deviceId, vulnerabilityId: cve } }, create: { deviceId, vulnerabilityId: cve, ...data }, update: data });
    await tx.device.update({ where: { id: deviceId }, data: { riskStale: true } });
    await audit(tx, { actor, action: `match.${decision}`, targetType: "device", targetId: deviceId, before: { cve, status: "needs_review", advisoryId: possible.advisoryId }, after: { cve, decision: stored, note: note || null } });
  });
  await refreshRisk(db, { trigger: "decision", ids: [deviceId] });
  return { decision: stored };
}

/** Withdraws a decision: the match is a possible one again (if the matcher still finds it), to be decided anew. */
export async function undoMatchDecision(db: Db, input: unknown, actor: AuditActor): Promise<void> {
  const { deviceId, cve } = parse(undoSchema, input);
  await db.$transaction(async (tx) => {
    const decided = await tx.matchDecision.findUnique({ where: { deviceId_vulnerabilityId: { deviceId, vulnerabilityId: cve } }, select: { id: true, decision: true, note: true, decidedBy: true, decidedAt: true } });
    if (!decided) throw notFound("decision");
    await tx.matchDecision.delete({ where: { id: decided.id } });
    await tx.device.update({ where: { id: deviceId }, data: { riskStale: true } });
    await audit(tx, { actor, action: "match.undo", targetType: "device", targetId: deviceId, before: { cve, decision: decided.decision, note: decided.note, decidedBy: decided.decidedBy, decidedAt: decided.decidedAt.toISOString() }, after: { cve, decision: null } });
  });
  await refreshRisk(db, { trigger: "decision", ids: [deviceId] });
}
