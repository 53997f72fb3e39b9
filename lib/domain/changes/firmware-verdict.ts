// What a device's reported firmware says (issue 17): whether a planned device took its update,
// failed it (and how), and whether a change nobody planned happened. The firmware watch loads the
// facts and writes the verdicts; the rules are here, pure, so they read in one sitting.
import { compareVersions, versionsComparable } from "../vulns/version-order";
import type { PlanState } from "./change-plan";

export type Direction = "upgrade" | "downgrade" | "sidegrade";
export type DeviceProgress = { state: "planned" | "verified" | "failed"; failure?: "still_old" | "other_version" | "silent"; reportedVersion?: string | null };
export type Cover = { planId: string; state: PlanState; target: string; windowStart: Date; windowEnd: Date };
export type TaskCover = { taskId: string; kind: "retry" | "rollback" | "replace"; planId: string; target: string; rollbackVersion: string | null };
export type ChangeClass = { kind: "planned"; planId: string } | { kind: "contingency"; taskId: string; outcome: "retried" | "rolled_back"; planId: string } | { kind: "unplanned" };
/** A change reported up to an hour after the window is still the planned one: agents report late. */
export const COVER_GRACE_MS = 3_600_000;

/**
 * The same version however it is written: "12.2" and "12.2.0", "v2.1" and "2.1" (the order of
 * lib/domain/vulns/version-order.ts), or the very same text when the numbering cannot be compared.
 */
export function sameVersion(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return false;
  const [x, y] = [a.trim(), b.trim()];
  return x.toLowerCase() === y.toLowerCase() || (versionsComparable(x, y) && compareVersions(x, y) === 0);
}

/**
 * When a verified device took its target: the first change in the window that brought the target
 * however it was written ("8.0.5" for "8.00.05"), else its last sighting (it reported the target
 * already when the window opened).
 */
export function takenAt(seen: { toVersion: string; seenAt: Date }[], target: string, lastSeenAt: Date): Date {
  return seen.find((s) => sameVersion(s.toVersion, target))?.seenAt ?? lastSeenAt;
}

/** Up or down the same numbering; a change between numberings that cannot be ordered is sideways. */
export function changeDirection(from: string, to: string): Direction {
  if (!versionsComparable(from, to)) return "sidegrade";
  const order = compareVersions(to, from);
  return order > 0 ? "upgrade" : order < 0 ? "downgrade" : "sidegrade";
}

/**
 * Where one planned device stands. Verified as soon as it reports the target after the window
 * opened; failed at once when it reported a third version in the window; and, once the window has
 * closed, failed for the reason its last report gives. A device whose old version was unknown, or
 * whose agent no longer resolves a version, counts as still on the old one: there is no evidence
 * of another version.
 */
export function deviceProgress(input: { target: string; fromVersion: string | null; windowStart: Date; windowEnd: Date; now: Date; firmwareVersion: string | null; lastSeenAt: Date; versionsSeenInWindow: string[] }): DeviceProgress {
  const seenSinceOpening = input.lastSeenAt.getTime() >= input.windowStart.getTime();
  if (seenSinceOpening && sameVersion(input.firmwareVersion, input.target)) return { state: "verified", reportedVersion: input.firmwareVersion };
  const third = input.versionsSeenInWindow.find((v) => !sameVersion(v, input.target) && !sameVersion(v, input.fromVersion));
  if (third !== undefined) return { state: "failed", failure: "other_version", reportedVersion: third };
  if (input.windowEnd.getTime() >= input.now.getTime()) return { state: "planned" };
  if (!seenSinceOpening) return { state: "failed", failure: "silent", reportedVersion: input.firmwareVersion };
  const stillOld = input.firmwareVersion === null || input.fromVersion === null || sameVersion(input.firmwareVersion, input.fromVersion);
  return { state: "failed", failure: stillOld ? "still_old" : "other_version", reportedVersion: input.firmwareVersion };
}

const COVERING_STATES: PlanState[] = ["approved", "in_window", "completed"];

function planCovers(plan: Cover, change: { toVersion: string; seenAt: Date }): boolean {
  const at = change.seenAt.getTime();
  return COVERING_STATES.includes(plan.state) && at >= plan.windowStart.getTime() && at <= plan.windowEnd.getTime() + COVER_GRACE_MS && sameVersion(change.toVersion, plan.target);
}

/** The version an open contingency task expects the device to move to; replacing brings another device, not a version. */
function taskVersion(task: TaskCover): string | null {
  return task.kind === "retry" ? task.target : task.kind === "rollback" ? task.rollbackVersion : null;
}

/**
 * Whether a device's firmware change was planned: by a plan of the device that covers it (its
 * window, plus the grace hour, and its target), else by an open contingency task of the device
 * (a retry to the target, a rollback to the named version), else nobody planned it.
 */
export function classifyChange(change: { toVersion: string; seenAt: Date }, plans: Cover[], tasks: TaskCover[]): ChangeClass {
  const plan = plans.find((p) => planCovers(p, change));
  if (plan) return { kind: "planned", planId: plan.planId };
  const task = tasks.find((t) => sameVersion(change.toVersion, taskVersion(t)));
  if (task) return { kind: "contingency", taskId: task.taskId, outcome: task.kind === "retry" ? "retried" : "rolled_back", planId: task.planId };
  return { kind: "unplanned" };
}

/** A downgrade back into a known vulnerability is the attack: critical. Any other downgrade high, the rest medium. */
export function unplannedSeverity(direction: Direction, toVersionAffected: boolean): "critical" | "high" | "medium" {
  if (direction !== "downgrade") return "medium";
  return toVersionAffected ? "critical" : "high";
}
