// Policies: per-site or per-segment baselines and USB allow-lists, validated, audited.
import { audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { badRequest, notFound, zodIssues } from "../web/errors";
import { policySchema } from "../domain/identity/policy-input";

export async function createPolicy(db: Db, input: unknown, actor: AuditActor) {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_policy", "The policy is not valid.", zodIssues(parsed.error));
  const p = parsed.data;
  if (p.siteId && !(await db.site.findUnique({ where: { id: p.siteId } }))) throw notFound("site");
  if (p.segmentId && !(await db.segment.findUnique({ where: { id: p.segmentId } }))) throw notFound("segment");
  return db.$transaction(async (tx) => {
    const policy = await tx.policy.create({ data: { name: p.name, kind: p.kind, siteId: p.siteId, segmentId: p.segmentId, enabled: p.enabled, rules: p.rules } });
    await audit(tx, { actor, action: "policy.create", targetType: "policy", targetId: policy.id, after: { name: p.name, kind: p.kind, siteId: p.siteId ?? null, segmentId: p.segmentId ?? null, rules: p.rules } });
    return policy;
  });
}

export async function setPolicyEnabled(db: Db, id: string, enabled: boolean, actor: AuditActor) {
  const before = await db.policy.findUnique({ where: { id } });
  if (!before) throw notFound("policy");
  return db.$transaction(async (tx) => {
    const policy = await tx.policy.update({ where: { id }, data: { enabled } });
    await audit(tx, { actor, action: enabled ? "policy.enable" : "policy.disable", targetType: "policy", targetId: id, before: { enabled: before.enabled }, after: { enabled } });
    return policy;
  });
}

const SCOPE_FIELDS = { name: true, kind: true, siteId: true, segmentId: true, rules: true } as const;

/** Changes a policy's name, scope and rules; its kind stays (a different kind is a new policy). */
export async function updatePolicy(db: Db, id: string, input: unknown, actor: AuditActor) {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_policy", "The policy is not valid.", zodIssues(parsed.error));
  const p = parsed.data;
  const before = await db.policy.findUnique({ where: { id }, select: SCOPE_FIELDS });
  if (!before) throw notFound("policy");
  if (before.kind !== p.kind) throw badRequest("invalid_policy", "A policy keeps its kind: create a new policy instead.", [{ path: "kind", message: "The kind cannot change." }]);
  if (p.siteId && !(await db.site.findUnique({ where: { id: p.siteId } }))) throw notFound("site");
  if (p.segmentId && !(await db.segment.findUnique({ where: { id: p.segmentId } }))) throw notFound("segment");
  return db.$transaction(async (tx) => {
    const policy = await tx.policy.update({ where: { id }, data: { name: p.name, siteId: p.siteId ?? null, segmentId: p.segmentId ?? null, rules: p.rules } });
    await audit(tx, {
      actor, action: "policy.update", targetType: "policy", targetId: id,
      before: { name: before.name, siteId: before.siteId, segmentId: before.segmentId, rules: before.rules ?? null },
      after: { name: p.name, siteId: p.siteId ?? null, segmentId: p.segmentId ?? null, rules: p.rules },
    });
    return policy;
  });
}

/** Deletes a policy; the audit row keeps what it said. Devices it made unauthorized are re-evaluated on their next report. */
export async function deletePolicy(db: Db, id: string, actor: AuditActor) {
  const before = await db.policy.findUnique({ where: { id }, select: { ...SCOPE_FIELDS, enabled: true } });
  if (!before) throw notFound("policy");
  await db.$transaction(async (tx) => {
    await tx.policy.delete({ where: { id } });
    await audit(tx, { actor, action: "policy.delete", targetType: "policy", targetId: id, before: { ...before, rules: before.rules ?? null } });
  });
}
