import { describe, expect, it } from "vitest";
import { changeLine, failureSentence, fingerprintWords } from "../words/change-words";
import { changeDirection, classifyChange, COVER_GRACE_MS, deviceProgress, sameVersion, takenAt, unplannedSeverity, type Cover, type TaskCover } from "./firmware-verdict";

const windowStart = new Date("2026-12-06T01:00:00Z");
const windowEnd = new Date("2026-12-06T05:00:00Z");
const during = new Date("2026-12-06T03:00:00Z");
const after = new Date("2026-12-06T05:00:10Z");
const before = new Date("2026-12-05T23:00:00Z");
const progress = (over: Partial<Parameters<typeof deviceProgress>[0]> = {}) =>
  deviceProgress({ target: "12.2.0", fromVersion: "12.1.3", windowStart, windowEnd, now: during, firmwareVersion: "12.1.3", lastSeenAt: during, versionsSeenInWindow: [], ...over });

describe("a planned device's progress", () => {
  it("is verified once it reports the target after the window opened, however the version is written", () => {
    expect(progress({ firmwareVersion: "12.2.0" })).toEqual({ state: "verified", reportedVersion: "12.2.0" });
    expect(progress({ firmwareVersion: "v12.2" })).toEqual({ state: "verified", reportedVersion: "v12.2" });
    // A late report of the target, the window closed since, still verifies.
    expect(progress({ firmwareVersion: "12.2.0", now: after })).toMatchObject({ state: "verified" });
  });

  it("is not verified by a report from before the window", () => {
    expect(progress({ firmwareVersion: "12.2.0", lastSeenAt: before })).toEqual({ state: "planned" });
  });

  it("stays planned while the window is open and nothing decisive was seen", () => {
    expect(progress()).toEqual({ state: "planned" });
    expect(progress({ versionsSeenInWindow: ["12.1.3"] })).toEqual({ state: "planned" });
    expect(progress({ now: windowEnd, lastSeenAt: before })).toEqual({ state: "planned" });
  });

  it("fails at once on a third version seen in the window", () => {
    expect(progress({ firmwareVersion: "12.2.1", versionsSeenInWindow: ["12.2.1"] })).toEqual({ state: "failed", failure: "other_version", reportedVersion: "12.2.1" });
  });

  it("is verified when it reached the target after passing through another version", () => {
    expect(progress({ firmwareVersion: "12.2.0", versionsSeenInWindow: ["12.1.9", "12.2.0"] })).toMatchObject({ state: "verified" });
  });

  it("fails as silent when not seen since the window opened, once it closed", () => {
    expect(progress({ now: after, lastSeenAt: before })).toEqual({ state: "failed", failure: "silent", reportedVersion: "12.1.3" });
  });

  it("fails as still on the old version when it reports it after the window closed", () => {
    expect(progress({ now: after })).toEqual({ state: "failed", failure: "still_old", reportedVersion: "12.1.3" });
    expect(progress({ now: after, firmwareVersion: "12.1.3.0" })).toMatchObject({ failure: "still_old" });
  });

  it("counts an unknown old version or an unresolved one as still old: no evidence of another", () => {
    expect(progress({ now: after, fromVersion: null, firmwareVersion: "9.0" })).toMatchObject({ failure: "still_old" });
    expect(progress({ now: after, firmwareVersion: null })).toMatchObject({ failure: "still_old", reportedVersion: null });
  });

  it("fails as another version when it ends on a third one without a change row", () => {
    expect(progress({ now: after, firmwareVersion: "13.0.0" })).toEqual({ state: "failed", failure: "other_version", reportedVersion: "13.0.0" });
  });
});

describe("a change's direction", () => {
  it("orders versions of one numbering", () => {
    expect(changeDirection("12.1.3", "12.2.0")).toBe("upgrade");
    expect(changeDirection("12.2.0", "12.1.3")).toBe("downgrade");
    expect(changeDirection("2.6", "2.6A")).toBe("upgrade");
    expect(changeDirection("12.2", "12.2.0")).toBe("sidegrade");
  });

  it("calls a change between numberings that cannot be ordered sideways", () => {
    expect(changeDirection("U61", "L81")).toBe("sidegrade");
    expect(changeDirection("12.1", "B.06.18")).toBe("sidegrade");
  });

  it("compares versions as written", () => {
    expect(sameVersion("V12.2", "12.2.0")).toBe(true);
    expect(sameVersion("U61", "u61")).toBe(true);
    expect(sameVersion("12.2", null)).toBe(false);
  });

  it("dates a verification from the change that brought the target, however it was written", () => {
    const seen = [{ toVersion: "8.00.03", seenAt: new Date(1_000) }, { toVersion: "8.0.5", seenAt: new Date(2_000) }, { toVersion: "8.00.05", seenAt: new Date(3_000) }];
    expect(takenAt(seen, "8.00.05", new Date(9_000))).toEqual(new Date(2_000));
    expect(takenAt(seen.slice(0, 1), "8.00.05", new Date(9_000))).toEqual(new Date(9_000));
  });
});

