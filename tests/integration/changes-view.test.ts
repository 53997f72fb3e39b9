// The Changes views' reads (lib/queries/changes.ts) against a real database: plan tabs with their
// order, paging and progress; the calendar's windows; a plan's devices by state; the unplanned
// changes to review and the open contingency tasks; a device's firmware history; the overview's
// counts; and the CISO report's change-control figures (page, CSV). Plans, devices, tasks and
// changes are written directly, as the commands and the watch leave them, so these tests read what
// the views read whatever those rules are.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { cisoReportCsvRows } from "@/lib/domain/risk/ciso-report-figures";
import {
  changeControl, changesAtAGlance, countOpenTasks, countPlanTabs, countUnplannedToReview, firmwareHistory, listOpenTasks, listPlans, listUnplannedChanges,
  parseChangesParams, planDetail, planDevices, utcWeek, windowsBetween,
} from "@/lib/queries/changes";
import { loadCisoReport } from "@/lib/queries/ciso-report";

const NOW = new Date("2026-03-18T12:00:00Z"); // a Wednesday
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const dev = (i: number) => `dev-${String(i).padStart(3, "0")}`;
let siteA = "";
let siteB = "";
const planIds: Record<string, string> = {};

type PlanSeed = { key: string; state: string; start: Date; devices: number[]; states?: string[]; advisoryIds?: string[] };

async function seedPlan({ key, state, start, devices, states = [], advisoryIds = [] }: PlanSeed) {
  const plan = await getDb().changePlan.create({
    data: {
      title: `Plan ${key}`, state, targetVersion: "12.3.0", windowStart: start, windowEnd: new Date(start.getTime() + 4 * HOUR), timeZone: "Europe/Berlin", reason: "advisory",
      advisoryIds, contingency: "retry", downtimeMinutes: 30, selection: { kind: "devices", deviceIds: devices.map(dev) }, preview: { devices: devices.length, cvesClosed: [], riskBefore: 80, riskAfter: 20 },
      requestedBy: "engineer@test.local",
      devices: {
        create: devices.map((i, n) => {
          const s = states[n] ?? "planned";
          const when = new Date(start.getTime() + HOUR);
          return { deviceId: dev(i), fromVersion: "12.1.3", state: s, riskBefore: 80, riskAfter: 20, cvesClosed: s === "verified" ? [`CVE-2026-${i % 8}`] : [], verifiedAt: s === "verified" ? when : null, failedAt: s === "failed" ? when : null, failure: s === "failed" ? "still_old" : null };
        }),
      },
    },
  });
  planIds[key] = plan.id;
  return plan.id;
}

beforeAll(async () => {
  const db = getDb();
  siteA = (await db.site.create({ data: { name: "Main Campus" } })).id;
  siteB = (await db.site.create({ data: { name: "North Clinic" } })).id;
  await db.device.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({ id: dev(i), displayName: `PUMP-${i}`, category: "infusion_pump", vendor: "BD", model: "Alaris 8015", firmwareVersion: "12.1.3", siteId: i % 2 ? siteB : siteA, riskScore: 40, riskTier: "medium", firstSeenAt: at(-60) })),
  });
  // Three waiting plans in window order (created out of order), one approved, one in its window, two completed, one rejected, one cancelled.
  for (const [key, days] of [["w2", 5], ["w1", 2], ["w3", 9]] as const) await seedPlan({ key, state: "submitted", start: at(days), devices: [Number(key[1])] });
  await seedPlan({ key: "approved", state: "approved", start: at(1), devices: [10, 11] });
  await seedPlan({ key: "open", state: "in_window", start: at(-0.1), devices: [12, 13, 14], states: ["verified", "planned", "planned"] });
  await seedPlan({ key: "done", state: "completed", start: at(-1), devices: [20, 21, 22, 23], states: ["verified", "verified", "failed", "verified"], advisoryIds: ["ICSMA-23-194-01"] });
  await seedPlan({ key: "old", state: "completed", start: at(-40), devices: [24], states: ["verified"], advisoryIds: ["ICSMA-22-001-01"] });
  await seedPlan({ key: "rejected", state: "rejected", start: at(3), devices: [30] });
  await seedPlan({ key: "cancelled", state: "cancelled", start: at(4), devices: [31] });
  // The failed device's task, and an older one closed; the firmware changes of device 40 and 41.
  const failed = await db.changePlanDevice.findFirstOrThrow({ where: { planId: planIds.done, state: "failed" } });
  await db.contingencyTask.create({ data: { planDeviceId: failed.id, kind: "retry", owner: "engineer@test.local", dueAt: at(6) } });
  const old = await db.changePlanDevice.findFirstOrThrow({ where: { planId: planIds.old } });
  await db.contingencyTask.create({ data: { planDeviceId: old.id, kind: "replace", owner: "engineer@test.local", dueAt: at(-30), state: "replaced", closedAt: at(-31), closedBy: "x" } });
  await db.firmwareChange.createMany({
    data: [
      { deviceId: dev(40), fromVersion: "12.1.3", toVersion: "12.0.9", seenAt: at(-2), kind: "unplanned", direction: "downgrade", fingerprint: "same" },
      { deviceId: dev(40), fromVersion: "12.0.9", toVersion: "12.3.0", seenAt: at(-1), kind: "planned", direction: "upgrade", planId: planIds.done },
      { deviceId: dev(41), fromVersion: "12.1.3", toVersion: "12.2.0", seenAt: at(-0.5), kind: "unplanned", direction: "upgrade", fingerprint: "different" },
      { deviceId: dev(41), fromVersion: "12.0.0", toVersion: "12.1.3", seenAt: at(-20), kind: "unplanned", direction: "upgrade", reviewedAt: at(-19), reviewedBy: "analyst@test.local", reviewReason: "vendor visit" },
      { deviceId: dev(42), fromVersion: "12.1.3", toVersion: "12.1.4", seenAt: at(-0.2), kind: null },
    ],
  });
});

