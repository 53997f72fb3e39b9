// Decisions people make about devices: approve, block, retire. Role-checked by the caller,
// audited here; a person's decision then stands against automatic policy changes.
import { z } from "zod";
import { actorLabel, audit, type AuditActor } from "../db/audit-trail";
import { raiseAlert } from "../db/alert-writes";
import { canAssignDevice, isRole } from "../auth/roles";
import { DbNull } from "@prisma/client/runtime/client";
import type { Db } from "../db/client";
import { rulesOfFindings, type SpoofDismissal } from "../domain/identity/spoof-dismissal";
import { badRequest, notFound, zodIssues } from "../web/errors";
import { refreshRisk } from "../jobs/risk-refresh";

export const DEVICE_DECISIONS = { approve: "authorized", block: "unauthorized", retire: "retired" } as const;
export type DeviceDecision = keyof typeof DEVICE_DECISIONS;

export const decisionSchema = z.object({
  decision: z.enum(["approve", "block", "retire"]),
  reason: z.string().trim().max(500).optional(),
  /** Approving a device suspected of spoofing: the person says they reviewed the physical evidence. */
  acknowledgeSpoof: z.boolean().optional(),
});

/** Decisions that take a device out of service or out of trust: the person must say why. */
export const REASON_REQUIRED_FOR: readonly DeviceDecision[] = ["block", "retire"];

const reasonRequired = (what: string) =>
  badRequest("reason_required", `A reason is required to ${what}: it is kept in the audit log.`, [{ path: "reason", message: "A reason is required." }]);

type SpoofEvidence = { summaries: string[]; rules: string[] };

/** What the open spoof alert of each device says: its findings in words (kept in the audit row of an approval) and their rules. */
async function spoofEvidence(tx: Pick<Db, "alert">, ids: string[]): Promise<Map<string, SpoofEvidence>> {
  const alerts = await tx.alert.findMany({ where: { deviceId: { in: ids }, kind: "spoof", status: { not: "resolved" } }, select: { deviceId: true, title: true, detail: true } });
  const evidence = new Map<string, SpoofEvidence>();
  for (const a of alerts) {
    const findings = ((a.detail as { findings?: { summary?: string }[] } | null)?.findings ?? []).map((f) => f.summary).filter((x): x is string => typeof x === "string");
    evidence.set(a.deviceId!, { summaries: findings.length ? findings : [a.title], rules: rulesOfFindings(a.detail) });
  }
  return evidence;
}

/**
 * Approving a device suspected of spoofing dismisses the findings the person acknowledged, for
 * the physical fingerprint they reviewed: the same evidence at the next report does not make it
 * suspect (and critical) again. Another fingerprint or another rule does.
 */
async function dismissAcknowledged(tx: Pick<Db, "device" | "fingerprint">, devices: { id: string; currentFingerprintId: string | null }[], evidence: Map<string, SpoofEvidence>, who: string, at: Date) {
  const fingerprintIds = devices.map((d) => d.currentFingerprintId).filter((id): id is string => !!id);
  const hashes = new Map((await tx.fingerprint.findMany({ where: { id: { in: fingerprintIds } }, select: { id: true, hash: true } })).map((f) => [f.id, f.hash]));
  for (const d of devices) {
    const rules = evidence.get(d.id)?.rules ?? [];
    if (!rules.length) continue;
    const dismissal: SpoofDismissal = { rules, fingerprint: d.currentFingerprintId ? (hashes.get(d.currentFingerprintId) ?? null) : null, until: null, by: who, at: at.toISOString() };
    await tx.device.update({ where: { id: d.id }, data: { spoofDismissal: dismissal } });
  }
}

/** Applies one decision to one or more devices (bulk from the work queue), in one transaction. */
export async function decideDevices(db: Db, ids: string[], input: unknown, actor: AuditActor) {
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_decision", "The decision is not valid.", zodIssues(parsed.error));
  if (ids.length === 0 || ids.length > 500) throw badRequest("invalid_decision", "Choose between 1 and 500 devices.");
  const { decision, reason, acknowledgeSpoof } = parsed.data;
  if (REASON_REQUIRED_FOR.includes(decision) && !reason) throw reasonRequired(decision);
  const status = DEVICE_DECISIONS[decision];
  const who = actorLabel(actor);
  const result = await db.$transaction(async (tx) => {
    const devices = await tx.device.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, displayName: true, spoofSuspected: true, currentFingerprintId: true, spoofConfirmedAt: true } });
    if (devices.length !== new Set(ids).size) throw notFound("device");
    // A confirmed spoof (lib/commands/spoof-decisions.ts) is not approved until the confirmation is withdrawn.
    const confirmed = decision === "approve" ? devices.find((d) => d.spoofConfirmedAt) : undefined;
    if (confirmed) throw badRequest("spoof_confirmed", `${confirmed.displayName}: a person confirmed its spoof. Withdraw the confirmation (or split the device) before approving it.`, [{ path: "decision", message: "Spoof confirmed." }]);
    const spoofed = decision === "approve" ? devices.filter((d) => d.spoofSuspected) : [];
    if (spoofed.length && !acknowledgeSpoof) {
      throw badRequest("spoof_not_acknowledged", `${spoofed.length === 1 ? "This device is" : `${spoofed.length} of these devices are`} suspected of spoofing: review the physical evidence, then acknowledge it to approve.`,
        spoofed.slice(0, 20).map((d) => ({ path: "acknowledgeSpoof", message: `${d.displayName} is suspected of spoofing` })));
    }
    // Vouching for a device whose evidence says it is something else needs a written why.
    if (spoofed.length && !reason) throw reasonRequired("approve a device suspected of spoofing");
    const evidence = spoofed.length ? await spoofEvidence(tx, spoofed.map((d) => d.id)) : new Map<string, SpoofEvidence>();
    const at = new Date();
    await tx.device.updateMany({
      where: { id: { in: ids } },
      // Approval is a person vouching for the device: it also clears a spoof suspicion.
      // Blocking ends any earlier dismissal of its spoof findings: the person now says it is hostile.
      data: { status, riskStale: true, ...(decision === "approve" ? { spoofSuspected: false } : {}), ...(decision === "block" ? { spoofDismissal: DbNull } : {}), statusRule: `user:${decision}`, statusReason: reason || `${decision === "approve" ? "approved" : decision === "block" ? "blocked" : "retired"} by ${who}`, statusChangedAt: at },
    });
    if (spoofed.length) await dismissAcknowledged(tx, spoofed, evidence, who, at);
    for (const device of devices) {
      const acknowledged = device.spoofSuspected && decision === "approve" ? { spoofAcknowledged: evidence.get(device.id)?.summaries ?? ["spoof suspected (no open alert)"], spoofRulesDismissed: evidence.get(device.id)?.rules ?? [] } : {};
      await audit(tx, { actor, action: `device.${decision}`, targetType: "device", targetId: device.id, before: { status: device.status, spoofSuspected: device.spoofSuspected }, after: { status, reason: reason ?? null, ...acknowledged } });
      if (decision === "block") await raiseAlert(tx, { kind: "unauthorized", severity: "high", title: `Blocked: ${device.displayName}`, detail: { reason: reason ?? `blocked by ${who}` }, deviceId: device.id, at });
    }
    return { updated: devices.length, status };
  });
  // Blocking makes a device unauthorized (a risk floor); approving clears a spoof suspicion.
  await refreshRisk(db, { trigger: "decision", ids });
  return result;
}

