// What people do after a firmware change (issue 17): close a failed device's contingency task
// (retried, rolled back, replaced, or waived with a reason), hand it to someone else with a new due
// date, and review an unplanned change, which clears the device's flag and its alert. Role-checked
// by the caller (canHandleContingency, canReviewFirmware), audited here, one transaction each.
import { z } from "zod";
import { actorLabel, actorUserId, audit, type AuditActor } from "../db/audit-trail";
import { openKeyFor } from "../db/alert-writes";
import type { Db } from "../db/client";
import { TASK_OUTCOMES } from "../domain/changes/change-plan";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";

const DAY_MS = 86_400_000;
/** A due date further ahead than this is a typo, not a plan. */
const MAX_DUE_DAYS = 366;
/** Those who may be handed a task: the roles that may close one (lib/auth/roles.ts canHandleContingency). */
const TASK_ROLES = ["admin", "analyst", "engineer"];

const id64 = (what: string) => z.string().min(1, `No such ${what}.`).max(64, `No such ${what}.`);
const reason = (max: number) => z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().max(max, `The reason has at most ${max} characters.`).optional());

const closeSchema = z.strictObject({ outcome: z.enum(TASK_OUTCOMES, { message: "Choose retried, rolled back, replaced or waived." }), reason: reason(500) });
const reassignSchema = z.strictObject({
  ownerId: id64("person"),
  dueAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Give the due date as YYYY-MM-DD.").refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "Not a date."),
});
const reviewSchema = z.strictObject({ reason: z.string().trim().min(1, "Say what the change was: it is kept with the device.").max(500, "The reason has at most 500 characters.") });

function parse<S extends z.ZodType>(schema: S, input: unknown, code: string, message: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest(code, message, zodIssues(parsed.error));
  return parsed.data;
}

function checkId(id: unknown, what: string): string {
  if (typeof id !== "string" || !id || id.length > 64) throw notFound(what);
  return id;
}

type Tx = Pick<Db, "alert">;

/** Closes the device's open "firmware change failed" alert once its task is done, saying how. */
async function resolveFailedAlert(tx: Tx, deviceId: string, why: string, by: string | null, at: Date) {
  await tx.alert.updateMany({ where: { openKey: openKeyFor({ kind: "firmware_change_failed", deviceId }) }, data: { status: "resolved", resolvedAt: at, resolvedById: by, resolvedReason: why.slice(0, 500), openKey: null } });
}

/** Closes an open contingency task with its outcome; a waiver needs a reason. */
export async function closeContingencyTask(db: Db, taskId: string, input: unknown, actor: AuditActor, now = new Date()): Promise<void> {
  const { outcome, reason: why } = parse(closeSchema, input, "invalid_task_outcome", "The outcome is not valid.");
  if (outcome === "waived" && !why) throw badRequest("reason_required", "Say why the contingency is waived: it is kept in the audit log.", [{ path: "reason", message: "A reason is required to waive." }]);
  const id = checkId(taskId, "contingency task");
  await db.$transaction(async (tx) => {
    const task = await tx.contingencyTask.findUnique({ where: { id }, select: { id: true, state: true, planDevice: { select: { deviceId: true } } } });
    if (!task) throw notFound("contingency task");
    const done = await tx.contingencyTask.updateMany({ where: { id, state: "open" }, data: { state: outcome, closedReason: why ?? null, closedById: actorUserId(actor), closedBy: actorLabel(actor), closedAt: now } });
    if (done.count !== 1) throw conflict(`This task is already closed (${task.state.replace("_", " ")}).`);
    await resolveFailedAlert(tx, task.planDevice.deviceId, `contingency ${outcome.replace("_", " ")} by ${actorLabel(actor)}${why ? `: ${why}` : ""}`, actorUserId(actor), now);
    await audit(tx, { actor, action: "change.task_close", targetType: "contingency_task", targetId: id, before: { state: "open" }, after: { state: outcome, reason: why ?? null } });
  });
}