const titles = (rows: { title: string }[]) => rows.map((r) => r.title);

describe("plan tabs", () => {
  it("each tab holds its states: waiting and approved plans soonest first, finished ones newest first", async () => {
    const p = parseChangesParams({});
    expect(titles((await listPlans("submitted", p)).plans)).toEqual(["Plan w1", "Plan w2", "Plan w3"]);
    expect(titles((await listPlans("approved", p)).plans)).toEqual(["Plan approved"]);
    expect(titles((await listPlans("completed", p)).plans)).toEqual(["Plan done", "Plan old"]);
    expect(titles((await listPlans("closed", p)).plans).sort()).toEqual(["Plan cancelled", "Plan rejected"]);
    expect(await countPlanTabs()).toEqual({ submitted: 3, approved: 1, in_window: 1, completed: 2, closed: 2 });
  });

  it("counts each plan's devices by state", async () => {
    const [open] = (await listPlans("in_window", parseChangesParams({}))).plans;
    expect(open._count.devices).toBe(3);
    expect(open.progress).toEqual({ planned: 2, verified: 1, failed: 0 });
  });

  it("pages both ways by window, and a link it did not make reads the first page", async () => {
    const two = (cursor?: string) => listPlans("submitted", { ...parseChangesParams({}), size: 2, cursor });
    const first = await two();
    expect(titles(first.plans)).toEqual(["Plan w1", "Plan w2"]);
    const second = await two(first.next);
    expect(titles(second.plans)).toEqual(["Plan w3"]);
    expect(second.next).toBeUndefined();
    expect(titles((await two(second.previous)).plans)).toEqual(["Plan w1", "Plan w2"]);
    expect(titles((await two("not-a-cursor")).plans)).toEqual(["Plan w1", "Plan w2"]);
  });

  it("the calendar reads the windows of a range, leaving rejected and cancelled plans out", async () => {
    const windows = await windowsBetween(at(-2), at(10));
    expect(titles(windows)).toEqual(["Plan done", "Plan open", "Plan approved", "Plan w1", "Plan w2", "Plan w3"]);
    expect(titles(await windowsBetween(at(-41), at(-39)))).toEqual(["Plan old"]);
  });
});

describe("one plan", () => {
  it("reads the plan with its devices counted, and its devices by state with their tasks", async () => {
    const detail = await planDetail(planIds.done);
    expect(detail?.plan.title).toBe("Plan done");
    expect(detail?.progress).toEqual({ planned: 0, verified: 3, failed: 1 });
    const failed = await planDevices(planIds.done, "failed", undefined);
    expect(failed.devices.map((d) => d.device.displayName)).toEqual(["PUMP-22"]);
    expect(failed.devices[0].contingencyTask).toMatchObject({ kind: "retry", state: "open" });
    expect((await planDevices(planIds.done, undefined, undefined)).devices).toHaveLength(4);
    expect(await planDetail("no-such-plan")).toBeNull();
    expect(await planDetail("x".repeat(65))).toBeNull();
  });

  it("pages a plan's devices both ways", async () => {
    const first = await planDevices(planIds.done, undefined, undefined, 3);
    expect(first.devices).toHaveLength(3);
    expect(first.next).toBeDefined();
    const second = await planDevices(planIds.done, undefined, first.next, 3);
    expect(second.devices).toHaveLength(1);
    expect(second.previous).toBeDefined();
    const back = await planDevices(planIds.done, undefined, second.previous, 3);
    expect(back.devices.map((d) => d.id)).toEqual(first.devices.map((d) => d.id));
  });
});

