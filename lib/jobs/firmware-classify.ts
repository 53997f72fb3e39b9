// The firmware watch's last step (issue 17): every firmware change ingestion recorded is classified,
// oldest first, in batches. Planned when a plan of the device covers it, a contingency when it is
// the retry or the rollback of the device's open task (which then closes itself), else unplanned:
// an "unplanned firmware change" alert with the versions, the direction, the fingerprint's word on
// the device and the advisories that name the new version as affected, and the device is flagged
// until a person reviews the change (lib/commands/change-tasks.ts).
import { audit } from "../db/audit-trail";
import { openKeyFor, raiseAlerts } from "../db/alert-writes";
import { bulkTarget, type Target } from "../db/bulk";
import { readMatchContext } from "../db/advisory-index";
import { BACKGROUND_TRANSACTION, type Db, type Prisma } from "../db/client";
import type { PlanState } from "../domain/changes/change-plan";
import { changeDirection, classifyChange, COVER_GRACE_MS, unplannedSeverity, type ChangeClass, type Cover, type Direction, type TaskCover } from "../domain/changes/firmware-verdict";
import { matchProducts } from "../domain/vulns/advisory-match";
import { deviceTarget, type MatchContext } from "../domain/vulns/device-matches";
import { ALERT_SEVERITIES, type AlertInput } from "../domain/words/alert-kinds";
import { changeLine, fingerprintWords } from "../domain/words/change-words";

const BATCH = 400;
/** At most this many batches a pass: a backlog is worked off over the next passes, 10 s apart. */
const MAX_BATCHES = 25;
/** Who the audit log names for what the watch does. */
export const WATCH_ACTOR = { system: "firmware watch" } as const;
/** The plan states in which a plan covers a change (completed ones within the grace after their window). */
const COVERING_STATES = ["approved", "in_window", "completed"];

type Change = { id: string; deviceId: string; fromVersion: string; toVersion: string; seenAt: Date; fingerprint: string | null };
type DeviceFacts = { id: string; displayName: string; vendor: string | null; model: string | null; claimedVendor: string | null; claimedModel: string | null };
type Batch = { changes: Change[]; covers: Map<string, Cover[]>; tasks: Map<string, TaskCover[]>; devices: Map<string, DeviceFacts> };

export async function classifyChanges(db: Db, now: Date): Promise<{ classified: number; unplanned: number }> {
  let classified = 0;
  let unplanned = 0;
  const advisories = lazyAdvisories(db);
  for (let i = 0; i < MAX_BATCHES; i++) {
    const changes = await db.firmwareChange.findMany({ where: { kind: null }, orderBy: [{ seenAt: "asc" }, { id: "asc" }], take: BATCH, select: { id: true, deviceId: true, fromVersion: true, toVersion: true, seenAt: true, fingerprint: true } });
    if (!changes.length) break;
    const batch = await readBatch(db, changes);
    const r = await writeBatch(db, batch, advisories, now);
    classified += r.classified;
    unplanned += r.unplanned;
    if (changes.length < BATCH) break;
  }
  return { classified, unplanned };
}

const group = <T>(rows: T[], key: (r: T) => string) => {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return map;
};

/** What covers the batch's changes: the plans of their devices around those times, and the devices' open tasks. */
async function readBatch(db: Db, changes: Change[]): Promise<Batch> {
  const deviceIds = [...new Set(changes.map((c) => c.deviceId))];
  const first = changes[0].seenAt;
  const last = changes[changes.length - 1].seenAt;
  const planned = await db.changePlanDevice.findMany({
    where: { deviceId: { in: deviceIds }, plan: { state: { in: COVERING_STATES }, windowStart: { lte: last }, windowEnd: { gte: new Date(first.getTime() - COVER_GRACE_MS) } } },
    select: { deviceId: true, plan: { select: { id: true, state: true, targetVersion: true, windowStart: true, windowEnd: true } } },
  });
  const tasks = await db.contingencyTask.findMany({
    where: { state: "open", planDevice: { deviceId: { in: deviceIds } } },
    orderBy: { createdAt: "asc" },
    select: { id: true, kind: true, planDevice: { select: { deviceId: true, plan: { select: { id: true, targetVersion: true, rollbackVersion: true } } } } },
  });
  const devices = await db.device.findMany({ where: { id: { in: deviceIds } }, select: { id: true, displayName: true, vendor: true, model: true, claimedVendor: true, claimedModel: true } });
  return {
    changes,
    covers: group(planned.map(({ deviceId, plan: p }) => ({ deviceId, planId: p.id, state: p.state as PlanState, target: p.targetVersion, windowStart: p.windowStart, windowEnd: p.windowEnd })), (c) => c.deviceId),
    tasks: group(tasks.map((t) => ({ deviceId: t.planDevice.deviceId, taskId: t.id, kind: t.kind as TaskCover["kind"], planId: t.planDevice.plan.id, target: t.planDevice.plan.targetVersion, rollbackVersion: t.planDevice.plan.rollbackVersion })), (t) => t.deviceId),
    devices: new Map(devices.map((d) => [d.id, d])),
  };
}

