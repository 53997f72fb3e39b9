// Loading millions of rows at once (the large seeder, lib/tools/seed/): the fastest insert each
// database has, and fresh planner statistics afterwards.
import { bulkInsert, type Columns, type Target } from "./bulk";
import { providerOf, type Db } from "./client";

const PG_ARRAY: Record<string, string> = { int: "integer[]", float: "double precision[]", text: "text[]", bool: "boolean[]", date: "timestamp(3)[]", json: "jsonb[]", jsonText: "jsonb[]" };

/**
 * INSERT of many rows. PostgreSQL: one INSERT … SELECT FROM UNNEST(column arrays), one parameter
 * a column (measured against lib/db/bulk's multi-row VALUES, a parameter a value, on the seed;
 * SEED_PG_VALUES=1 takes the VALUES path for comparison). SQLite: lib/db/bulk's prepared statement.
 */
export async function bulkLoad(target: Target, table: string, columns: Columns, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  if (target.provider === "sqlite" || process.env.SEED_PG_VALUES) return bulkInsert(target, table, columns, rows);
  const names = Object.keys(columns);
  const arrays = names.map((c) =>
    rows.map((r) => {
      const v = r[c];
      if (v === undefined || v === null) return null;
      if (columns[c] === "json") return JSON.stringify(v);
      if (columns[c] === "date") return new Date(v as string | Date).toISOString();
      return v;
    }),
  );
  await target.db.$executeRawUnsafe(
    `INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(", ")}) SELECT * FROM UNNEST(${names.map((c, i) => `$${i + 1}::${PG_ARRAY[columns[c]]}`).join(", ")})`,
    ...arrays,
  );
}

/**
 * After a bulk load. Millions of rows written at once leave PostgreSQL without statistics until
 * autovacuum gets round to them; until then it picks bad plans (a deep work-queue page: 920 ms,
 * then 5 ms). The scoring pass also rewrote every device once: its million dead row versions stay
 * until a vacuum (autovacuum may be off, as on the project's machines), and every scan reads them
 * (a common search's p95 at 1M devices: 540–630 ms before, see README Benchmarks). SQLite's
 * planner needs none. Returns whether anything was done.
 */
export async function refreshPlannerStatistics(db: Db): Promise<boolean> {
  if (providerOf(db) !== "postgresql") return false;
  await db.$executeRawUnsafe("VACUUM (ANALYZE)");
  return true;
}
