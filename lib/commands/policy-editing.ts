// Policies: per-site or per-segment baselines and USB allow-lists, validated, audited. Every
// change queues a re-evaluation of the devices it covers (lib/jobs/policy-reevaluation.ts) in the
// same transaction: the policy acts at once, not at each device's next report.
import { audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { badRequest, notFound, zodIssues } from "../web/errors";
import { policySchema, withAdded, type PolicyInput } from "../domain/identity/policy-input";
import type { UsbAllowEntry } from "../domain/identity/policy";
import { policyScope, previewPolicyChange, queueReevaluation, unionScope } from "../jobs/policy-reevaluation";
import type { PlacedPolicy } from "../domain/identity/policy-verdict";

const SHORT_ID = 16;

/**
 * The full hash of a fingerprint named by the 16-character id a device page shows; refused when
 * no device has shown it, or when more than one fingerprint starts with it. `kept`: the hashes
 * the policy already lists (its edit form shows them as 16-character ids too), which stay valid
 * even when no stored fingerprint holds them any more.
 */
async function fullFingerprint(db: Db, ref: string, path: string, kept: string[] = []): Promise<string> {
  if (ref.length !== SHORT_ID) return ref;
  const listed = [...new Set(kept.filter((hash) => hash.startsWith(ref)))];
  if (listed.length === 1) return listed[0];
  const found = await db.fingerprint.findMany({ where: { hash: { startsWith: ref } }, distinct: ["hash"], select: { hash: true }, take: 2 });
  if (found.length === 1) return found[0].hash;
  const why = found.length ? `fingerprint id ${ref} starts more than one physical fingerprint: write the full 64-character hash` : `fingerprint id ${ref} is no device's physical fingerprint`;
  throw badRequest("invalid_policy", "The policy is not valid.", [{ path, message: why }]);
}

/** Lists of allowed things with every short fingerprint id put back to the full hash it names (in place). */
async function resolveFingerprints(db: Db, rules: { entries?: UsbAllowEntry[]; fingerprints?: string[] }, kept: string[] = []) {
  const fingerprints = rules.fingerprints ?? [];
  for (const [i, ref] of fingerprints.entries()) fingerprints[i] = await fullFingerprint(db, ref, `rules.fingerprints.${i}`, kept);
  if (rules.fingerprints) rules.fingerprints = [...new Set(fingerprints)];
  for (const [i, entry] of (rules.entries ?? []).entries()) if (entry.fingerprint) entry.fingerprint = await fullFingerprint(db, entry.fingerprint, `rules.entries.${i}.fingerprint`, kept);
}

/** Every fingerprint hash a stored policy's rules list (baseline list and allow-list entries). */
function keptFingerprints(rules: unknown): string[] {
  const r = (rules && typeof rules === "object" ? rules : {}) as { fingerprints?: unknown; entries?: unknown };
  const listed = Array.isArray(r.fingerprints) ? r.fingerprints : [];
  const bound = Array.isArray(r.entries) ? r.entries.map((e: { fingerprint?: unknown }) => e?.fingerprint) : [];
  return [...listed, ...bound].filter((h): h is string => typeof h === "string");
}

async function validPolicy(db: Db, input: unknown, kept: string[] = []): Promise<PolicyInput> {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_policy", "The policy is not valid.", zodIssues(parsed.error));
  await resolveFingerprints(db, parsed.data.rules, kept);
  return parsed.data;
}

export async function createPolicy(db: Db, input: unknown, actor: AuditActor) {
  const p = await validPolicy(db, input);
  if (p.siteId && !(await db.site.findUnique({ where: { id: p.siteId } }))) throw notFound("site");
  if (p.segmentId && !(await db.segment.findUnique({ where: { id: p.segmentId } }))) throw notFound("segment");
  return db.$transaction(async (tx) => {
    const policy = await tx.policy.create({ data: { name: p.name, kind: p.kind, siteId: p.siteId, segmentId: p.segmentId, enabled: p.enabled, rules: p.rules } });
    await audit(tx, { actor, action: "policy.create", targetType: "policy", targetId: policy.id, after: { name: p.name, kind: p.kind, siteId: p.siteId ?? null, segmentId: p.segmentId ?? null, rules: p.rules } });
    if (p.enabled) await queueReevaluation(tx, { policyId: policy.id, policyName: policy.name, change: "create", scope: await policyScope(tx, policy) });
    return policy;
  });
}

export async function setPolicyEnabled(db: Db, id: string, enabled: boolean, actor: AuditActor) {
  const before = await db.policy.findUnique({ where: { id } });
  if (!before) throw notFound("policy");
  return db.$transaction(async (tx) => {
    const policy = await tx.policy.update({ where: { id }, data: { enabled } });
    await audit(tx, { actor, action: enabled ? "policy.enable" : "policy.disable", targetType: "policy", targetId: id, before: { enabled: before.enabled }, after: { enabled } });
    if (before.enabled !== enabled) await queueReevaluation(tx, { policyId: id, policyName: policy.name, change: enabled ? "enable" : "disable", scope: await policyScope(tx, policy) });
    return policy;
  });
}

const SCOPE_FIELDS = { name: true, kind: true, siteId: true, segmentId: true, rules: true } as const;

/** Changes a policy's name, scope and rules; its kind stays (a different kind is a new policy). */
export async function updatePolicy(db: Db, id: string, input: unknown, actor: AuditActor) {
  const before = await db.policy.findUnique({ where: { id }, select: { ...SCOPE_FIELDS, enabled: true } });
  if (!before) throw notFound("policy");
  const p = await validPolicy(db, input, keptFingerprints(before.rules));
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
    // Devices the policy covered before and those it covers now: a narrowed scope lets some go.
    const scope = unionScope(await policyScope(tx, before), await policyScope(tx, policy));
    if (before.enabled) await queueReevaluation(tx, { policyId: id, policyName: policy.name, change: "update", scope });
    return policy;
  });
}

