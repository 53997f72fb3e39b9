// Splitting a cloned identity into the physical devices behind it. A MAC (or a USB serial) that
// two devices share grows one fingerprint history with both of them in it; a person picks the
// fingerprint that is the other device. Pure: which fingerprint goes, which observations follow
// it, and, from then on, which device each report of that identity speaks of.
import type { DeviceGroup } from "./device-groups";
import type { Evidence } from "./evidence";
import { compareFingerprints, fingerprintAttributes, fingerprintHash, type FingerprintAttributes, type PhysicalMeasurements } from "./fingerprint";

/** A device's physical fingerprint, as one of the devices behind a split identity. */
export type FingerprintCandidate = { deviceId: string; hash: string; attributes: FingerprintAttributes };

/**
 * Whose fingerprint the observed one is: the same hash, else the most similar within the "same"
 * threshold (measurement noise), else null (none of them: a device nobody split off).
 */
export function matchFingerprint(observed: { hash: string; attributes: FingerprintAttributes } | null, candidates: FingerprintCandidate[]): string | null {
  if (!observed) return null;
  const exact = candidates.find((c) => c.hash === observed.hash);
  if (exact) return exact.deviceId;
  let best: { deviceId: string; score: number } | null = null;
  for (const c of candidates) {
    const compared = compareFingerprints(c.attributes, observed.attributes);
    if (compared.verdict === "same" && compared.score !== null && (!best || compared.score > best.score)) best = { deviceId: c.deviceId, score: compared.score };
  }
  return best?.deviceId ?? null;
}

export type HistoryFingerprint = { id: string; hash: string; lastSeenAt: Date };
export type SplitPlan = { moved: HistoryFingerprint; kept: HistoryFingerprint[]; keptCurrentId: string };

/**
 * What a split moves: the chosen fingerprint, which must be one of the device's and not its only
 * one (a device with one fingerprint is one device). The device keeps its current fingerprint,
 * or when that is the one leaving, the one of the rest seen last. A string: why it cannot be done.
 */
export function planSplit(history: HistoryFingerprint[], chosenId: string, currentId: string | null): SplitPlan | string {
  const moved = history.find((f) => f.id === chosenId);
  if (!moved) return "This fingerprint is not in the device's history.";
  const kept = history.filter((f) => f.id !== chosenId);
  if (!kept.length) return "The device has only this fingerprint: there is no second device to split off.";
  const latest = kept.reduce((a, b) => (b.lastSeenAt > a.lastSeenAt ? b : a));
  const keptCurrentId = currentId && currentId !== chosenId && kept.some((f) => f.id === currentId) ? currentId : latest.id;
  return { moved, kept, keptCurrentId };
}

/** An observation as stored, with what it measured of the device. */
export type StoredObservation = { id: string; fingerprint: { hash: string; attributes: FingerprintAttributes } | null };

/**
 * The observations that were the split-off device: those whose measured fingerprint matches the
 * moved one rather than one the device keeps. Observations that measured nothing stay.
 */
export function observationsToMove(observations: StoredObservation[], moved: FingerprintCandidate, kept: FingerprintCandidate[]): string[] {
  const candidates = [moved, ...kept];
  return observations.filter((o) => matchFingerprint(o.fingerprint, candidates) === moved.deviceId).map((o) => o.id);
}

/**
 * Sends each observation of a split identity to the device whose fingerprint it carries.
 * `routes`: for a device holding a split identity, its own current fingerprint and those of the
 * devices split off it. An observation matching none stays with the holder, whose verdict then
 * judges it (a third device behind the identity is a spoof finding there). The holder keeps the
 * identity keys first seen in the report, unless none of its observations stay.
 */
export function routeSplitEvidence(groups: DeviceGroup[], routes: Map<string, FingerprintCandidate[]>): DeviceGroup[] {
  const out = new Map<string, DeviceGroup>();
  const add = (deviceId: string, isNew: boolean, evidence: Evidence[], newKeys: DeviceGroup["newKeys"]) => {
    const group = out.get(deviceId);
    if (group) {
      group.evidence.push(...evidence);
      group.newKeys.push(...newKeys);
    } else out.set(deviceId, { deviceId, isNew, evidence: [...evidence], newKeys: [...newKeys] });
  };
  for (const g of groups) {
    const candidates = routes.get(g.deviceId);
    if (!candidates?.length) {
      add(g.deviceId, g.isNew, g.evidence, g.newKeys);
      continue;
    }
    const byDevice = new Map<string, Evidence[]>();
    for (const e of g.evidence) {
      const target = matchFingerprint(e.fingerprint, candidates) ?? g.deviceId;
      byDevice.set(target, [...(byDevice.get(target) ?? []), e]);
    }
    const keysTo = byDevice.has(g.deviceId) ? g.deviceId : [...byDevice.keys()][0];
    for (const [deviceId, evidence] of byDevice) add(deviceId, deviceId === g.deviceId ? g.isNew : false, evidence, deviceId === keysTo ? g.newKeys : []);
  }
  return [...out.values()];
}

/** What an observation as stored measured of its device: its fingerprint, or null. */
export function storedFingerprint(physical: unknown): StoredObservation["fingerprint"] {
  const attributes = physical && typeof physical === "object" ? fingerprintAttributes(physical as PhysicalMeasurements) : {};
  return Object.keys(attributes).length ? { hash: fingerprintHash(attributes), attributes } : null;
}