describe("classifying a firmware change", () => {
  const plan = (over: Partial<Cover> = {}): Cover => ({ planId: "p1", state: "in_window", target: "12.2.0", windowStart, windowEnd, ...over });
  const retry: TaskCover = { taskId: "t1", kind: "retry", planId: "p0", target: "12.2.0", rollbackVersion: null };
  const rollback: TaskCover = { taskId: "t2", kind: "rollback", planId: "p0", target: "12.2.0", rollbackVersion: "12.1.3" };
  const replace: TaskCover = { taskId: "t3", kind: "replace", planId: "p0", target: "12.2.0", rollbackVersion: null };
  const change = (toVersion: string, seenAt = during) => ({ toVersion, seenAt });

  it("is planned when an approved, open or just completed plan covers its time and version", () => {
    for (const state of ["approved", "in_window", "completed"] as const) expect(classifyChange(change("12.2.0"), [plan({ state })], [])).toEqual({ kind: "planned", planId: "p1" });
  });

  it("is planned within the grace hour after the window, not after it", () => {
    const lastMinute = new Date(windowEnd.getTime() + COVER_GRACE_MS);
    expect(classifyChange(change("12.2.0", lastMinute), [plan({ state: "completed" })], [])).toMatchObject({ kind: "planned" });
    expect(classifyChange(change("12.2.0", new Date(lastMinute.getTime() + 1)), [plan({ state: "completed" })], [])).toEqual({ kind: "unplanned" });
  });

  it("is unplanned before the window, to another version, or under a plan not approved", () => {
    expect(classifyChange(change("12.2.0", before), [plan()], [])).toEqual({ kind: "unplanned" });
    expect(classifyChange(change("12.3.0"), [plan()], [])).toEqual({ kind: "unplanned" });
    for (const state of ["submitted", "rejected", "cancelled"] as const) expect(classifyChange(change("12.2.0"), [plan({ state })], [])).toEqual({ kind: "unplanned" });
    expect(classifyChange(change("12.2.0"), [], [])).toEqual({ kind: "unplanned" });
  });

  it("picks the covering plan among several", () => {
    const other = plan({ planId: "p2", target: "12.3.0" });
    expect(classifyChange(change("12.3.0"), [plan(), other], [])).toEqual({ kind: "planned", planId: "p2" });
  });

  it("is a contingency when an open retry or rollback task expects that version, whenever it happens", () => {
    const later = new Date("2026-12-09T10:00:00Z");
    expect(classifyChange(change("12.2.0", later), [], [retry])).toEqual({ kind: "contingency", taskId: "t1", outcome: "retried", planId: "p0" });
    expect(classifyChange(change("12.1.3", later), [], [rollback])).toEqual({ kind: "contingency", taskId: "t2", outcome: "rolled_back", planId: "p0" });
  });

  it("is unplanned when the task expects another version or is a replacement", () => {
    expect(classifyChange(change("12.0.0"), [], [rollback])).toEqual({ kind: "unplanned" });
    expect(classifyChange(change("12.2.0"), [], [replace])).toEqual({ kind: "unplanned" });
  });

  it("prefers a covering plan to a task", () => {
    expect(classifyChange(change("12.2.0"), [plan()], [retry])).toEqual({ kind: "planned", planId: "p1" });
  });
});

describe("the severity of an unplanned change", () => {
  it("follows the table", () => {
    expect(unplannedSeverity("downgrade", true)).toBe("critical");
    expect(unplannedSeverity("downgrade", false)).toBe("high");
    expect(unplannedSeverity("upgrade", true)).toBe("medium");
    expect(unplannedSeverity("upgrade", false)).toBe("medium");
    expect(unplannedSeverity("sidegrade", true)).toBe("medium");
    expect(unplannedSeverity("sidegrade", false)).toBe("medium");
  });
});

describe("the verdicts in words", () => {
  it("says each failure in a sentence, with the version reported", () => {
    expect(failureSentence("still_old", "12.1.3")).toBe("still on 12.1.3 when the window closed");
    expect(failureSentence("other_version", "12.2.0")).toBe("reported 12.2.0, neither the old nor the target version");
    expect(failureSentence("silent", "12.1.3")).toBe("not seen since the window opened");
    expect(failureSentence("still_old", null)).toBe("still on the old version when the window closed");
  });

  it("says a change and its fingerprint comparison", () => {
    expect(changeLine("12.2.0", "12.1.3", changeDirection("12.2.0", "12.1.3"))).toBe("12.2.0 → 12.1.3 (downgrade)");
    expect(fingerprintWords("same")).toBe("same physical device, new firmware");
    expect(fingerprintWords("different")).toMatch(/different physical device/);
  });
});
