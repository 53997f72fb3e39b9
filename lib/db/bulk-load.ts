// After loading millions of rows at once (the large seeder, lib/tools/seed/, through lib/db/bulk's
// insert): fresh planner statistics.
import { providerOf, type Db } from "./client";

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
