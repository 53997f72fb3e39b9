// A device a person blocked may come back under a new claimed identity (a new MAC, a new serial
// string); its physical fingerprint gives it away. Read inside the report's transaction.
import { queryRows, type Target } from "../db/bulk";
import type { BlockedDevice } from "../domain/identity/verdict";

/**
 * Driven from the blocked devices (a partial index of them, "Device_blocked_idx"), never from the
 * hash: a fleet of one model shares one physical fingerprint, and a lookup by hash met every
 * fingerprint of the fleet and then every one of its devices (15,000 of each for bench:views'
 * agents at a million devices: 150–800 ms inside the report's transaction on PostgreSQL; the
 * largest fleet of seed:large has 140,000). The blocked devices are read first (MATERIALIZED; on
 * SQLite CROSS JOIN keeps them the outer loop), then each one's fingerprints by the (deviceId,
 * hash) key. The rule is written in the statement, not bound, and alone in the CTE: only then
 * does either database use the partial index (SQLite, without statistics, preferred the status
 * index when the status was beside it).
 */
const BLOCKED = `WITH blocked AS MATERIALIZED (
    SELECT "id", "displayName", "status" FROM "Device" WHERE "statusRule" = 'user:block'
  )
  SELECT f."hash" AS "hash", b."id" AS "id", b."displayName" AS "name"
    FROM blocked b CROSS JOIN "Fingerprint" f
   WHERE b."status" = 'unauthorized' AND f."deviceId" = b."id" AND f."hash" IN`;
/** The statement on each database: the hashes as one parameter (a JSON array on SQLite, a text array on PostgreSQL). */
export const BLOCKED_BY_FINGERPRINT = {
  sqlite: `${BLOCKED} (SELECT value FROM json_each(?)) ORDER BY f."lastSeenAt" DESC`,
  postgresql: `${BLOCKED} (SELECT unnest($1::text[])) ORDER BY f."lastSeenAt" DESC`,
} as const;

type Row = { hash: string; id: string; name: string };

/** Devices a person blocked, by the hash of a physical fingerprint they were seen with (for a blocked device returning under a new identity). */
export async function blockedByFingerprint(target: Target, hashes: string[]): Promise<Map<string, BlockedDevice>> {
  const found = new Map<string, BlockedDevice>();
  if (!hashes.length) return found;
  const distinct = [...new Set(hashes)];
  const sql = BLOCKED_BY_FINGERPRINT[target.provider];
  const param = target.provider === "sqlite" ? JSON.stringify(distinct) : distinct;
  const rows = await queryRows<Row>(target, sql, [param]);
  for (const r of rows) if (!found.has(r.hash)) found.set(r.hash, { deviceId: r.id, name: r.name });
  return found;
}
