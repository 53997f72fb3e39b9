// Splitting a cloned identity (issue 20): the fingerprint a person picks as "the other device"
// becomes a device of its own, with the same claimed identity, its fingerprint, and the
// observations that measured it. The identity's keys stay with the device that held them; an
// IdentitySplit row sends later reports carrying the split-off fingerprint to the new device
// (lib/ingest/split-routing.ts). Called inside decideSpoof's transaction.
import { actorLabel, audit, type AuditActor } from "../db/audit-trail";
import type { FingerprintAttributes } from "../domain/identity/fingerprint";
import { SPOOF_STATUS_RULE } from "../domain/identity/verdict";
import { observationsToMove, planSplit, storedFingerprint, type FingerprintCandidate } from "../domain/identity/spoof-split";
import { badRequest } from "../web/errors";
import { closeSpoofAlert, type Tx } from "./spoof-alert";

/** The status rule of a device split off another. */
export const SPLIT_STATUS_RULE = "spoof.split";
/** Observations read to find those of the split-off device: the newest this many since it first appeared. */
export const MAX_SPLIT_SCAN = 50_000;
const PAGE = 1000;
const ID_CHUNK = 400;
// A fingerprint's first sighting is when its report arrived; an agent's spool may have held the
// observation for a while before: this much earlier is read too.
const SPOOL_MARGIN_MS = 86_400_000;

type Holder = { id: string; displayName: string; status: string; statusRule: string | null; currentFingerprintId: string | null; claimedMac: string | null; usbVendorId: string | null; usbProductId: string | null; usbSerial: string | null };
export type SplitInput = { fingerprintId: string; name: string | null; reason: string };

/** What the new device takes over from the one it is split off: what both claim, and where. */
const COPIED = {
  category: true, categoryRule: true, claimedMac: true, claimedIp: true, claimedHostname: true, claimedVendor: true, claimedModel: true, claimedSerial: true, claimedFirmware: true,
  usbVendorId: true, usbProductId: true, usbSerial: true, usbManufacturer: true, usbProduct: true, vendor: true, model: true, firmwareVersion: true, ouiVendor: true,
  usbIdsVendor: true, usbIdsProduct: true, macLocallyAdministered: true, os: true, channel: true, siteId: true, segmentId: true, criticality: true, phi: true, searchText: true, lastAgentId: true,
} as const;

const identityOf = (d: Holder) => (d.claimedMac ? `MAC ${d.claimedMac}` : d.usbSerial ? `USB ${d.usbVendorId}:${d.usbProductId}:${d.usbSerial}` : d.displayName);

type Port = { port: string; at: Date } | null;
const portOf = (physical: unknown): string | null => {
  const port = (physical as { ethernet?: { switchPort?: unknown } } | null)?.ethernet?.switchPort;
  return typeof port === "string" && port.trim() ? port.trim() : null;
};

/**
 * Moves the observations that measured the split-off fingerprint, reading the holder's newest
 * observations since it appeared (an indexed read: deviceId, observedAt). Also finds each device's
 * last switch port: left as it was, the holder's would be the other device's port, and its next
 * report would look like one MAC on two ports.
 */
async function moveObservations(tx: Tx, holderId: string, since: Date, moved: FingerprintCandidate, kept: FingerprintCandidate[]) {
  let count = 0;
  let scanned = 0;
  let after: { observedAt: Date; id: string } | undefined;
  const ports: { moved: Port; kept: Port } = { moved: null, kept: null };
  while (scanned < MAX_SPLIT_SCAN) {
    // Newest first, keyset-paged: the rows moved off a page no longer match, the rest still do.
    const older = after ? { OR: [{ observedAt: { lt: after.observedAt } }, { observedAt: after.observedAt, id: { lt: after.id } }] } : {};
    const page = await tx.observation.findMany({ where: { deviceId: holderId, observedAt: { gte: since }, ...older }, orderBy: [{ observedAt: "desc" }, { id: "desc" }], take: PAGE, select: { id: true, observedAt: true, physical: true } });
    if (!page.length) break;
    scanned += page.length;
    after = page.at(-1)!;
    const ids = new Set(observationsToMove(page.map((o) => ({ id: o.id, fingerprint: storedFingerprint(o.physical) })), moved, kept));
    for (const o of page) {
      const side = ids.has(o.id) ? "moved" : "kept";
      const port = portOf(o.physical);
      if (port && !ports[side]) ports[side] = { port, at: o.observedAt };
    }
    const list = [...ids];
    for (let i = 0; i < list.length; i += ID_CHUNK) await tx.observation.updateMany({ where: { id: { in: list.slice(i, i + ID_CHUNK) } }, data: { deviceId: moved.deviceId } });
    count += list.length;
    if (page.length < PAGE) break;
  }
  return { count, ports, complete: scanned < MAX_SPLIT_SCAN };
}

