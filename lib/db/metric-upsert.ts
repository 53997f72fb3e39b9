// DailyMetric rows written many at a time (the tally, the retention rollup, the large seeder's
// history): an INSERT … ON CONFLICT DO UPDATE per thousand rows. An upsert, not delete-then-insert,
// so two instances writing the same day's counts at once cannot collide on the key.
import { parameters, sqlTimestamp, type Target } from "./bulk";

export type MetricRow = { day: string; metric: string; dimension: string; value: number; updatedAt: Date };

// Rows per statement (5 parameters each: well under both databases' limits).
const CHUNK = 1_000;

/** Inserts the rows, or overwrites the value and updatedAt of those already there. */
export async function upsertMetrics(target: Target, rows: MetricRow[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const p = parameters(target.provider);
    const values = rows.slice(i, i + CHUNK).map((r) =>
      `(${p.bind(r.day, "::text")}, ${p.bind(r.metric, "::text")}, ${p.bind(r.dimension, "::text")}, ${p.bind(r.value, "::double precision")}, ${p.bind(sqlTimestamp(r.updatedAt, target.provider), "::timestamp(3)")})`,
    ).join(", ");
    await target.db.$executeRawUnsafe(
      `INSERT INTO "DailyMetric" ("day", "metric", "dimension", "value", "updatedAt") VALUES ${values}
       ON CONFLICT ("day", "metric", "dimension") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`,
      ...p.values,
    );
  }
}
