// Retention of raw observations. Observations older than OBSERVATION_RETENTION_DAYS (default 90)
// are deleted day by day, after that day is rolled up into DailyMetric (observations received
// and distinct devices seen, for the estate and per agent), so trends and coverage outlive the
// raw rows. A day is rolled up once, on its complete data, and marked; its deletion then runs in
// batches and resumes after a crash without counting anything twice. Ended sessions (signed out,
// revoked, expired) are kept ENDED_SESSION_DAYS for the record, then deleted.
import { bulkTarget } from "../db/bulk";
import type { Db } from "../db/client";
import { upsertMetrics, type MetricRow } from "../db/metric-upsert";
import { countObservationsBetween, deleteObservationsBefore } from "../db/observation-retention";
import { deleteIdleBuckets } from "../db/rate-limit";
import { log } from "../ops/log";
import { deleteEndedSessions } from "../auth/sessions";

export const DEFAULT_RETENTION_DAYS = 90;
const DELETE_BATCH = 10_000;
const DAY_MS = 86_400_000;
/** Ended sessions (signed out, revoked, expired) are kept this long, for the record, then deleted. */
export const ENDED_SESSION_DAYS = 30;

export function retentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.OBSERVATION_RETENTION_DAYS;
  if (raw === undefined || raw === "") return DEFAULT_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1) throw new Error("OBSERVATION_RETENTION_DAYS must be a whole number of days, at least 1");
  return days;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** The day's observations and devices seen, for the estate and per agent, and the day marked rolled up: in one transaction. */
async function rollUp(db: Db, day: string) {
  const start = new Date(`${day}T00:00:00Z`);
  const { all, perAgent } = await countObservationsBetween(db, start, new Date(start.getTime() + DAY_MS));
  const updatedAt = new Date();
  const rows: MetricRow[] = [
    { metric: "observations", dimension: "", value: all.observations },
    { metric: "devices.seen", dimension: "", value: all.devices },
    ...perAgent.flatMap((r) => [
      { metric: "observations", dimension: `agent:${r.agentId}`, value: r.observations },
      { metric: "devices.seen", dimension: `agent:${r.agentId}`, value: r.devices },
    ]),
    { metric: "retention.rolled_up", dimension: "", value: 1 },
  ].map((r) => ({ day, ...r, updatedAt }));
  await db.$transaction(async (tx) => upsertMetrics(bulkTarget(db, tx), rows));
}

/** Rolls up and deletes every whole day of observations older than the retention period. */
export async function applyRetention(db: Db, options: { days?: number; now?: Date } = {}): Promise<{ days: string[]; deleted: number }> {
  const days = options.days ?? retentionDays();
  const now = options.now ?? new Date();
  // Whole days only: the cut-off is the start of the first day that is kept.
  const cutoff = new Date(Date.parse(`${dayOf(new Date(now.getTime() - days * DAY_MS))}T00:00:00Z`));
  const done: string[] = [];
  let deleted = 0;
  // Sign-in and API rate-limit counters expire too: a day idle and not locked.
  await deleteIdleBuckets(db, undefined, now);
  await deleteEndedSessions(db, new Date(now.getTime() - ENDED_SESSION_DAYS * DAY_MS));
  for (;;) {
    const oldest = await db.observation.findFirst({ where: { observedAt: { lt: cutoff } }, orderBy: { observedAt: "asc" }, select: { observedAt: true } });
    if (!oldest) break;
    const day = dayOf(oldest.observedAt);
    const marked = await db.dailyMetric.findUnique({ where: { day_metric_dimension: { day, metric: "retention.rolled_up", dimension: "" } } });
    if (!marked) await rollUp(db, day);
    const end = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
    deleted += await deleteObservationsBefore(db, end < cutoff ? end : cutoff, DELETE_BATCH);
    done.push(day);
  }
  if (done.length) log.info("observations past retention deleted", { days: done.length, first: done[0], last: done[done.length - 1], deleted, retentionDays: days });
  return { days: done, deleted };
}