/** The advisory index, read once a pass and only when a change is unplanned (most passes have none). */
function lazyAdvisories(db: Db) {
  let context: Promise<MatchContext> | null = null;
  return async (device: DeviceFacts | undefined, version: string): Promise<string[]> => {
    if (!device) return [];
    context ??= readMatchContext(db);
    const target = deviceTarget({ claimedVendor: device.claimedVendor, vendor: device.vendor, claimedModel: device.claimedModel, model: device.model, firmwareVersion: version, claimedFirmware: version, components: [] });
    return [...new Set(matchProducts(target, (await context).index).filter((m) => m.status === "affected").map((m) => m.advisoryId))].sort();
  };
}
type Advisories = ReturnType<typeof lazyAdvisories>;

type Unplanned = { change: Change; direction: Direction; alert: AlertInput };
type Tx = Prisma.TransactionClient;

async function writeBatch(db: Db, batch: Batch, advisories: Advisories, now: Date) {
  // Read outside the transaction: the advisory index may take a moment on a big feed.
  const verdicts = await Promise.all(batch.changes.map(async (change) => {
    const direction = changeDirection(change.fromVersion, change.toVersion);
    const verdict = classifyChange(change, batch.covers.get(change.deviceId) ?? [], batch.tasks.get(change.deviceId) ?? []);
    return { change, direction, verdict, advisories: verdict.kind === "unplanned" ? await advisories(batch.devices.get(change.deviceId), change.toVersion) : [] };
  }));
  return db.$transaction(async (tx) => {
    let classified = 0;
    const unplanned: Unplanned[] = [];
    const closedTasks = new Set<string>();
    for (const v of verdicts) {
      const { change, direction, verdict } = v;
      // A task closed by an earlier change of this batch no longer covers a later one.
      const cls: ChangeClass = verdict.kind === "contingency" && closedTasks.has(verdict.taskId) ? { kind: "unplanned" } : verdict;
      const planId = cls.kind === "unplanned" ? null : cls.planId;
      const { count } = await tx.firmwareChange.updateMany({ where: { id: change.id, kind: null }, data: { kind: cls.kind, direction, planId } });
      if (!count) continue;
      classified += 1;
      if (cls.kind === "contingency") {
        closedTasks.add(cls.taskId);
        await closeTask(tx, cls, change, now);
      } else if (cls.kind === "unplanned") {
        unplanned.push({ change, direction, alert: unplannedAlert(change, direction, batch.devices.get(change.deviceId), v.advisories) });
      }
    }
    await flagDevices(tx, bulkTarget(db, tx), unplanned);
    return { classified, unplanned: unplanned.length };
  }, BACKGROUND_TRANSACTION);
}

/** The retry or rollback its task asked for: the task closes itself, and the failure alert with it. */
async function closeTask(tx: Tx, cls: Extract<ChangeClass, { kind: "contingency" }>, change: Change, now: Date) {
  const reason = `reported ${change.toVersion} at ${change.seenAt.toISOString()}`;
  const { count } = await tx.contingencyTask.updateMany({ where: { id: cls.taskId, state: "open" }, data: { state: cls.outcome, closedBy: WATCH_ACTOR.system, closedReason: reason, closedAt: now } });
  if (!count) return;
  await tx.alert.updateMany({ where: { openKey: openKeyFor({ kind: "firmware_change_failed", deviceId: change.deviceId }) }, data: { status: "resolved", resolvedAt: now, resolvedReason: `contingency ${cls.outcome.replace("_", " ")}: ${reason}`, openKey: null } });
  await audit(tx, { actor: WATCH_ACTOR, action: "change.task_close", targetType: "contingency_task", targetId: cls.taskId, before: { state: "open" }, after: { state: cls.outcome, reason } });
}

function unplannedAlert(change: Change, direction: Direction, device: DeviceFacts | undefined, advisories: string[]): AlertInput {
  const fingerprint = (change.fingerprint ?? null) as "same" | "changed" | "different" | null;
  return {
    kind: "unplanned_firmware",
    severity: unplannedSeverity(direction, advisories.length > 0),
    deviceId: change.deviceId,
    at: change.seenAt,
    title: `Unplanned firmware change on ${device?.displayName ?? "a device"}: ${changeLine(change.fromVersion, change.toVersion, direction)}`,
    detail: { change: change.id, from: change.fromVersion, to: change.toVersion, direction, fingerprint, fingerprintWords: fingerprintWords(fingerprint), advisories },
  };
}

const rank = (a: AlertInput) => ALERT_SEVERITIES.indexOf(a.severity);

/**
 * One alert per device (the worst of its changes in the batch, the latest on a tie), each change
 * pointing at it, and the device flagged from its first unreviewed unplanned change on.
 */
async function flagDevices(tx: Tx, target: Target, unplanned: Unplanned[]) {
  if (!unplanned.length) return;
  const worst = new Map<string, AlertInput>();
  for (const { alert } of unplanned) {
    const held = worst.get(alert.deviceId!);
    if (!held || rank(alert) <= rank(held)) worst.set(alert.deviceId!, alert);
  }
  await raiseAlerts(tx, target, [...worst.values()]);
  const open = await tx.alert.findMany({ where: { openKey: { in: [...worst.values()].map(openKeyFor) } }, select: { id: true, deviceId: true } });
  for (const a of open) {
    const mine = unplanned.filter((u) => u.change.deviceId === a.deviceId);
    await tx.firmwareChange.updateMany({ where: { id: { in: mine.map((u) => u.change.id) } }, data: { alertId: a.id } });
    await tx.device.updateMany({ where: { id: a.deviceId!, firmwareFlaggedAt: null }, data: { firmwareFlaggedAt: mine[0].change.seenAt } });
  }
}
