// The estate in slices of devices by primary key, for the counts that scan every device on SQLite
// (the tally, lib/db/estate-counts.ts; the Fleets view's, lib/db/fleet-counts.ts). There a query
// holds the process's only connection, and the event loop, until it ends; slices keep each hold
// to tens of milliseconds at a million devices, so pages keep answering while the estate is counted.
// On PostgreSQL the same counts run whole, on one core (onOneCore).
import { providerOf, type Db } from "./client";

/** A condition on a device id column (`d."id"`, `dv."deviceId"`) that keeps one slice's devices. */
export type SliceRange = (column: string) => string;
export type DeviceSlice = { range: SliceRange; args: string[] };

type Sql = { $queryRawUnsafe<T>(sql: string, ...values: unknown[]): Promise<T> };

/** Devices counted per query on SQLite. */
export const SQLITE_SCAN_CHUNK = 20_000;

export const yieldToPages = () => new Promise((resolve) => setImmediate(resolve));

// A recount's statements at a million devices under agents' load: seconds each, read-only.
const RECOUNT_TRANSACTION = { maxWait: 30_000, timeout: 600_000 };

/**
 * A background recount (`count`) on PostgreSQL without parallel workers, in one transaction
 * (SET LOCAL); elsewhere `count` on `db` as it is. The planner gives these whole-table GROUP BYs
 * two workers: with the leader, three processes on a two-core machine for the whole recount (8 s
 * at a million devices under agents' load), and the pages waited for the cores meanwhile
 * (bench:views --with-ingest: the inventory's p95 1.1 s while the tally ran). However long a
 * recount takes on one core, the next one waits ten times as long (lib/jobs/tally.ts).
 */
export async function onOneCore<T>(db: Db, count: (db: Db) => Promise<T>): Promise<T> {
  if (providerOf(db) !== "postgresql") return count(db);
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL max_parallel_workers_per_gather = 0");
    return count(tx as unknown as Db);
  }, RECOUNT_TRANSACTION);
}

/**
 * Consecutive slices of `chunk` devices. Each one, the last included, is a closed range
 * (id > after AND id <= edge): with an open last range (id > after) SQLite's planner walked another
 * index whole for the GROUP BY, 1.9 s at a million devices where a slice takes 30 ms.
 */
export async function* deviceSlices(db: Sql, pg: boolean, chunk: number): AsyncGenerator<DeviceSlice> {
  const p = (i: number) => (pg ? `$${i}` : "?");
  const range: SliceRange = (column) => `${column} > ${p(1)} AND ${column} <= ${p(2)}`;
  let after = "";
  for (;;) {
    const [edge] = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "Device" WHERE "id" > ${p(1)} ORDER BY "id" LIMIT 1 OFFSET ${chunk - 1}`, after);
    const last = edge?.id ?? (await db.$queryRawUnsafe<{ id: string | null }[]>(`SELECT max("id") AS "id" FROM "Device"`))[0]?.id;
    if (!last) return; // no devices at all
    yield { range, args: [after, last] };
    if (!edge) return;
    after = last;
    await yieldToPages();
  }
}
