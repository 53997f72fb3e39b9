// The firmware watch (issue 17), every 10 s: opens the window of approved plans whose start has
// come, follows each planned device of a plan in its window (verified when it reports the target,
// failed at once when it reports a third version), fails what is left when the window closes (each
// failed device gets its contingency as a task and a "firmware change failed" alert) and completes
// the plan; then classifies the firmware changes ingestion recorded (lib/jobs/firmware-classify.ts).
// What each step means is lib/domain/changes; every write is conditional on the state it read, so
// two server instances running it at once never do a step twice.
import { audit } from "../db/audit-trail";
import { raiseAlerts } from "../db/alert-writes";
import { bulkTarget, type Target } from "../db/bulk";
import type { Db, Prisma } from "../db/client";
import { nextPlanState, type PlanState } from "../domain/changes/change-plan";
import { deviceProgress, takenAt, type DeviceProgress } from "../domain/changes/firmware-verdict";
import { contingencySentence, failureSentence } from "../domain/words/change-words";
import type { AlertInput } from "../domain/words/alert-kinds";
import { classifyChanges, WATCH_ACTOR } from "./firmware-classify";

const DAY_MS = 86_400_000;
/** A failed device's contingency is due a week after its window closed. */
const TASK_DUE_DAYS = 7;
/** Planned devices read at a time (a plan holds up to 5,000). */
const PAGE = 400;

export type WatchSummary = { opened: number; verified: number; failed: number; completed: number; classified: number; unplanned: number };

export async function watchFirmware(db: Db, now = new Date()): Promise<WatchSummary> {
  const opened = await openWindows(db, now);
  const followed = { verified: 0, failed: 0, completed: 0 };
  for (const plan of await db.changePlan.findMany({ where: { state: "in_window" }, orderBy: { windowStart: "asc" }, select: PLAN })) {
    const r = await followPlan(db, plan, now);
    followed.verified += r.verified;
    followed.failed += r.failed;
    followed.completed += r.completed ? 1 : 0;
  }
  const { classified, unplanned } = await classifyChanges(db, now);
  return { opened, ...followed, classified, unplanned };
}

const PLAN = { id: true, title: true, state: true, targetVersion: true, windowStart: true, windowEnd: true, contingency: true, rollbackVersion: true, requestedById: true, requestedBy: true } as const;
type Plan = { id: string; title: string; state: string; targetVersion: string; windowStart: Date; windowEnd: Date; contingency: string; rollbackVersion: string | null; requestedById: string | null; requestedBy: string };
const facts = (p: Plan) => ({ state: p.state as PlanState, requestedById: p.requestedById, windowStart: p.windowStart, windowEnd: p.windowEnd });

/** Step 1: approved plans whose window has started are in their window. */
async function openWindows(db: Db, now: Date): Promise<number> {
  let opened = 0;
  for (const plan of await db.changePlan.findMany({ where: { state: "approved", windowStart: { lte: now } }, select: PLAN })) {
    if (!nextPlanState(facts(plan), { kind: "open_window" }, now).ok) continue;
    opened += await db.$transaction(async (tx) => {
      const { count } = await tx.changePlan.updateMany({ where: { id: plan.id, state: "approved" }, data: { state: "in_window" } });
      if (count) await audit(tx, { actor: WATCH_ACTOR, action: "change.window_open", targetType: "change_plan", targetId: plan.id, before: { state: "approved" }, after: { state: "in_window" } });
      return count;
    });
  }
  return opened;
}

type PlannedRow = { id: string; deviceId: string; fromVersion: string | null; device: { displayName: string; firmwareVersion: string | null; lastSeenAt: Date } };
type Seen = { toVersion: string; seenAt: Date };

/** Steps 2 and 3 for one plan: each device still planned, then the plan itself once its window is over. */
async function followPlan(db: Db, plan: Plan, now: Date) {
  let verified = 0;
  let failed = 0;
  for (let after = ""; ; ) {
    const rows: PlannedRow[] = await db.changePlanDevice.findMany({
      where: { planId: plan.id, state: "planned", id: { gt: after } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, deviceId: true, fromVersion: true, device: { select: { displayName: true, firmwareVersion: true, lastSeenAt: true } } },
    });
    if (!rows.length) break;
    const seen = await changesInWindow(db, plan, rows.map((r) => r.deviceId));
    const verdicts = rows.map((r) => ({ row: r, progress: progressOf(plan, r, seen.get(r.deviceId) ?? [], now), seen: seen.get(r.deviceId) ?? [] }));
    const written = await writeProgress(db, plan, verdicts, now);
    verified += written.verified;
    failed += written.failed;
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].id;
  }
  return { verified, failed, completed: await completePlan(db, plan, now) };
}

