// The life of a firmware change plan (issue 17): who may move it where, and when. A plan is
// submitted by an engineer, approved or rejected by another person (four eyes), cancelled by its
// requester or an admin, opened and closed by the firmware watch as its window starts and ends.
// Pure: the commands and the watch load the plan, ask here, and write what comes back.

export const PLAN_STATES = ["submitted", "approved", "rejected", "cancelled", "in_window", "completed"] as const;
export type PlanState = (typeof PLAN_STATES)[number];
/** The roles of lib/auth/roles.ts, spelled here because lib/domain imports nothing outside itself. */
export type Role = "admin" | "analyst" | "engineer" | "viewer";
export type PlanEvent =
  | { kind: "approve"; actorId: string; actorRole: Role; reason?: string }
  | { kind: "reject"; actorId: string; actorRole: Role; reason: string }
  | { kind: "cancel"; actorId: string; actorRole: Role; reason: string }
  | { kind: "open_window" }
  | { kind: "close_window" };
export type PlanFacts = { state: PlanState; requestedById: string | null; windowStart: Date; windowEnd: Date };
export type RefusalCode = "not_allowed" | "own_plan" | "wrong_state" | "window_passed" | "too_early" | "reason_required";
export type Transition = { ok: true; state: PlanState } | { ok: false; code: RefusalCode; message: string };

export const DEVICE_STATES = ["planned", "verified", "failed"] as const;
export const FAILURES = ["still_old", "other_version", "silent"] as const;
export const CONTINGENCIES = ["retry", "rollback", "replace"] as const;
export const TASK_OUTCOMES = ["retried", "rolled_back", "replaced", "waived"] as const;
/** The states in which a plan holds its devices: a device is in at most one such plan. */
export const ACTIVE_PLAN_STATES: PlanState[] = ["submitted", "approved", "in_window"];
/** Who may approve or reject a plan (never their own); lib/auth/roles.ts's canDecideChange says the same. */
export const DECIDER_ROLES: readonly Role[] = ["admin", "analyst"];

const refuse = (code: RefusalCode, message: string): Transition => ({ ok: false, code, message });
const to = (state: PlanState): Transition => ({ ok: true, state });
const hasReason = (reason: string | undefined) => !!reason && reason.trim().length > 0;

const STATE_NAMES: Record<PlanState, string> = {
  submitted: "awaiting approval",
  approved: "approved",
  rejected: "rejected",
  cancelled: "cancelled",
  in_window: "in its window",
  completed: "completed",
};
const wrongState = (plan: PlanFacts, doing: string) => refuse("wrong_state", `This plan is ${STATE_NAMES[plan.state]}: it cannot be ${doing}.`);

function decide(plan: PlanFacts, event: Extract<PlanEvent, { kind: "approve" | "reject" }>, now: Date): Transition {
  const verb = event.kind === "approve" ? "approve" : "reject";
  if (!DECIDER_ROLES.includes(event.actorRole)) return refuse("not_allowed", `Only a security analyst or an administrator may ${verb} a change plan.`);
  // Four eyes: the requester cannot decide their own plan, whatever their role (cancelling it is open to them).
  if (plan.requestedById !== null && plan.requestedById === event.actorId) return refuse("own_plan", `You requested this plan: another person must ${verb} it.`);
  if (plan.state !== "submitted") return wrongState(plan, event.kind === "approve" ? "approved" : "rejected");
  if (event.kind === "reject") return hasReason(event.reason) ? to("rejected") : refuse("reason_required", "Give a reason for rejecting the plan.");
  // Approving a window that is already over would leave a plan that can only fail.
  if (plan.windowEnd.getTime() <= now.getTime()) return refuse("window_passed", "The maintenance window of this plan has already ended: plan the change again with a new window.");
  return to("approved");
}

function cancel(plan: PlanFacts, event: Extract<PlanEvent, { kind: "cancel" }>): Transition {
  const own = plan.requestedById !== null && plan.requestedById === event.actorId;
  if (!own && event.actorRole !== "admin") return refuse("not_allowed", "Only the requester or an administrator may cancel a change plan.");
  if (plan.state !== "submitted" && plan.state !== "approved") return wrongState(plan, "cancelled");
  return hasReason(event.reason) ? to("cancelled") : refuse("reason_required", "Give a reason for cancelling the plan.");
}

/** What the event does to the plan at `now`: the new state, or a refusal that says why. */
export function nextPlanState(plan: PlanFacts, event: PlanEvent, now: Date): Transition {
  switch (event.kind) {
    case "approve":
    case "reject":
      return decide(plan, event, now);
    case "cancel":
      return cancel(plan, event);
    case "open_window":
      if (plan.state !== "approved") return wrongState(plan, "opened");
      return plan.windowStart.getTime() <= now.getTime() ? to("in_window") : refuse("too_early", "The maintenance window has not started yet.");
    case "close_window":
      if (plan.state !== "in_window") return wrongState(plan, "completed");
      return plan.windowEnd.getTime() < now.getTime() ? to("completed") : refuse("too_early", "The maintenance window has not ended yet.");
  }
}
