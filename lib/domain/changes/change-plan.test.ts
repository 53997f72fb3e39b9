import { describe, expect, it } from "vitest";
import { ACTIVE_PLAN_STATES, nextPlanState, PLAN_STATES, type PlanEvent, type PlanFacts, type PlanState } from "./change-plan";

const now = new Date("2026-12-05T10:00:00Z");
const plan = (over: Partial<PlanFacts> = {}): PlanFacts => ({
  state: "submitted",
  requestedById: "eve-engineer",
  windowStart: new Date("2026-12-06T01:00:00Z"),
  windowEnd: new Date("2026-12-06T05:00:00Z"),
  ...over,
});
const approve = (over: Partial<Extract<PlanEvent, { kind: "approve" }>> = {}): PlanEvent => ({ kind: "approve", actorId: "ann-analyst", actorRole: "analyst", ...over });
const reject = (reason = "the vendor note is for another model"): PlanEvent => ({ kind: "reject", actorId: "ann-analyst", actorRole: "analyst", reason });
const cancel = (actorId = "eve-engineer", actorRole: "admin" | "engineer" | "analyst" = "engineer", reason = "ward is busy"): PlanEvent => ({ kind: "cancel", actorId, actorRole, reason });
const others = (keep: PlanState[]) => PLAN_STATES.filter((s) => !keep.includes(s));

describe("approving and rejecting a plan", () => {
  it("approves a submitted plan by an analyst or an admin who did not request it, with or without a reason", () => {
    expect(nextPlanState(plan(), approve(), now)).toEqual({ ok: true, state: "approved" });
    expect(nextPlanState(plan(), approve({ actorRole: "admin", actorId: "ada-admin", reason: "closes the KEV" }), now)).toEqual({ ok: true, state: "approved" });
  });

  it("rejects a submitted plan with a reason", () => {
    expect(nextPlanState(plan(), reject(), now)).toEqual({ ok: true, state: "rejected" });
  });

  it("refuses an engineer or a viewer", () => {
    for (const actorRole of ["engineer", "viewer"] as const) {
      expect(nextPlanState(plan(), approve({ actorRole, actorId: "someone" }), now)).toMatchObject({ ok: false, code: "not_allowed" });
      expect(nextPlanState(plan(), { kind: "reject", actorId: "someone", actorRole, reason: "no" }, now)).toMatchObject({ ok: false, code: "not_allowed" });
    }
  });

  it("refuses the requester's own decision, admin or not", () => {
    const own = plan({ requestedById: "ada-admin" });
    const refused = nextPlanState(own, approve({ actorId: "ada-admin", actorRole: "admin" }), now);
    expect(refused).toMatchObject({ ok: false, code: "own_plan" });
    expect(!refused.ok && refused.message).toMatch(/another person/);
    expect(nextPlanState(own, { kind: "reject", actorId: "ada-admin", actorRole: "admin", reason: "changed my mind" }, now)).toMatchObject({ ok: false, code: "own_plan" });
  });

  it("lets anyone with the role decide a plan whose requester is gone", () => {
    expect(nextPlanState(plan({ requestedById: null }), approve(), now)).toEqual({ ok: true, state: "approved" });
  });

  it("refuses a decision on a plan that is not awaiting one", () => {
    for (const state of others(["submitted"])) {
      expect(nextPlanState(plan({ state }), approve(), now)).toMatchObject({ ok: false, code: "wrong_state" });
      expect(nextPlanState(plan({ state }), reject(), now)).toMatchObject({ ok: false, code: "wrong_state" });
    }
  });

  it("refuses to approve a plan whose window has ended, and says why", () => {
    const passed = plan({ windowStart: new Date("2026-12-04T01:00:00Z"), windowEnd: new Date("2026-12-05T10:00:00Z") });
    const refused = nextPlanState(passed, approve(), now);
    expect(refused).toMatchObject({ ok: false, code: "window_passed" });
    expect(!refused.ok && refused.message).toMatch(/window .* ended/);
    // A window that has started but not ended may still be approved: the watch opens it at once.
    expect(nextPlanState(plan({ windowStart: new Date("2026-12-05T09:00:00Z") }), approve(), now)).toEqual({ ok: true, state: "approved" });
    // Rejecting a stale plan is still allowed.
    expect(nextPlanState(passed, reject(), now)).toEqual({ ok: true, state: "rejected" });
  });

  it("refuses a rejection without a reason, blank included", () => {
    expect(nextPlanState(plan(), reject(""), now)).toMatchObject({ ok: false, code: "reason_required" });
    expect(nextPlanState(plan(), reject("   "), now)).toMatchObject({ ok: false, code: "reason_required" });
  });
});

describe("cancelling a plan", () => {
  it("lets the requester or an admin cancel a submitted or approved plan", () => {
    for (const state of ["submitted", "approved"] as const) {
      expect(nextPlanState(plan({ state }), cancel(), now)).toEqual({ ok: true, state: "cancelled" });
      expect(nextPlanState(plan({ state }), cancel("ada-admin", "admin"), now)).toEqual({ ok: true, state: "cancelled" });
    }
  });

  it("refuses anyone else, an analyst included", () => {
    expect(nextPlanState(plan(), cancel("ann-analyst", "analyst"), now)).toMatchObject({ ok: false, code: "not_allowed" });
    expect(nextPlanState(plan(), cancel("other-engineer", "engineer"), now)).toMatchObject({ ok: false, code: "not_allowed" });
  });

  it("refuses a plan in its window or finished", () => {
    for (const state of others(["submitted", "approved"])) expect(nextPlanState(plan({ state }), cancel(), now)).toMatchObject({ ok: false, code: "wrong_state" });
  });

  it("requires a reason", () => {
    expect(nextPlanState(plan(), cancel("eve-engineer", "engineer", " "), now)).toMatchObject({ ok: false, code: "reason_required" });
  });
});

describe("the window opening and closing", () => {
  const approved = plan({ state: "approved" });

  it("opens an approved plan once its window starts, not before", () => {
    expect(nextPlanState(approved, { kind: "open_window" }, new Date("2026-12-06T01:00:00Z"))).toEqual({ ok: true, state: "in_window" });
    expect(nextPlanState(approved, { kind: "open_window" }, new Date("2026-12-06T00:59:59Z"))).toMatchObject({ ok: false, code: "too_early" });
    for (const state of others(["approved"])) expect(nextPlanState(plan({ state }), { kind: "open_window" }, new Date("2026-12-06T02:00:00Z"))).toMatchObject({ ok: false, code: "wrong_state" });
  });

  it("completes a plan in its window once the window has ended, not at its last instant", () => {
    const open = plan({ state: "in_window" });
    expect(nextPlanState(open, { kind: "close_window" }, new Date("2026-12-06T05:00:01Z"))).toEqual({ ok: true, state: "completed" });
    expect(nextPlanState(open, { kind: "close_window" }, new Date("2026-12-06T05:00:00Z"))).toMatchObject({ ok: false, code: "too_early" });
    for (const state of others(["in_window"])) expect(nextPlanState(plan({ state }), { kind: "close_window" }, new Date("2026-12-07T00:00:00Z"))).toMatchObject({ ok: false, code: "wrong_state" });
  });
});

it("holds devices only in the plans that may still change them", () => {
  expect(ACTIVE_PLAN_STATES).toEqual(["submitted", "approved", "in_window"]);
});
