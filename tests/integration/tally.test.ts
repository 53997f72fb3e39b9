// The tally (lib/jobs/tally.ts) against a real database: after a simulated estate, every count it
// writes equals the live count; a second refresh the same day overwrites; history is untouched.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, providerOf, type Db } from "@/lib/db/client";
import { onOneCore } from "@/lib/db/device-slices";
import { recountWaitMs, refreshTally, tallyDue, tallyTick } from "@/lib/jobs/tally";
import { readBreakdown, readTally, readTrend } from "@/lib/queries/tally-counts";
import { tallyDay, TALLY_METRICS } from "@/lib/domain/words/tally-metrics";
import { enrol, postReport, pump, report } from "./agent-api";

const db = () => getDb();
const NOW = new Date();
const TODAY = tallyDay(NOW);
const dayAgo = (n: number) => tallyDay(new Date(NOW.getTime() - n * 86_400_000));

async function value(metric: string, dimension = "", day = TODAY) {
  return (await db().dailyMetric.findUnique({ where: { day_metric_dimension: { day, metric, dimension } } }))?.value;
}

const live = { status: { not: "retired" } };

/** The live counts, by the TALLY.md definitions, for the estate (siteId undefined) or one site. */
async function liveCounts(siteId?: string) {
  const site = siteId ? { siteId } : {};
  const d = db().device;
  const dayStart = new Date(`${TODAY}T00:00:00Z`);
  return {
    "devices.total": await d.count({ where: { ...live, ...site } }),
    "devices.unauthorized": await d.count({ where: { status: "unauthorized", ...site } }),
    "devices.spoofed": await d.count({ where: { ...live, ...site, spoofSuspected: true } }),
    "devices.tier.critical": await d.count({ where: { ...live, ...site, riskTier: "critical" } }),
    "devices.tier.high": await d.count({ where: { ...live, ...site, riskTier: "high" } }),
    "devices.tier.medium": await d.count({ where: { ...live, ...site, riskTier: "medium" } }),
    "devices.tier.low": await d.count({ where: { ...live, ...site, riskTier: "low" } }),
    "devices.kev": await d.count({ where: { ...live, ...site, vulnerabilities: { some: { status: "affected", vulnerability: { kev: true } } } } }),
    "devices.new": await d.count({ where: { ...site, firstSeenAt: { gte: dayStart, lt: new Date(dayStart.getTime() + 86_400_000) } } }),
  };
}

let north: { id: string; token: string };
let south: { id: string; token: string };
let northSite: string;
let southSite: string;

