// Finding the devices an observation speaks of, by identity keys, in a handful of queries.
import type { Evidence, IdentityKey } from "../domain/identity/evidence";

type Tx = { $queryRawUnsafe<T>(sql: string, ...params: unknown[]): Promise<T> };

// The hottest read of ingestion (every key of every observation): plain SQL, which skips the
// ORM's per-query planning; the same text runs on SQLite and PostgreSQL.
const CHUNK = 2000;

function lookupSql(count: number, provider: "sqlite" | "postgresql"): string {
  const marks = Array.from({ length: count }, (_, i) => (provider === "sqlite" ? "?" : `$${i + 2}`)).join(",");
  return `SELECT "value", "deviceId" FROM "DeviceIdentifier" WHERE "kind" = ${provider === "sqlite" ? "?" : "$1"} AND "value" IN (${marks})`;
}
export const keyString = (k: IdentityKey) => `${k.kind}\u0000${k.value}`;

/** key → device id for every key already known. */
export async function knownIdentifiers(tx: Tx, provider: "sqlite" | "postgresql", evidence: Evidence[]): Promise<Map<string, string>> {
  const byKind = new Map<string, Set<string>>();
  for (const e of evidence) for (const k of e.keys) (byKind.get(k.kind) ?? byKind.set(k.kind, new Set()).get(k.kind)!).add(k.value);
  const known = new Map<string, string>();
  for (const [kind, values] of byKind) {
    const all = [...values];
    for (let i = 0; i < all.length; i += CHUNK) {
      const values = all.slice(i, i + CHUNK);
      const rows = await tx.$queryRawUnsafe<{ value: string; deviceId: string }[]>(lookupSql(values.length, provider), kind, ...values);
      for (const row of rows) known.set(keyString({ kind: kind as IdentityKey["kind"], value: row.value }), row.deviceId);
    }
  }
  return known;
}

export type DeviceGroup = { deviceId: string; isNew: boolean; evidence: Evidence[]; newKeys: IdentityKey[] };

/**
 * Groups observations by device. Only the strongest key an observation carries decides (a MAC
 * over a USB id over a serial over a switch port): two pumps that happen to share a serial but
 * have different MACs are two devices. Weaker keys are recorded for the device when no other
 * device holds them, so a later observation that carries only a weaker key still finds it.
 */
export function groupByDevice(evidence: Evidence[], known: Map<string, string>, newId: () => string): DeviceGroup[] {
  const groups = new Map<string, DeviceGroup>();
  const claimed = new Map(known);
  const knownIds = new Set(known.values());
  for (const e of evidence) {
    const primary = e.keys[0];
    const hit = primary ? claimed.get(keyString(primary)) : undefined;
    const deviceId = hit ?? newId();
    let group = groups.get(deviceId);
    if (!group) {
      group = { deviceId, isNew: !knownIds.has(deviceId), evidence: [], newKeys: [] };
      groups.set(deviceId, group);
    }
    group.evidence.push(e);
    for (const k of e.keys) {
      if (!claimed.has(keyString(k))) {
        claimed.set(keyString(k), deviceId);
        group.newKeys.push(k);
      }
    }
  }
  return [...groups.values()];
}
