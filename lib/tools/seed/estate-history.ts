// The large seed's DailyMetric history (lib/tools/seed/large-estate.ts): today's counts, counted
// once, scaled back over the history days with a plausible trend (estate-plan.ts historyFactor),
// beside the devices first seen and alerts opened each day as the seed wrote them.
import { bulkTarget } from "../../db/bulk";
import type { Db } from "../../db/client";
import { upsertMetrics, type MetricRow } from "../../db/metric-upsert";
import type { Rng } from "../simulator/prng";
import { historyFactor, utcDay } from "./estate-plan";

/**
 * Today's counts, by the TALLY.md definitions, counted once here (a seed may take seconds over a
 * million rows; a page may not), then scaled back over the history days with a plausible trend.
 */
async function currentCounts(db: Db): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const put = (metric: string, dimension: string, value: number) => out.set(`${metric}\u0000${dimension}`, (out.get(`${metric}\u0000${dimension}`) ?? 0) + value);
  // Every estate-wide metric has a row, a zero included (a small estate may have no KEV device).
  for (const metric of ["devices.total", "devices.unauthorized", "devices.spoofed", "devices.kev", "devices.tier.critical", "devices.tier.high", "devices.tier.medium", "devices.tier.low", "alerts.open"]) put(metric, "", 0);
  const live = { status: { not: "retired" } };
  for (const g of await db.device.groupBy({ by: ["siteId", "riskTier"], where: live, _count: { _all: true } })) {
    const site = g.siteId ? `site:${g.siteId}` : null;
    for (const dim of ["", site]) if (dim !== null) {
      put("devices.total", dim, g._count._all);
      put(`devices.tier.${g.riskTier}`, dim, g._count._all);
    }
  }
  for (const g of await db.device.groupBy({ by: ["siteId"], where: { status: "unauthorized" }, _count: { _all: true } })) {
    put("devices.unauthorized", "", g._count._all);
    if (g.siteId) put("devices.unauthorized", `site:${g.siteId}`, g._count._all);
  }
  for (const g of await db.device.groupBy({ by: ["siteId"], where: { ...live, spoofSuspected: true }, _count: { _all: true } })) {
    put("devices.spoofed", "", g._count._all);
    if (g.siteId) put("devices.spoofed", `site:${g.siteId}`, g._count._all);
  }
  for (const g of await db.device.groupBy({ by: ["siteId"], where: { ...live, vulnerabilities: { some: { status: "affected", vulnerability: { kev: true } } } }, _count: { _all: true } })) {
    put("devices.kev", "", g._count._all);
    if (g.siteId) put("devices.kev", `site:${g.siteId}`, g._count._all);
  }
  for (const g of await db.device.groupBy({ by: ["category"], where: live, _count: { _all: true } })) put("devices.category", `category:${g.category}`, g._count._all);
  for (const g of await db.device.groupBy({ by: ["lastAgentId"], where: live, _count: { _all: true } })) if (g.lastAgentId) put("devices.coverage", `agent:${g.lastAgentId}`, g._count._all);
  for (const g of await db.device.groupBy({ by: ["segmentId"], where: live, _count: { _all: true } })) if (g.segmentId) put("devices.coverage", `segment:${g.segmentId}`, g._count._all);
  for (const g of await db.alert.groupBy({ by: ["kind"], where: { status: { not: "resolved" } }, _count: { _all: true } })) {
    put("alerts.open", "", g._count._all);
    put("alerts.open", `kind:${g.kind}`, g._count._all);
  }
  return out;
}

/** What the seed wrote per day: devices first seen and alerts first raised. */
export type SeededPerDay = { newPerDay: Map<string, number>; openedPerDay: Map<string, number> };

/** `days` days of history before today; days already written (appending, a second seed) keep their values. Returns the rows written. */
export async function writeHistory(db: Db, now: Date, days: number, perDay: SeededPerDay, rng: Rng): Promise<number> {
  const counts = await currentCounts(db);
  const metrics: MetricRow[] = [];
  for (let ago = 1; ago <= days; ago++) {
    const dayDate = new Date(now.getTime() - ago * 86_400_000);
    const day = utcDay(dayDate);
    for (const [key, value] of counts) {
      const [metric, dimension] = key.split("\u0000");
      const family = metric.startsWith("devices.tier.") && metric !== "devices.tier.critical" ? "devices.total" : metric;
      metrics.push({ day, metric, dimension, value: Math.max(0, Math.round(value * historyFactor(family, ago, rng()))), updatedAt: dayDate });
    }
    metrics.push({ day, metric: "devices.new", dimension: "", value: perDay.newPerDay.get(day) ?? 0, updatedAt: dayDate });
    metrics.push({ day, metric: "alerts.opened", dimension: "", value: perDay.openedPerDay.get(day) ?? 0, updatedAt: dayDate });
    metrics.push({ day, metric: "tally.refreshedAt", dimension: "", value: Date.parse(`${day}T23:55:00Z`), updatedAt: dayDate });
  }
  const written = new Set(metrics.map((m) => m.day));
  const taken = new Set((await db.dailyMetric.findMany({ where: { day: { in: [...written] }, metric: "tally.refreshedAt" }, select: { day: true } })).map((m) => m.day));
  const fresh = metrics.filter((m) => !taken.has(m.day));
  for (let i = 0; i < fresh.length; i += 20_000) {
    const chunk = fresh.slice(i, i + 20_000);
    await db.$transaction(async (tx) => upsertMetrics(bulkTarget(db, tx), chunk), { timeout: 120_000 });
  }
  return fresh.length;
}
