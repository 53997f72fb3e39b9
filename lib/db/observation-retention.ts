// The SQL of observation retention (lib/jobs/retention.ts): one day's observations counted for
// its rollup, and everything before a moment deleted in batches.
import { parameters, sqlTimestamp } from "./bulk";
import { providerOf, type Db } from "./client";

type Count = number | bigint;
export type ObservationCounts = { observations: number; devices: number };

/** Observations received in [start, end) and distinct devices seen: for the estate and per agent. */
export async function countObservationsBetween(db: Db, start: Date, end: Date): Promise<{ all: ObservationCounts; perAgent: (ObservationCounts & { agentId: string })[] }> {
  const provider = providerOf(db);
  const p = parameters(provider);
  const range = `"observedAt" >= ${p.bind(sqlTimestamp(start, provider), "::timestamp(3)")} AND "observedAt" < ${p.bind(sqlTimestamp(end, provider), "::timestamp(3)")}`;
  const args = p.values;
  const perAgent = await db.$queryRawUnsafe<{ agentId: string; n: Count; devices: Count }[]>(
    `SELECT "agentId", count(*) AS n, count(DISTINCT "deviceId") AS devices FROM "Observation" WHERE ${range} GROUP BY "agentId"`, ...args);
  const [all] = await db.$queryRawUnsafe<{ n: Count; devices: Count }[]>(`SELECT count(*) AS n, count(DISTINCT "deviceId") AS devices FROM "Observation" WHERE ${range}`, ...args);
  return {
    all: { observations: Number(all.n), devices: Number(all.devices) },
    perAgent: perAgent.map((r) => ({ agentId: r.agentId, observations: Number(r.n), devices: Number(r.devices) })),
  };
}

/** Deletes every observation before `end`, `batch` rows per statement (short locks); returns how many. */
export async function deleteObservationsBefore(db: Db, end: Date, batch: number): Promise<number> {
  const provider = providerOf(db);
  const p = parameters(provider);
  const before = p.bind(sqlTimestamp(end, provider), "::timestamp(3)");
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRawUnsafe(
      `DELETE FROM "Observation" WHERE "id" IN (SELECT "id" FROM "Observation" WHERE "observedAt" < ${before} LIMIT ${batch})`, ...p.values);
    total += deleted;
    if (deleted < batch) return total;
  }
}