export async function splitDevice(tx: Tx, d: Holder, input: SplitInput, actor: AuditActor, at: Date) {
  const history = await tx.fingerprint.findMany({ where: { deviceId: d.id }, select: { id: true, hash: true, attributes: true, firstSeenAt: true, lastSeenAt: true }, take: 500 });
  const plan = planSplit(history, input.fingerprintId, d.currentFingerprintId);
  if (typeof plan === "string") throw badRequest("invalid_split", plan, [{ path: "fingerprintId", message: plan }]);
  const chosen = history.find((f) => f.id === plan.moved.id)!;
  const source = await tx.device.findUniqueOrThrow({ where: { id: d.id }, select: COPIED });
  const who = actorLabel(actor);
  const name = input.name || `${d.displayName} (split)`;
  const identity = identityOf(d);
  const created = await tx.device.create({
    data: {
      ...source, displayName: name, criticalitySource: "category-default", status: "pending", statusRule: SPLIT_STATUS_RULE, statusChangedAt: at,
      statusReason: `split off ${d.displayName} by ${who}: another physical device using the identity ${identity}`,
      splitFromId: d.id, currentFingerprintId: chosen.id, firstSeenAt: chosen.firstSeenAt, lastSeenAt: chosen.lastSeenAt, riskStale: true,
    },
    select: { id: true },
  });
  const candidate = (deviceId: string, f: (typeof history)[number]): FingerprintCandidate => ({ deviceId, hash: f.hash, attributes: f.attributes as FingerprintAttributes });
  const kept = history.filter((f) => f.id !== chosen.id).map((f) => candidate(d.id, f));
  const observations = await moveObservations(tx, d.id, new Date(chosen.firstSeenAt.getTime() - SPOOL_MARGIN_MS), candidate(created.id, chosen), kept);
  await tx.fingerprint.update({ where: { id: chosen.id }, data: { deviceId: created.id } });
  const { moved: movedPort, kept: keptPort } = observations.ports;
  await tx.device.update({ where: { id: created.id }, data: { switchPort: movedPort?.port ?? null, switchPortSeenAt: movedPort?.at ?? null } });
  // The suspicion is explained (two devices, one identity) and the holder is itself again; a
  // status the suspicion set goes back to pending, for a person to decide.
  const status = d.status === "unauthorized" && d.statusRule === SPOOF_STATUS_RULE ? { status: "pending", statusRule: SPLIT_STATUS_RULE, statusReason: `spoof explained by a split by ${who}`, statusChangedAt: at } : {};
  await tx.device.update({
    where: { id: d.id },
    data: { currentFingerprintId: plan.keptCurrentId, spoofSuspected: false, spoofConfirmedAt: null, spoofConfirmedBy: null, spoofConfirmedReason: null, riskStale: true, switchPort: keptPort?.port ?? null, switchPortSeenAt: keptPort?.at ?? null, ...status },
  });
  await tx.identitySplit.create({ data: { deviceId: d.id, splitDeviceId: created.id, identity, fingerprintHash: chosen.hash, createdBy: who } });
  await closeSpoofAlert(tx, d.id, `split into two devices by ${who}: ${input.reason}`, actor, at);
  const detail = { identity, fingerprint: chosen.hash, reason: input.reason, observationsMoved: observations.count, observationsAllRead: observations.complete };
  await audit(tx, { actor, action: "device.spoof_split", targetType: "device", targetId: d.id, before: { fingerprints: history.length, status: d.status }, after: { ...detail, splitDeviceId: created.id, splitDevice: name } });
  await audit(tx, { actor, action: "device.split_created", targetType: "device", targetId: created.id, before: null, after: { ...detail, splitFromId: d.id, splitFrom: d.displayName, status: "pending" } });
  const left = observations.complete ? "" : ` (older observations than the newest ${MAX_SPLIT_SCAN} stay with ${d.displayName})`;
  return { message: `Split: ${name} is now a device of its own, pending a decision; ${observations.count} observation${observations.count === 1 ? "" : "s"} moved to it${left}.`, rescore: [d.id, created.id], splitDeviceId: created.id };
}