describe("the tally", () => {
  beforeAll(async () => {
    north = await enrol("sensor-north", "North Campus");
    south = await enrol("sensor-south", "South Campus");
    expect((await postReport(north.token, report([1, 2, 3, 4, 5, 6].map((i) => pump(i))))).status).toBe(202);
    expect((await postReport(south.token, report([11, 12, 13].map((i) => pump(i, { network: { segment: "LAB-VLAN-7" } }))))).status).toBe(202);
    northSite = (await db().site.findUniqueOrThrow({ where: { name: "North Campus" } })).id;
    southSite = (await db().site.findUniqueOrThrow({ where: { name: "South Campus" } })).id;

    // Shape the estate directly: tiers, decisions, a spoof, a retired device, categories.
    const ids = (await db().device.findMany({ orderBy: { displayName: "asc" }, select: { id: true, siteId: true } })).map((d) => d.id);
    expect(ids).toHaveLength(9);
    await db().device.update({ where: { id: ids[0] }, data: { riskTier: "critical", status: "unauthorized", category: "patient_monitor" } });
    await db().device.update({ where: { id: ids[1] }, data: { riskTier: "critical", spoofSuspected: true } });
    await db().device.update({ where: { id: ids[2] }, data: { riskTier: "high", status: "authorized" } });
    await db().device.update({ where: { id: ids[3] }, data: { riskTier: "critical", status: "retired", spoofSuspected: true } });
    await db().device.update({ where: { id: ids[6] }, data: { riskTier: "medium", status: "unauthorized" } });
    // An old device, first seen last week: not "new" today.
    await db().device.update({ where: { id: ids[7] }, data: { firstSeenAt: new Date(NOW.getTime() - 7 * 86_400_000) } });

    // Known-exploited vulnerabilities: two live devices (one with two), one retired; one not KEV.
    await db().vulnerability.createMany({ data: [{ id: "CVE-2099-0001", kev: true }, { id: "CVE-2099-0002", kev: true }, { id: "CVE-2099-0003", kev: false }] });
    const dv = (deviceId: string, vulnerabilityId: string, status = "affected") => ({ deviceId, vulnerabilityId, status, source: "csaf", reason: {} });
    await db().deviceVulnerability.createMany({
      data: [dv(ids[0], "CVE-2099-0001"), dv(ids[0], "CVE-2099-0002"), dv(ids[6], "CVE-2099-0001"), dv(ids[3], "CVE-2099-0001"), dv(ids[4], "CVE-2099-0003"), dv(ids[5], "CVE-2099-0002", "needs_review")],
    });

    // Alerts: the ingestion raised some (new devices); add a resolved one and a spoof.
    await db().alert.create({ data: { kind: "spoof", severity: "high", title: "Possible spoof", deviceId: ids[1] } });
    await db().alert.create({ data: { kind: "unauthorized", severity: "high", title: "Unauthorized", deviceId: ids[0], status: "resolved", openKey: null } });
    await db().alert.create({ data: { kind: "risk_jump", severity: "medium", title: "Old", deviceId: ids[2], status: "acknowledged", firstAt: new Date(NOW.getTime() - 3 * 86_400_000) } });

    // History: a day last week that a refresh today must leave alone.
    await db().dailyMetric.createMany({
      data: [
        { day: dayAgo(5), metric: "devices.total", dimension: "", value: 42 },
        { day: dayAgo(5), metric: "devices.tier.critical", dimension: "", value: 7 },
        { day: dayAgo(5), metric: "tally.refreshedAt", dimension: "", value: NOW.getTime() - 5 * 86_400_000 },
      ],
    });
  });

  it("writes counts equal to the live counts, for the estate and per site", async () => {
    // Small slices, so the pass over Device takes several (9 devices, slices of 2).
    const result = await refreshTally(db(), NOW, { scanChunk: 2 });
    expect(result.rows).toBeGreaterThan(20);
    expect(result.ms).toBeGreaterThanOrEqual(0);

    for (const [dimension, siteId] of [["", undefined], [`site:${northSite}`, northSite], [`site:${southSite}`, southSite]] as const) {
      const expected = await liveCounts(siteId);
      const tally = await readTally(db(), dimension);
      expect(tally?.day).toBe(TODAY);
      expect(tally?.refreshedAt?.getTime()).toBe(NOW.getTime());
      for (const [metric, count] of Object.entries(expected)) expect([dimension, metric, tally?.values[metric]]).toEqual([dimension, metric, count]);
    }
    // Spot checks on the shaped estate.
    expect(await value("devices.total")).toBe(8);
    expect(await value("devices.unauthorized")).toBe(2);
    expect(await value("devices.spoofed")).toBe(1);
    expect(await value("devices.tier.critical")).toBe(2);
    expect(await value("devices.kev")).toBe(2);
    expect(await value("devices.new")).toBe(8);
  });

  it("counts the same in slices of any size: the last slice full or short, or one pass", async () => {
    const snapshot = async () => (await db().dailyMetric.findMany({ where: { day: TODAY, metric: { not: "tally.refreshedAt" } }, select: { metric: true, dimension: true, value: true } }))
      .map((m) => `${m.metric} ${m.dimension} ${m.value}`).sort();
    await refreshTally(db(), NOW, { scanChunk: 2 });
    const expected = await snapshot();
    expect(expected.some((m) => m.startsWith("matches.possible "))).toBe(true);
    // 9 devices: slices of 3 end on the last device exactly, 4 leave one over, 100 is a single slice.
    for (const scanChunk of [3, 4, 100, 0]) {
      await refreshTally(db(), NOW, { scanChunk });
      expect([scanChunk, await snapshot()]).toEqual([scanChunk, expected]);
    }
  });

  it("counts categories, coverage by agent and segment, and open alerts by kind", async () => {
    const categories = await db().device.groupBy({ by: ["category"], where: live, _count: { _all: true } });
    for (const g of categories) expect(await value("devices.category", `category:${g.category}`)).toBe(g._count._all);
    expect(await value("devices.category", "category:patient_monitor")).toBe(1);
    const breakdown = await readBreakdown(db(), "devices.category", "category:");
    expect(breakdown?.items.reduce((s, i) => s + i.value, 0)).toBe(8);

    expect(await value("devices.coverage", `agent:${north.id}`)).toBe(5);
    expect(await value("devices.coverage", `agent:${south.id}`)).toBe(3);
    const lab = await db().segment.findFirstOrThrow({ where: { name: "LAB-VLAN-7" } });
    expect(await value("devices.coverage", `segment:${lab.id}`)).toBe(3);

    const open = await db().alert.groupBy({ by: ["kind"], where: { status: { not: "resolved" } }, _count: { _all: true } });
    expect(open.length).toBeGreaterThan(1);
    for (const g of open) expect(await value("alerts.open", `kind:${g.kind}`)).toBe(g._count._all);
    expect(await value("alerts.open")).toBe(await db().alert.count({ where: { status: { not: "resolved" } } }));
    expect(await value("alerts.open", "kind:unauthorized")).toBeUndefined();
    expect(await value("alerts.opened")).toBe(await db().alert.count({ where: { firstAt: { gte: new Date(`${TODAY}T00:00:00Z`) } } }));
  });

  it("a second refresh the same day overwrites today's rows; stale dimensions go; history stays", async () => {
    // Retire every device of the south site and resolve the spoof alert.
    await db().device.updateMany({ where: { siteId: southSite }, data: { status: "retired" } });
    await db().alert.updateMany({ where: { kind: "spoof" }, data: { status: "resolved", openKey: null } });
    const later = new Date(NOW.getTime() + 1000);
    await refreshTally(db(), tallyDay(later) === TODAY ? later : NOW);

    expect(await value("devices.total")).toBe(5);
    expect(await value("devices.total", `site:${southSite}`)).toBe(0);
    expect(await value("devices.coverage", `agent:${south.id}`)).toBeUndefined();
    expect(await value("alerts.open", "kind:spoof")).toBeUndefined();
    const expected = await liveCounts();
    const tally = await readTally(db());
    for (const [metric, count] of Object.entries(expected)) expect([metric, tally?.values[metric]]).toEqual([metric, count]);
    // One row per (metric, dimension): overwritten, not appended.
    const today = await db().dailyMetric.count({ where: { day: TODAY, metric: "devices.total", dimension: "" } });
    expect(today).toBe(1);

    expect(await value("devices.total", "", dayAgo(5))).toBe(42);
    expect(await value("devices.tier.critical", "", dayAgo(5))).toBe(7);
    expect(await db().dailyMetric.count({ where: { day: dayAgo(5) } })).toBe(3);
  });

  it("leaves the retention rollup rows alone", async () => {
    await db().dailyMetric.create({ data: { day: TODAY, metric: "observations", dimension: "", value: 123 } });
    await refreshTally(db(), NOW);
    expect(await value("observations")).toBe(123);
    expect(TALLY_METRICS).not.toContain("observations");
  });

  it("reads a zero-filled trend, oldest day first", async () => {
    const trend = await readTrend(db(), ["devices.total", "devices.tier.critical"], "", 30, NOW);
    expect(trend).toHaveLength(30);
    expect(trend[29].day).toBe(TODAY);
    expect(trend[0].day).toBe(dayAgo(29));
    expect(trend[29 - 5].values).toEqual({ "devices.total": 42, "devices.tier.critical": 7 });
    expect(trend[29].values["devices.total"]).toBe(5);
    expect(trend[10].values).toEqual({ "devices.total": 0, "devices.tier.critical": 0 });
  });

  it("recounts without PostgreSQL's parallel workers, and leaves the pool's other connections theirs", async () => {
    if (providerOf(db()) !== "postgresql") {
      expect(await onOneCore(db(), async (q) => q === db())).toBe(true);
      return;
    }
    const workers = async (q: Db) => (await q.$queryRawUnsafe<{ max_parallel_workers_per_gather: string }[]>("SHOW max_parallel_workers_per_gather"))[0].max_parallel_workers_per_gather;
    const outside = await workers(db());
    expect(outside).not.toBe("0");
    expect(await onOneCore(db(), workers)).toBe("0");
    const [inside, beside] = await Promise.all([onOneCore(db(), workers), workers(db())]);
    expect([inside, beside, await workers(db())]).toEqual(["0", outside, outside]);
  });

  it("two recounts at once (two server instances) both succeed and leave one row per key", async () => {
    const at = new Date();
    const results = await Promise.all([refreshTally(db(), at), refreshTally(db(), at)]);
    expect(results[0].rows).toBe(results[1].rows);
    expect(await db().dailyMetric.count({ where: { day: tallyDay(at), metric: "devices.total", dimension: "" } })).toBe(1);
    expect(await value("devices.total", "", tallyDay(at))).toBe(5);
  });

  it("waits 5 s, or ten times the last recount if that is longer (a tenth of the time counting), past the minute if need be", async () => {
    expect(recountWaitMs(0)).toBe(5_000);
    expect(recountWaitMs(400)).toBe(5_000);
    expect(recountWaitMs(2_000)).toBe(20_000);
    expect(recountWaitMs(9_000)).toBe(90_000);
    // After a recount of 9 s (a million devices under agents' load): none a minute later, change
    // or not, and one once 90 s have passed.
    const at = new Date();
    await refreshTally(db(), at);
    const later = (ms: number) => new Date(at.getTime() + ms);
    expect(await tallyDue(db(), true, later(61_000), 9_000)).toBe(false);
    expect(await tallyDue(db(), false, later(89_000), 9_000)).toBe(false);
    expect(await tallyDue(db(), false, later(90_000), 9_000)).toBe(true);
    expect(await tallyDue(db(), true, later(61_000), 400)).toBe(true);
  });

  it("is due when today has none, after a change (not more often than every 5 s), and every minute anyway", async () => {
    const at = new Date();
    await refreshTally(db(), at);
    const later = (ms: number) => new Date(at.getTime() + ms);
    expect(await tallyDue(db(), false, later(1_000))).toBe(false);
    expect(await tallyDue(db(), true, later(1_000))).toBe(false);
    expect(await tallyDue(db(), true, later(6_000))).toBe(true);
    expect(await tallyDue(db(), false, later(6_000))).toBe(false);
    expect(await tallyDue(db(), false, later(61_000))).toBe(true);
    expect(await tallyDue(db(), false, new Date(at.getTime() + 2 * 86_400_000))).toBe(true); // a new day
    // An agent report after the recount is a change the probe sees.
    expect((await postReport(north.token, report([pump(1)]))).status).toBe(202);
    expect(await tallyDue(db(), false, later(6_000))).toBe(true);
    const tick = await tallyTick(db(), false, later(6_000));
    expect(tick?.rows).toBeGreaterThan(0);
    expect(await tallyTick(db(), false, later(7_000))).toBeNull();
  });

  it("falls back to the newest day when today has no tally yet", async () => {
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    const tally = await readTally(db());
    expect(tally?.day).toBe(TODAY);
    const trend = await readTrend(db(), ["devices.total"], "", 2, tomorrow);
    expect(trend.map((p) => p.values["devices.total"])).toEqual([5, 0]);
  });
});
