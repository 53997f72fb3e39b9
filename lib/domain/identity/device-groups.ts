// Which device each observation of a report speaks of, by identity keys: the pure half of
// resolving devices (lib/ingest/store.ts looks the keys up, this groups the observations).
import type { Evidence, IdentityKey } from "./evidence";

/** One key as one string, for maps of known keys. */
export const keyString = (k: IdentityKey) => `${k.kind}\u0000${k.value}`;

export type DeviceGroup = { deviceId: string; isNew: boolean; evidence: Evidence[]; newKeys: IdentityKey[] };

/**
 * Groups observations by device. Only the strongest key an observation carries decides (a MAC
 * over a USB id over a serial over a switch port): two pumps that happen to share a serial but
 * have different MACs are two devices. Weaker keys are recorded for the device when no other
 * device holds them, so a later observation that carries only a weaker key still finds it.
 * `known`: keyString → device id, for every key already in the database.
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