// ─── Assignment: who looks into a device from the work queue ─────────────────────────────────

export const MAX_ASSIGN = 500;
const deviceIds = z.array(z.string().min(1).max(64)).min(1, "Choose at least one device.").max(MAX_ASSIGN, `Choose at most ${MAX_ASSIGN} devices.`);

/**
 * Assigns devices to a person (or unassigns them with null), in one transaction. The assignee
 * must be an enabled user whose role may handle devices. One audit row per device that changes.
 */
export async function assignDevices(db: Db, ids: string[], assigneeId: string | null, actor: AuditActor) {
  const parsedIds = deviceIds.safeParse(ids);
  if (!parsedIds.success) throw badRequest("invalid_assignment", "Choose between 1 and 500 devices.", zodIssues(parsedIds.error).map((i) => ({ ...i, path: "id" })));
  const unique = [...new Set(parsedIds.data)];
  let assignee: { id: string; email: string } | null = null;
  if (assigneeId !== null) {
    const user = typeof assigneeId === "string" && assigneeId.length <= 64 ? await db.user.findUnique({ where: { id: assigneeId }, select: { id: true, email: true, role: true, disabledAt: true } }) : null;
    if (!user || user.disabledAt || !isRole(user.role) || !canAssignDevice({ role: user.role })) {
      throw badRequest("invalid_assignment", "Choose a person who may handle devices.", [{ path: "assignee", message: "Not an enabled user who may handle devices." }]);
    }
    assignee = { id: user.id, email: user.email };
  }
  return db.$transaction(async (tx) => {
    const devices = await tx.device.findMany({ where: { id: { in: unique } }, select: { id: true, assigneeId: true, assignee: { select: { email: true } } } });
    if (devices.length !== unique.length) throw notFound("device");
    const changed = devices.filter((d) => d.assigneeId !== (assignee?.id ?? null));
    if (changed.length) await tx.device.updateMany({ where: { id: { in: changed.map((d) => d.id) } }, data: { assigneeId: assignee?.id ?? null } });
    for (const d of changed) {
      await audit(tx, { actor, action: assignee ? "device.assign" : "device.unassign", targetType: "device", targetId: d.id, before: { assignee: d.assignee?.email ?? null }, after: { assignee: assignee?.email ?? null } });
    }
    return { updated: changed.length, assignee };
  });
}

// ─── Where a device is and who answers for it ────────────────────────────────────────────────

const placeField = (what: string) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().max(120, `${what} has at most 120 characters.`).optional())
    // Absent: left as it is; empty: cleared.
    .transform((v) => (v === undefined ? undefined : v || null));

export const deviceEditSchema = z.object({
  location: placeField("The location"),
  department: placeField("The department"),
  owner: placeField("The owner"),
});
export type DeviceEdit = z.input<typeof deviceEditSchema>;

/** Sets location, department and owner (each optional); ingestion never overwrites them. Audited with before and after. */
export async function editDevice(db: Db, id: string, input: unknown, actor: AuditActor) {
  const parsed = deviceEditSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_device_edit", "Some fields are not valid.", zodIssues(parsed.error));
  if (typeof id !== "string" || !id || id.length > 64) throw notFound("device");
  const next = parsed.data;
  return db.$transaction(async (tx) => {
    const d = await tx.device.findUnique({ where: { id }, select: { location: true, department: true, owner: true } });
    if (!d) throw notFound("device");
    const keys = (["location", "department", "owner"] as const).filter((k) => next[k] !== undefined && d[k] !== next[k]);
    if (keys.length === 0) return { changed: 0 };
    await tx.device.update({ where: { id }, data: Object.fromEntries(keys.map((k) => [k, next[k]])) });
    await audit(tx, { actor, action: "device.edit", targetType: "device", targetId: id, before: Object.fromEntries(keys.map((k) => [k, d[k]])), after: Object.fromEntries(keys.map((k) => [k, next[k]])) });
    return { changed: keys.length };
  });
}
