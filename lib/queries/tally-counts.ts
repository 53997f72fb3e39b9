import "server-only";
// The tally's counts as the views read them: today's (or the newest day's) values, one metric
// broken down by dimension, and the trend over days. Written by lib/jobs/tally.ts; the metrics
// are lib/domain/words/tally-metrics.ts.
import type { Db } from "../db/client";
import { countEstate } from "../db/estate-counts";
import { TALLY_METRICS, tallyDay, tallyDayRange, tallyRows, type MetricValue, type TallyMetric } from "../domain/words/tally-metrics";

const DAY_MS = 86_400_000;

export type Tally = {
  /** The day the counts come from: today, or the newest day with a tally. */
  day: string;
  refreshedAt: Date | null;
  /** Metric name → value, for the dimension asked for (missing metrics are absent, not zero). */
  values: Record<string, number>;
};

export type Breakdown = { day: string; items: { key: string; value: number }[] };
export type TrendPoint = { day: string; values: Record<string, number> };

/** The newest day that has a tally (today's once the first refresh ran), or null if none. */
export async function newestTallyDay(db: Db, onOrBefore?: string): Promise<string | null> {
  const row = await db.dailyMetric.findFirst({
    where: { metric: "tally.refreshedAt", dimension: "", ...(onOrBefore ? { day: { lte: onOrBefore } } : {}) },
    orderBy: { day: "desc" },
    select: { day: true },
  });
  return row?.day ?? null;
}

/**
 * Today's tally counted now, by the tally's own definitions, and not stored: what the overview
 * shows before the first background recount (lib/jobs/tally.ts) has stored one.
 */
export async function countTallyLive(db: Db, now = new Date()): Promise<MetricValue[]> {
  const { day, start, end } = tallyDayRange(now);
  return tallyRows(await countEstate(db, start, end), day, now);
}

/** One day's tally rows as a Tally, for `dimension` ("" = the estate, "site:<id>"). */
export function tallyOf(day: string, rows: Pick<MetricValue, "metric" | "dimension" | "value">[], dimension = ""): Tally {
  const values: Record<string, number> = {};
  let refreshedAt: Date | null = null;
  for (const r of rows) {
    if (r.metric === "tally.refreshedAt") refreshedAt = new Date(r.value);
    else if (r.dimension === dimension) values[r.metric] = r.value;
  }
  return { day, refreshedAt, values };
}

/** Today's counts for one dimension ("" = the estate, "site:<id>"), or the newest day's; null before the first refresh. */
export async function readTally(db: Db, dimension = ""): Promise<Tally | null> {
  const day = await newestTallyDay(db);
  if (!day) return null;
  const rows = await db.dailyMetric.findMany({
    where: { day, metric: { in: [...TALLY_METRICS] }, dimension: { in: dimension === "" ? [""] : [dimension, ""] } },
    select: { metric: true, dimension: true, value: true },
  });
  return tallyOf(day, rows, dimension);
}

/**
 * One metric broken down by dimension on the newest tally day, e.g. ("devices.category",
 * "category:") → [{ key: "infusion_pump", value: 812 }, …], largest first. Bounded by `limit`.
 */
export async function readBreakdown(db: Db, metric: TallyMetric, prefix: string, limit = 200): Promise<Breakdown | null> {
  const day = await newestTallyDay(db);
  if (!day) return null;
  const rows = await db.dailyMetric.findMany({
    where: { day, metric, dimension: { startsWith: prefix } },
    select: { dimension: true, value: true },
    orderBy: { value: "desc" },
    take: limit,
  });
  return { day, items: rows.map((r) => ({ key: r.dimension.slice(prefix.length), value: r.value })) };
}

/** The same breakdown from tally rows held in memory (a tally counted live, not stored). */
export function breakdownOf(rows: MetricValue[], metric: TallyMetric, prefix: string, limit = 200): Breakdown | null {
  if (!rows.length) return null;
  const items = rows
    .filter((r) => r.metric === metric && r.dimension.startsWith(prefix))
    .sort((a, b) => b.value - a.value)
    .slice(0, limit)
    .map((r) => ({ key: r.dimension.slice(prefix.length), value: r.value }));
  return { day: rows[0].day, items };
}

/**
 * The last `days` days up to today (oldest first), one point per day, each metric zero-filled
 * where that day has no row (before the first tally, or a day the server was down).
 */
export async function readTrend(db: Db, metrics: readonly string[], dimension = "", days = 30, now = new Date()): Promise<TrendPoint[]> {
  const span = Math.max(1, Math.min(Math.floor(days), 400));
  const dayList = Array.from({ length: span }, (_, i) => tallyDay(new Date(now.getTime() - (span - 1 - i) * DAY_MS)));
  const rows = await db.dailyMetric.findMany({
    where: { metric: { in: [...metrics] }, dimension, day: { gte: dayList[0], lte: dayList[dayList.length - 1] } },
    select: { day: true, metric: true, value: true },
  });
  const byDay = new Map(dayList.map((d) => [d, Object.fromEntries(metrics.map((m) => [m, 0])) as Record<string, number>]));
  for (const r of rows) {
    const point = byDay.get(r.day);
    if (point) point[r.metric] = r.value;
  }
  return dayList.map((day) => ({ day, values: byDay.get(day)! }));
}
