// Firmware change control in the product's words (issue 17): what a plan's state, a device's
// progress, a failure, a contingency and a change's direction are called on the pages, in alerts
// and in the CISO report. Pure and shared, so every page says the same thing.
import type { Direction } from "../changes/firmware-verdict";
import type { PlanState } from "../changes/change-plan";

type Failure = "still_old" | "other_version" | "silent";
type DeviceState = "planned" | "verified" | "failed";
type Contingency = "retry" | "rollback" | "replace";
type TaskOutcome = "retried" | "rolled_back" | "replaced" | "waived";
type TaskState = "open" | TaskOutcome;

export const PLAN_STATE_WORDS: Record<PlanState, string> = {
  submitted: "Awaiting approval",
  approved: "Approved",
  rejected: "Rejected",
  cancelled: "Cancelled",
  in_window: "In window",
  completed: "Completed",
};

export const DEVICE_STATE_WORDS: Record<DeviceState, string> = {
  planned: "Planned",
  verified: "Verified",
  failed: "Failed",
};

export const FAILURE_WORDS: Record<Failure, string> = {
  still_old: "Still on the old version",
  other_version: "Another version",
  silent: "Not seen",
};

/**
 * A failure in a sentence, with the versions when they are known: "still on 12.1.3 when the
 * window closed", "reported 12.2.0, neither the old nor the target version", "not seen since the
 * window opened".
 */
export function failureSentence(failure: Failure, reportedVersion?: string | null): string {
  if (failure === "silent") return "not seen since the window opened";
  const version = reportedVersion?.trim();
  if (failure === "still_old") return version ? `still on ${version} when the window closed` : "still on the old version when the window closed";
  return version ? `reported ${version}, neither the old nor the target version` : "reported a version that is neither the old nor the target version";
}

export const CONTINGENCY_WORDS: Record<Contingency, string> = {
  retry: "Retry the update",
  rollback: "Roll back",
  replace: "Replace the device",
};

/** The contingency as the plan states it: "Roll back to 12.1.3". */
export function contingencySentence(kind: Contingency, rollbackVersion?: string | null): string {
  return kind === "rollback" && rollbackVersion ? `Roll back to ${rollbackVersion}` : CONTINGENCY_WORDS[kind];
}

export const TASK_OUTCOME_WORDS: Record<TaskOutcome, string> = {
  retried: "Retried",
  rolled_back: "Rolled back",
  replaced: "Replaced",
  waived: "Waived",
};

export const TASK_STATE_WORDS: Record<TaskState, string> = { open: "Open", ...TASK_OUTCOME_WORDS };

export const DIRECTION_WORDS: Record<Direction, string> = {
  upgrade: "Upgrade",
  downgrade: "Downgrade",
  sidegrade: "Sidegrade",
};

/** "12.1.3 → 12.2.0 (downgrade)" for alert titles and the device's firmware history. */
export function changeLine(from: string, to: string, direction: Direction): string {
  return `${from} → ${to} (${DIRECTION_WORDS[direction].toLowerCase()})`;
}

/** The fingerprint comparison of an unplanned change, in words for the alert's detail. */
export function fingerprintWords(verdict: "same" | "changed" | "different" | null): string {
  if (verdict === "same") return "same physical device, new firmware";
  if (verdict === "changed") return "the physical fingerprint changed with the firmware";
  if (verdict === "different") return "a different physical device answering under this identity";
  return "no physical fingerprint to compare";
}
