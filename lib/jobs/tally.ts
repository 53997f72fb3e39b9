// The tally: the counts the overview and the CISO report show, precomputed into DailyMetric.
//
// Counting a million devices per page load cannot answer in 300 ms, so a background pass counts
// them here (lib/db/estate-counts.ts: a few GROUP BY scans, seconds at 1M devices) and writes the
// result as today's rows (day = "YYYY-MM-DD" UTC). Today's rows ARE the current tally; a refresh
// overwrites them in one transaction, so a reader sees either the old tally or the new one.
// Earlier days keep the last value written that day: they are the history the trend charts draw.
// The metrics and how each is counted: lib/domain/words/tally-metrics.ts; reading them back:
// lib/queries/tally-counts.ts.
import { bulkTarget } from "../db/bulk";
import { BACKGROUND_TRANSACTION, type Db } from "../db/client";
import { countEstate } from "../db/estate-counts";
import { upsertMetrics } from "../db/metric-upsert";
import { TALLY_METRICS, tallyDay, tallyDayRange, tallyRows, type MetricValue } from "../domain/words/tally-metrics";
import { refreshFleetSummary } from "./fleet-summary";

// Stale dimensions deleted per statement.
const DELETE_CHUNK = 1_000;

/** Overwrites the day's tally rows with `rows`, in one transaction; dimensions no longer counted go. */
async function storeTally(db: Db, day: string, rows: MetricValue[]) {
  const updatedAt = new Date();
  await db.$transaction(
    async (tx) => {
      const before = await tx.dailyMetric.findMany({ where: { day, metric: { in: [...TALLY_METRICS] } }, select: { metric: true, dimension: true } });
      await upsertMetrics(bulkTarget(db, tx), rows.map((r) => ({ ...r, updatedAt })));
      // Dimensions that disappeared since the last recount (a site emptied, an alert kind all resolved).
      const fresh = new Set(rows.map((r) => `${r.metric}\u0000${r.dimension}`));
      const stale = new Map<string, string[]>();
      for (const r of before) if (!fresh.has(`${r.metric}\u0000${r.dimension}`)) stale.set(r.metric, [...(stale.get(r.metric) ?? []), r.dimension]);
      for (const [metric, dimensions] of stale) {
        for (let i = 0; i < dimensions.length; i += DELETE_CHUNK) await tx.dailyMetric.deleteMany({ where: { day, metric, dimension: { in: dimensions.slice(i, i + DELETE_CHUNK) } } });
      }
    },
    BACKGROUND_TRANSACTION,
  );
}

/**
 * Recounts today's tally and overwrites today's rows (stale dimensions, e.g. a site whose last
 * device was retired, disappear). Returns how long it took and how many rows it wrote.
 */
export async function refreshTally(db: Db, now = new Date(), options: { scanChunk?: number } = {}): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const { day, start, end } = tallyDayRange(now);
  const rows = tallyRows(await countEstate(db, start, end, options.scanChunk), day, now);
  await storeTally(db, day, rows);
  // The Fleets view's counts, on the same cadence and with the same time (lib/jobs/fleet-summary.ts).
  await refreshFleetSummary(db, now, options);
  return { ms: Math.round(performance.now() - started), rows: rows.length };
}

// ─── Freshness ───────────────────────────────────────────────────────────────────────────────

/** Recount at least this often, even when nothing seems to have changed (unless recountWaitMs is longer). */
export const TALLY_IDLE_MS = 60_000;
/** After a change, recount this soon, or later when the last recount was long (recountWaitMs). */
export const TALLY_CHANGED_MS = 5_000;
/**
 * While agents report, every tick sees a change, and a recount competes with their writes and the
 * pages. Issue 18's load runs at 1,000,000 devices on PostgreSQL: waiting three times a recount's
 * duration (then 6.8 s) kept it active in 27 of 100 samples; waiting ten times but at most a
 * minute, the recount itself slowed under the load and was still active in 34 of 100. So
 * the wait is ten times the last recount's duration, past the minute if need be: the database
 * counts at most a tenth of the time, and the overview says how old its counts are.
 */
const RECOUNT_WAIT_FACTOR = 10;

/** How long after the last recount the next may start, change or not. */
export const recountWaitMs = (lastDurationMs: number) => Math.max(TALLY_CHANGED_MS, RECOUNT_WAIT_FACTOR * lastDurationMs);

let lastDurationMs = 0;

/**
 * Whether a background tick should recount: when today has no tally (first start, a new day), or
 * once recountWaitMs has passed since the last recount and either it is older than TALLY_IDLE_MS
 * or something changed (`changed`: the risk pass rescored devices; or an agent report arrived
 * since the last recount, an indexed probe). `lastRecountMs`: how long this instance's last
 * recount took. The last recount is read from the database, so several server
 * instances do not all recount the same change.
 */
export async function tallyDue(db: Db, changed: boolean, now = new Date(), lastRecountMs = lastDurationMs): Promise<boolean> {
  const last = await db.dailyMetric.findUnique({
    where: { day_metric_dimension: { day: tallyDay(now), metric: "tally.refreshedAt", dimension: "" } },
    select: { value: true },
  });
  if (!last) return true;
  const age = now.getTime() - last.value;
  if (age < recountWaitMs(lastRecountMs)) return false;
  if (age >= TALLY_IDLE_MS) return true;
  if (changed) return true;
  const report = await db.report.findFirst({ where: { receivedAt: { gt: new Date(last.value) } }, select: { id: true } });
  return report !== null;
}

/** One background tick: recounts if due. Returns the refresh's numbers, or null if it was not due. */
export async function tallyTick(db: Db, changed: boolean, now = new Date()): Promise<{ ms: number; rows: number } | null> {
  if (!(await tallyDue(db, changed, now))) return null;
  const result = await refreshTally(db, now);
  lastDurationMs = result.ms;
  return result;
}