describe("unplanned changes and tasks", () => {
  it("lists the unplanned changes waiting for review newest first, and those reviewed apart", async () => {
    const waiting = await listUnplannedChanges(parseChangesParams({ tab: "unplanned" }));
    expect(waiting.changes.map((c) => [c.device.displayName, c.toVersion])).toEqual([["PUMP-41", "12.2.0"], ["PUMP-40", "12.0.9"]]);
    const reviewed = await listUnplannedChanges(parseChangesParams({ tab: "unplanned", reviewed: "1" }));
    expect(reviewed.changes.map((c) => c.reviewReason)).toEqual(["vendor visit"]);
    expect(await countUnplannedToReview()).toBe(2);
  });

  it("lists open contingency tasks only, the soonest due first, with the plan and the failure", async () => {
    const { tasks } = await listOpenTasks(parseChangesParams({ tab: "contingency" }));
    expect(tasks).toHaveLength(1);
    expect(tasks[0].planDevice).toMatchObject({ failure: "still_old", device: { displayName: "PUMP-22" }, plan: { title: "Plan done" } });
    expect(await countOpenTasks()).toBe(1);
  });
});

describe("a device's firmware", () => {
  it("lists every change newest first with the plan it was under, and the plans it is in", async () => {
    const history = await firmwareHistory(dev(40));
    expect(history.changes.map((c) => [c.toVersion, c.kind, c.planTitle])).toEqual([["12.3.0", "planned", "Plan done"], ["12.0.9", "unplanned", null]]);
    const inPlans = await firmwareHistory(dev(21));
    expect(inPlans.changes).toEqual([]);
    expect(inPlans.plans.map((p) => [p.plan.title, p.state])).toEqual([["Plan done", "verified"]]);
  });
});

describe("the overview and the CISO report", () => {
  it("counts this week's windows (Monday to Sunday UTC), open tasks and unplanned changes to review", async () => {
    expect(utcWeek(NOW)).toEqual({ start: new Date("2026-03-16T00:00:00Z"), end: new Date("2026-03-23T00:00:00Z") });
    expect(utcWeek(new Date("2026-03-22T23:59:00Z")).start).toEqual(new Date("2026-03-16T00:00:00Z"));
    // This week: approved (Thu), open (Wed), done (Tue), w1 (Fri); w2 (Mon next week) and w3 are later; rejected and cancelled never count.
    expect(await changesAtAGlance(NOW)).toMatchObject({ thisWeek: 4, failed: 1, unplanned: 2 });
  });

  it("counts changes made, verified, failed and unplanned in a period, and what the updates closed", async () => {
    const figures = await changeControl(at(-7), at(1));
    expect(figures).toEqual({ made: 7, verified: 4, failed: 1, unplanned: 2, advisoriesClosed: ["ICSMA-23-194-01"], cvesClosed: 3 });
    // Site B holds the odd devices: 13 (in window, planned), 21 and 23 (verified), 41 (unplanned).
    expect(await changeControl(at(-7), at(1), siteB)).toEqual({ made: 3, verified: 2, failed: 0, unplanned: 1, advisoriesClosed: ["ICSMA-23-194-01"], cvesClosed: 2 });
    expect(await changeControl(at(-45), at(-35))).toMatchObject({ made: 1, verified: 1, advisoriesClosed: ["ICSMA-22-001-01"] });
  });

  it("the CISO report carries the section, and its CSV the same lines", async () => {
    const report = await loadCisoReport({ period: "30d" }, at(1));
    expect(report.changes).toMatchObject({ verified: 4, failed: 1, unplanned: 3 });
    const rows = cisoReportCsvRows(report).filter((r) => r[0] === "Change control");
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ["Planned changes made", "9"], ["Verified", "4"], ["Failed", "1"], ["Unplanned changes", "3"], ["CVEs closed by updates", "3"], ["Advisories closed by updates", "ICSMA-23-194-01"],
    ]);
    expect(rows[0][4]).toContain("NIST CSF PR.PS-02");
  });
});
