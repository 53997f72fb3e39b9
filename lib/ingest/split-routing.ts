// Reports of a split identity (a cloned MAC a person split into two devices, lib/commands/
// spoof-decisions.ts) go to the device whose fingerprint they carry. The identity's keys stay with
// the device that held them, so the report's grouping finds that one; this sends each observation
// on to the right device before any verdict is made. One cheap read when nobody ever split anything.
import type { Db } from "../db/client";
import type { DeviceGroup } from "../domain/identity/device-groups";
import type { FingerprintAttributes } from "../domain/identity/fingerprint";
import { routeSplitEvidence, type FingerprintCandidate } from "../domain/identity/spoof-split";

const ID_CHUNK = 400;

/** Each split device's fingerprints to route by: its current one, and the one the person chose. */
async function candidatesOf(tx: Db, splits: { deviceId: string; splitDeviceId: string; fingerprintHash: string }[]): Promise<Map<string, FingerprintCandidate[]>> {
  const ids = [...new Set(splits.flatMap((s) => [s.deviceId, s.splitDeviceId]))];
  const devices = await tx.device.findMany({ where: { id: { in: ids } }, select: { id: true, currentFingerprintId: true } });
  const current = devices.map((d) => d.currentFingerprintId).filter((id): id is string => !!id);
  const fingerprints = await tx.fingerprint.findMany({
    where: { OR: [{ id: { in: current } }, ...splits.map((s) => ({ deviceId: s.splitDeviceId, hash: s.fingerprintHash }))] },
    select: { deviceId: true, hash: true, attributes: true },
  });
  const byDevice = new Map<string, FingerprintCandidate[]>();
  for (const f of fingerprints) byDevice.set(f.deviceId, [...(byDevice.get(f.deviceId) ?? []), { deviceId: f.deviceId, hash: f.hash, attributes: f.attributes as FingerprintAttributes }]);
  const routes = new Map<string, FingerprintCandidate[]>();
  for (const s of splits) routes.set(s.deviceId, [...(routes.get(s.deviceId) ?? byDevice.get(s.deviceId) ?? []), ...(byDevice.get(s.splitDeviceId) ?? [])]);
  return routes;
}

export async function routeSplitIdentities(tx: Db, groups: DeviceGroup[]): Promise<DeviceGroup[]> {
  const known = groups.filter((g) => !g.isNew).map((g) => g.deviceId);
  if (!known.length || !(await tx.identitySplit.findFirst({ select: { id: true } }))) return groups;
  const splits: { deviceId: string; splitDeviceId: string; fingerprintHash: string }[] = [];
  for (let i = 0; i < known.length; i += ID_CHUNK) {
    splits.push(...(await tx.identitySplit.findMany({ where: { deviceId: { in: known.slice(i, i + ID_CHUNK) } }, select: { deviceId: true, splitDeviceId: true, fingerprintHash: true } })));
  }
  if (!splits.length) return groups;
  return routeSplitEvidence(groups, await candidatesOf(tx, splits));
}
