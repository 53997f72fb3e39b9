// Retention of raw observations. Observations older than OBSERVATION_RETENTION_DAYS (default 90)
// are deleted day by day, after that day is rolled up into DailyMetric (observations received
// and distinct devices seen, for the estate and per agent), so trends and coverage outlive the
// raw rows. A day is rolled up once, on its complete data, and marked; its deletion then runs in
// batches and resumes after a crash without counting anything twice.
import { sqlTimestamp } from "../db/bulk";
import type { Db } from "../db/client";
import { providerOf } from "../db/client";
import { log } from "../ops/log";

export const DEFAULT_RETENTION_DAYS = 90;
const DELETE_BATCH = 10_000;
const DAY_MS = 86_400_000;

export function retentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.OBSERVATION_RETENTION_DAYS;
  if (raw === undefined || raw === "") return DEFAULT_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1) throw new Error("OBSERVATION_RETENTION_DAYS must be a whole number of days, at least 1");
  return days;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

const sqlDate = (db: Db, d: Date) => sqlTimestamp(d, providerOf(db));

async function rollUp(db: Db, day: string) {
  const start = new Date(`${day}T00:00:00Z`);
  const end = new Date(start.getTime() + DAY_MS);
  const pg = providerOf(db) === "postgresql";
  const [a, b] = pg ? ["$1::timestamp(3)", "$2::timestamp(3)"] : ["?", "?"];
  const range = `"observedAt" >= ${a} AND "observedAt" < ${b}`;
  const args = [sqlDate(db, start), sqlDate(db, end)];
  const perAgent = await db.$queryRawUnsafe<{ agentId: string; n: number | bigint; devices: number | bigint }[]>(
    `SELECT "agentId", count(*) AS n, count(DISTINCT "deviceId") AS devices FROM "Observation" WHERE ${range} GROUP BY "agentId"`, ...args);
  const [all] = await db.$queryRawUnsafe<{ n: number | bigint; devices: number | bigint }[]>(`SELECT count(*) AS n, count(DISTINCT "deviceId") AS devices FROM "Observation" WHERE ${range}`, ...args);
  const rows = [
    { metric: "observations", dimension: "", value: Number(all.n) },
    { metric: "devices.seen", dimension: "", value: Number(all.devices) },
    ...perAgent.flatMap((r) => [
      { metric: "observations", dimension: `agent:${r.agentId}`, value: Number(r.n) },
      { metric: "devices.seen", dimension: `agent:${r.agentId}`, value: Number(r.devices) },
    ]),
    { metric: "retention.rolled_up", dimension: "", value: 1 },
  ];
  await db.$transaction(rows.map((r) => db.dailyMetric.upsert({ where: { day_metric_dimension: { day, metric: r.metric, dimension: r.dimension } }, create: { day, ...r }, update: { value: r.value } })));
}

async function deleteBefore(db: Db, end: Date): Promise<number> {
  const pg = providerOf(db) === "postgresql";
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRawUnsafe(
      `DELETE FROM "Observation" WHERE "id" IN (SELECT "id" FROM "Observation" WHERE "observedAt" < ${pg ? "$1::timestamp(3)" : "?"} LIMIT ${DELETE_BATCH})`, sqlDate(db, end));
    total += deleted;
    if (deleted < DELETE_BATCH) return total;
  }
}

/** Rolls up and deletes every whole day of observations older than the retention period. */
export async function applyRetention(db: Db, options: { days?: number; now?: Date } = {}): Promise<{ days: string[]; deleted: number }> {
  const days = options.days ?? retentionDays();
  const now = options.now ?? new Date();
  // Whole days only: the cut-off is the start of the first day that is kept.
  const cutoff = new Date(Date.parse(`${dayOf(new Date(now.getTime() - days * DAY_MS))}T00:00:00Z`));
  const done: string[] = [];
  let deleted = 0;
  for (;;) {
    const oldest = await db.observation.findFirst({ where: { observedAt: { lt: cutoff } }, orderBy: { observedAt: "asc" }, select: { observedAt: true } });
    if (!oldest) break;
    const day = dayOf(oldest.observedAt);
    const marked = await db.dailyMetric.findUnique({ where: { day_metric_dimension: { day, metric: "retention.rolled_up", dimension: "" } } });
    if (!marked) await rollUp(db, day);
    const end = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
    deleted += await deleteBefore(db, end < cutoff ? end : cutoff);
    done.push(day);
  }
  if (done.length) log.info("observations past retention deleted", { days: done.length, first: done[0], last: done[done.length - 1], deleted, retentionDays: days });
  return { days: done, deleted };
}