/**
 * Adds allow-list entries or baseline fingerprints to a policy of the matching kind ("allow
 * exactly this device"), keeping its name, scope and other rules; audited as any policy change.
 */
export async function addToPolicy(db: Db, id: string, added: { entries?: UsbAllowEntry[]; fingerprints?: string[] }, actor: AuditActor) {
  const current = await db.policy.findUnique({ where: { id }, select: SCOPE_FIELDS });
  if (!current) throw notFound("policy");
  const kind = added.entries ? "usb_allow" : "baseline";
  if (current.kind !== kind) throw badRequest("invalid_policy", `"${current.name}" is not a ${kind === "usb_allow" ? "USB allow-list" : "baseline"}: choose another policy, or a new one.`, [{ path: "addTo", message: "A policy of another kind." }]);
  await resolveFingerprints(db, added);
  const input = { kind, name: current.name, siteId: current.siteId ?? undefined, segmentId: current.segmentId ?? undefined, rules: withAdded(current.rules, added) };
  return updatePolicy(db, id, input, actor);
}

/** Deletes a policy; the audit row keeps what it said. Devices it covered are re-evaluated at once. */
export async function deletePolicy(db: Db, id: string, actor: AuditActor) {
  const before = await db.policy.findUnique({ where: { id }, select: { ...SCOPE_FIELDS, enabled: true } });
  if (!before) throw notFound("policy");
  await db.$transaction(async (tx) => {
    await tx.policy.delete({ where: { id } });
    await audit(tx, { actor, action: "policy.delete", targetType: "policy", targetId: id, before: { ...before, rules: before.rules ?? null } });
    if (before.enabled) await queueReevaluation(tx, { policyId: id, policyName: before.name, change: "delete", scope: await policyScope(tx, before) });
  });
}

/**
 * What saving this policy would do (a dry run): the devices it would mark unauthorized, return
 * to pending or authorize, computed by the re-evaluation's own decision. Writes nothing. `id`:
 * the policy being edited (null for a new one).
 */
export async function previewPolicy(db: Db, id: string | null, input: unknown) {
  const before = id ? await db.policy.findUnique({ where: { id }, select: { ...SCOPE_FIELDS, enabled: true } }) : null;
  if (id && !before) throw notFound("policy");
  const p = await validPolicy(db, input, keptFingerprints(before?.rules));
  const placed = { id: id ?? "proposed", name: p.name, kind: p.kind, rules: p.rules, siteId: p.siteId ?? null, segmentId: p.segmentId ?? null } as PlacedPolicy;
  const scope = unionScope(await policyScope(db, placed), before ? await policyScope(db, before) : []);
  const enabled = before ? before.enabled : p.enabled;
  return previewPolicyChange(db, { replaces: id, proposed: enabled ? placed : null, scope });
}