/** Hands an open task to another person who may handle it, due by the end of the given day (UTC). */
export async function reassignContingencyTask(db: Db, taskId: string, input: unknown, actor: AuditActor, now = new Date()): Promise<void> {
  const { ownerId, dueAt } = parse(reassignSchema, input, "invalid_task_assignment", "The assignment is not valid.");
  const due = new Date(`${dueAt}T23:59:59.999Z`);
  if (due.getTime() < now.getTime()) throw badRequest("invalid_task_assignment", "The due date has passed.", [{ path: "dueAt", message: "The due date has passed." }]);
  if (due.getTime() > now.getTime() + MAX_DUE_DAYS * DAY_MS) throw badRequest("invalid_task_assignment", "The due date is more than a year ahead.", [{ path: "dueAt", message: "At most a year ahead." }]);
  const id = checkId(taskId, "contingency task");
  await db.$transaction(async (tx) => {
    const task = await tx.contingencyTask.findUnique({ where: { id }, select: { id: true, state: true, owner: true, ownerId: true, dueAt: true } });
    if (!task) throw notFound("contingency task");
    if (task.state !== "open") throw conflict("This task is closed: there is nothing to hand over.");
    const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { id: true, email: true, role: true, disabledAt: true } });
    if (!owner || owner.disabledAt || !TASK_ROLES.includes(owner.role)) throw badRequest("invalid_task_assignment", "Hand the task to an enabled person who may handle it (an engineer, analyst or administrator).", [{ path: "ownerId", message: "Not a person who may handle the task." }]);
    await tx.contingencyTask.update({ where: { id }, data: { ownerId: owner.id, owner: owner.email, dueAt: due } });
    await audit(tx, { actor, action: "change.task_reassign", targetType: "contingency_task", targetId: id, before: { owner: task.owner, dueAt: task.dueAt.toISOString() }, after: { owner: owner.email, dueAt: due.toISOString() } });
  });
}

/**
 * A person's review of an unplanned change: that change and every earlier one of the device not
 * reviewed yet take the reason. When none is left the device's flag clears and its "unplanned
 * firmware change" alert closes with the reason; a later change still waiting keeps both.
 */
export async function reviewFirmwareChange(db: Db, changeId: string, input: unknown, actor: AuditActor, now = new Date()): Promise<void> {
  const { reason: why } = parse(reviewSchema, input, "reason_required", "A reason is required to review a firmware change.");
  const id = checkId(changeId, "firmware change");
  await db.$transaction(async (tx) => {
    const change = await tx.firmwareChange.findUnique({ where: { id }, select: { id: true, deviceId: true, kind: true, seenAt: true, fromVersion: true, toVersion: true, reviewedAt: true, reviewedBy: true } });
    if (!change) throw notFound("firmware change");
    if (change.kind !== "unplanned") throw conflict("Only an unplanned firmware change is reviewed: this one was planned, part of a contingency, or not classified yet.");
    if (change.reviewedAt) throw conflict(`This change was reviewed by ${change.reviewedBy} already.`);
    const mine = { deviceId: change.deviceId, kind: "unplanned", reviewedAt: null };
    const reviewed = await tx.firmwareChange.updateMany({ where: { ...mine, seenAt: { lte: change.seenAt } }, data: { reviewedAt: now, reviewedById: actorUserId(actor), reviewedBy: actorLabel(actor), reviewReason: why } });
    const left = await tx.firmwareChange.count({ where: mine });
    if (!left) {
      await tx.device.update({ where: { id: change.deviceId }, data: { firmwareFlaggedAt: null } });
      await tx.alert.updateMany({ where: { openKey: openKeyFor({ kind: "unplanned_firmware", deviceId: change.deviceId }) }, data: { status: "resolved", resolvedAt: now, resolvedById: actorUserId(actor), resolvedReason: `firmware change reviewed by ${actorLabel(actor)}: ${why}`.slice(0, 500), openKey: null } });
    }
    await audit(tx, { actor, action: "device.firmware_review", targetType: "device", targetId: change.deviceId, before: { flagged: true }, after: { change: change.id, from: change.fromVersion, to: change.toVersion, reviewed: reviewed.count, flagged: left > 0, reason: why } });
  });
}
