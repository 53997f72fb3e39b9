// DailyMetric rows written many at a time (the tally, the retention rollup, the large seeder's
// history): an INSERT … ON CONFLICT DO UPDATE per thousand rows. An upsert, not delete-then-insert,
// so two instances writing the same day's counts at once cannot collide on the key.
import { sqlTimestamp, type Target } from "./bulk";

export type MetricRow = { day: string; metric: string; dimension: string; value: number; updatedAt: Date };

// Rows per statement (5 parameters each: well under both databases' limits).
const CHUNK = 1_000;
const PG_CASTS = ["::text", "::text", "::text", "::double precision", "::timestamp(3)"];

/** Inserts the rows, or overwrites the value and updatedAt of those already there. */
export async function upsertMetrics(target: Target, rows: MetricRow[]) {
  const pg = target.provider === "postgresql";
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const params = chunk.flatMap((r) => [r.day, r.metric, r.dimension, r.value, sqlTimestamp(r.updatedAt, target.provider)]);
    const values = chunk.map((_, row) => `(${PG_CASTS.map((cast, k) => (pg ? `$${row * 5 + k + 1}${cast}` : "?")).join(", ")})`).join(", ");
    await target.db.$executeRawUnsafe(
      `INSERT INTO "DailyMetric" ("day", "metric", "dimension", "value", "updatedAt") VALUES ${values}
       ON CONFLICT ("day", "metric", "dimension") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`,
      ...params,
    );
  }
}
