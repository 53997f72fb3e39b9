// Claiming the next batch of stale devices for the risk refresh (lib/jobs/risk-refresh.ts), so that
// several server instances share the work. On PostgreSQL the rows are locked for the claiming
// transaction and other instances' passes skip them (SKIP LOCKED) instead of waiting or
// deadlocking on them; SQLite has a single writer anyway. The lock is FOR NO KEY UPDATE, what the
// batch's own updates take (it never changes a device's id): FOR UPDATE also blocked the
// key-share lock that every insert referring to a device takes, so an agent's report adding an
// observation or an alert to a claimed device waited for the whole batch (an alert's insert took
// 1.9 s under bench:views' agents at a million devices).
import { queryRows, type Target } from "./bulk";

/**
 * Ids of the next `take` devices flagged riskStale after `after` in id order (only among `only`,
 * when given). `target.db` must be the transaction that then clears the flags.
 */
export async function claimStaleDevices(target: Target, after: string, take: number, only?: string[]): Promise<string[]> {
  if (target.provider === "sqlite") {
    const sql = `SELECT "id" FROM "Device" WHERE "riskStale" = 1 AND "id" > ? ${only ? `AND "id" IN (SELECT value FROM json_each(?))` : ""} ORDER BY "id" LIMIT ?`;
    const params = only ? [after, JSON.stringify(only), take] : [after, take];
    const rows = await queryRows<{ id: string }>(target, sql, params);
    return rows.map((r) => r.id);
  }
  const rows = await target.db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM "Device" WHERE "riskStale" AND "id" > $1 ${only ? `AND "id" = ANY($3::text[])` : ""} ORDER BY "id" LIMIT $2 FOR NO KEY UPDATE SKIP LOCKED`,
    ...(only ? [after, take, only] : [after, take]),
  );
  return rows.map((r) => r.id);
}