/** The firmware changes each device reported inside the window, oldest first. */
async function changesInWindow(db: Db, plan: Plan, deviceIds: string[]): Promise<Map<string, Seen[]>> {
  const rows = await db.firmwareChange.findMany({ where: { deviceId: { in: deviceIds }, seenAt: { gte: plan.windowStart, lte: plan.windowEnd } }, orderBy: [{ seenAt: "asc" }, { id: "asc" }], select: { deviceId: true, toVersion: true, seenAt: true } });
  const byDevice = new Map<string, Seen[]>();
  for (const r of rows) byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), r]);
  return byDevice;
}

function progressOf(plan: Plan, row: PlannedRow, seen: Seen[], now: Date): DeviceProgress {
  return deviceProgress({
    target: plan.targetVersion, fromVersion: row.fromVersion, windowStart: plan.windowStart, windowEnd: plan.windowEnd, now,
    firmwareVersion: row.device.firmwareVersion, lastSeenAt: row.device.lastSeenAt, versionsSeenInWindow: seen.map((s) => s.toVersion),
  });
}

type Verdict = { row: PlannedRow; progress: DeviceProgress; seen: Seen[] };


async function writeProgress(db: Db, plan: Plan, verdicts: Verdict[], now: Date) {
  const done = verdicts.filter((v) => v.progress.state !== "planned");
  if (!done.length) return { verified: 0, failed: 0 };
  return db.$transaction(async (tx) => {
    let verified = 0;
    const failures: Verdict[] = [];
    for (const v of done) {
      const p = v.progress;
      const data = p.state === "verified"
        ? { state: "verified", reportedVersion: p.reportedVersion ?? plan.targetVersion, verifiedAt: takenAt(v.seen, plan.targetVersion, v.row.device.lastSeenAt) }
        : { state: "failed", failure: p.failure ?? null, reportedVersion: p.reportedVersion ?? null, failedAt: now };
      const { count } = await tx.changePlanDevice.updateMany({ where: { id: v.row.id, state: "planned" }, data });
      if (!count) continue;
      if (p.state === "verified") verified += 1;
      else failures.push(v);
    }
    await startContingencies(tx, bulkTarget(db, tx), plan, failures, now);
    return { verified, failed: failures.length };
  });
}

/** Each failed device's contingency as a task for the requester, and a "firmware change failed" alert. */
async function startContingencies(tx: Prisma.TransactionClient, target: Target, plan: Plan, failures: Verdict[], now: Date) {
  if (!failures.length) return;
  const dueAt = new Date(plan.windowEnd.getTime() + TASK_DUE_DAYS * DAY_MS);
  await tx.contingencyTask.createMany({ data: failures.map((v) => ({ planDeviceId: v.row.id, kind: plan.contingency, ownerId: plan.requestedById, owner: plan.requestedBy, dueAt })) });
  const contingency = contingencySentence(plan.contingency as "retry" | "rollback" | "replace", plan.rollbackVersion);
  const alerts: AlertInput[] = failures.map(({ row, progress }) => {
    const failure = progress.failure ?? "other_version";
    return {
      kind: "firmware_change_failed", severity: "high", deviceId: row.deviceId, at: now,
      title: `Firmware change to ${plan.targetVersion} failed on ${row.device.displayName}: ${failureSentence(failure, progress.reportedVersion)}`,
      detail: { plan: { id: plan.id, title: plan.title }, target: plan.targetVersion, from: row.fromVersion, failure, reportedVersion: progress.reportedVersion ?? null, contingency, owner: plan.requestedBy, dueAt: dueAt.toISOString() },
    };
  });
  await raiseAlerts(tx, target, alerts);
}

/** Step 3's end: a plan whose window is over and has no device left planned is completed. */
async function completePlan(db: Db, plan: Plan, now: Date): Promise<boolean> {
  if (!nextPlanState(facts(plan), { kind: "close_window" }, now).ok) return false;
  if (await db.changePlanDevice.count({ where: { planId: plan.id, state: "planned" } })) return false;
  return db.$transaction(async (tx) => {
    const { count } = await tx.changePlan.updateMany({ where: { id: plan.id, state: "in_window" }, data: { state: "completed", completedAt: now } });
    if (!count) return false;
    const tally = await tx.changePlanDevice.groupBy({ by: ["state"], where: { planId: plan.id }, _count: { _all: true } });
    const after = { state: "completed", ...Object.fromEntries(tally.map((t) => [t.state, t._count._all])) };
    await audit(tx, { actor: WATCH_ACTOR, action: "change.complete", targetType: "change_plan", targetId: plan.id, before: { state: "in_window" }, after });
    return true;
  });
}
