// What people change about a device's risk: its clinical context (criticality, PHI, compensating
// controls; engineers) and risk acceptance (analysts). Role-checked by the caller, validated and
// audited here with before and after; the device is rescored at once.
import { z } from "zod";
import { actorUserId, audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { CRITICALITIES, PHI_HANDLING } from "../domain/words/vocabulary";
import { criticalityForCategory } from "../domain/risk/criticality";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";
import { refreshRisk } from "../jobs/risk-refresh";

const ID = z.string().min(1).max(64);

export const clinicalContextSchema = z.object({
  /** "default" returns the device to its category's default and lets ingestion update it again. */
  criticality: z.enum([...CRITICALITIES, "default"]),
  phi: z.enum(PHI_HANDLING),
  compensatingControls: z.coerce.number().min(0).max(0.5),
  note: z.string().trim().max(500).optional(),
});

function parse<S extends z.ZodType>(schema: S, input: unknown, code: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest(code, "Some fields are not valid.", zodIssues(parsed.error));
  return parsed.data;
}

/** Sets criticality, PHI handling and compensating controls of one device. */
export async function editClinicalContext(db: Db, id: string, input: unknown, actor: AuditActor) {
  const data = parse(clinicalContextSchema, input, "invalid_clinical_context");
  const deviceId = parse(ID, id, "invalid_device");
  await db.$transaction(async (tx) => {
    const d = await tx.device.findUnique({ where: { id: deviceId }, select: { category: true, criticality: true, criticalitySource: true, phi: true, compensatingControls: true } });
    if (!d) throw notFound("device");
    const byUser = data.criticality !== "default";
    const after = {
      criticality: byUser ? data.criticality : criticalityForCategory(d.category),
      criticalitySource: byUser ? "user" : "category-default",
      phi: data.phi,
      compensatingControls: data.compensatingControls,
    };
    await tx.device.update({ where: { id: deviceId }, data: { ...after, criticalityEditedById: byUser ? actorUserId(actor) : null, riskStale: true } });
    const before = { criticality: d.criticality, criticalitySource: d.criticalitySource, phi: d.phi, compensatingControls: d.compensatingControls };
    await audit(tx, { actor, action: "device.clinical_context", targetType: "device", targetId: deviceId, before, after: { ...after, note: data.note ?? null } });
  });
  await refreshRisk(db, { trigger: "edit", ids: [deviceId] });
}

export const MAX_ACCEPTANCE_DAYS = 366;

export const acceptanceSchema = z.object({
  reason: z.string().trim().min(10, "Say why the risk is accepted (at least 10 characters).").max(1000),
  owner: z.string().trim().min(2, "Name who owns the risk.").max(200),
  expiresAt: z.coerce.date({ error: "Choose a valid expiry date." }),
});

/** Accepts a device's current risk until a date; one active acceptance per device. */
export async function acceptRisk(db: Db, id: string, input: unknown, actor: AuditActor, now = new Date()) {
  const data = parse(acceptanceSchema, input, "invalid_acceptance");
  const deviceId = parse(ID, id, "invalid_device");
  if (Number.isNaN(data.expiresAt.getTime()) || data.expiresAt <= now) throw badRequest("invalid_acceptance", "The expiry must be in the future.", [{ path: "expiresAt", message: "Choose a date after today." }]);
  if (data.expiresAt.getTime() - now.getTime() > MAX_ACCEPTANCE_DAYS * 86_400_000) {
    throw badRequest("invalid_acceptance", `An acceptance lasts at most ${MAX_ACCEPTANCE_DAYS} days: risk is reviewed at least yearly.`, [{ path: "expiresAt", message: `At most ${MAX_ACCEPTANCE_DAYS} days ahead.` }]);
  }
  if (!("id" in actor)) throw badRequest("invalid_acceptance", "A risk is accepted by a person.");
  const acceptance = await db.$transaction(async (tx) => {
    const d = await tx.device.findUnique({ where: { id: deviceId }, select: { riskScore: true, riskTier: true, riskAcceptedUntil: true } });
    if (!d) throw notFound("device");
    if (d.riskAcceptedUntil && d.riskAcceptedUntil > now) throw conflict("This device's risk is already accepted; revoke that acceptance first.");
    const acceptance = await tx.riskAcceptance.create({ data: { deviceId, acceptedById: actor.id, owner: data.owner, reason: data.reason, expiresAt: data.expiresAt } });
    await tx.device.update({ where: { id: deviceId }, data: { riskAcceptedUntil: data.expiresAt } });
    await audit(tx, { actor, action: "risk.accept", targetType: "device", targetId: deviceId, before: { riskAcceptedUntil: d.riskAcceptedUntil?.toISOString() ?? null }, after: { acceptanceId: acceptance.id, owner: data.owner, reason: data.reason, expiresAt: data.expiresAt.toISOString(), scoreAtAcceptance: d.riskScore, tierAtAcceptance: d.riskTier } });
    return acceptance;
  });
  // The score itself does not change (accepting never makes a device look safer), but the refresh
  // records the moment with everything else that moves in it.
  await refreshRisk(db, { trigger: "acceptance", ids: [deviceId] });
  return acceptance;
}

/** Ends an active acceptance early: the device returns to the queue. */
export async function revokeAcceptance(db: Db, id: string, actor: AuditActor, now = new Date()) {
  const deviceId = parse(ID, id, "invalid_device");
  await db.$transaction(async (tx) => {
    const active = await tx.riskAcceptance.findFirst({ where: { deviceId, revokedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } });
    if (!active) throw notFound("active risk acceptance");
    await tx.riskAcceptance.update({ where: { id: active.id }, data: { revokedAt: now } });
    await tx.device.update({ where: { id: deviceId }, data: { riskAcceptedUntil: null } });
    await audit(tx, { actor, action: "risk.accept_revoke", targetType: "device", targetId: deviceId, before: { acceptanceId: active.id, expiresAt: active.expiresAt.toISOString() }, after: { revokedAt: now.toISOString() } });
  });
  await refreshRisk(db, { trigger: "acceptance", ids: [deviceId] });
}
