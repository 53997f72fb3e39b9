// What a report writes about each device, as plain column values: the facts the newest
// observation states, the row of a new device, the change to a known one (only what changed),
// and the observation rows. lib/ingest/store.ts writes them as they are.
import { createHash } from "node:crypto";
import { isLocallyAdministered } from "./mac";
import { criticalityForCategory, phiForCategory } from "../risk/criticality";
import type { JsonValue, Observation } from "../protocol/agent-report";
import type { Decision, StoredDevice } from "./verdict";
import type { DeviceGroup } from "./device-groups";

/** Device columns by name: text, flags, dates, JSON. */
export type DeviceColumns = Record<string, JsonValue | Date>;
export type DeviceFacts = Record<string, JsonValue>;
export type Presence = { lastSeenAt: Date; lastAgentId: string; notSeenAt: Date | null; switchPortSeenAt?: Date };
export type DeviceUpdate = { kind: "full"; data: DeviceColumns } | { kind: "presence"; data: Presence } | { kind: "none" };

/** What the newest observation says about the device. Absent evidence never erases a known fact. */
export function deviceFacts(d: Decision, siteId: string, segmentId: string | null): DeviceFacts {
  const e = d.latest;
  const o = e.observation;
  const c = o.claimed;
  const all: Record<string, unknown> = {
    displayName: e.displayName,
    category: e.category,
    categoryRule: e.categoryRule,
    claimedMac: e.mac,
    claimedIp: c?.ip,
    claimedHostname: c?.hostname,
    claimedVendor: c?.vendor,
    claimedModel: c?.model,
    claimedSerial: c?.serialNumber,
    claimedFirmware: c?.firmwareVersion,
    usbVendorId: e.usb?.vendorId,
    usbProductId: e.usb?.productId,
    usbSerial: e.usb?.serial,
    usbManufacturer: c?.usb?.manufacturer,
    usbProduct: c?.usb?.product,
    vendor: e.vendor,
    model: e.model,
    firmwareVersion: c?.firmwareVersion,
    ouiVendor: e.ouiVendor,
    usbIdsVendor: e.usbIdsVendor,
    usbIdsProduct: e.usbIdsProduct,
    macLocallyAdministered: e.mac ? isLocallyAdministered(e.mac) : undefined,
    os: o.software?.os,
    channel: o.channel,
    internetExposed: o.network?.internetExposed,
    network: o.network,
    siteId,
    segmentId,
    switchPort: e.switchPort,
    searchText: e.searchText,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined && v !== null && v !== "")) as DeviceFacts;
}

/** Kept on the device: a report that states the same facts again needs no row update. */
export function factsHash(facts: DeviceFacts): string {
  return createHash("sha256").update(JSON.stringify(facts)).digest("hex");
}

function seenAt(d: Decision, at: Date): Date {
  // An agent's clock running ahead must not put a device's last sighting in the future.
  const observed = new Date(d.latest.observation.observedAt);
  return observed > at ? at : observed;
}

function statusData(d: Decision, at: Date): DeviceColumns {
  return d.status ? { status: d.status.status, statusReason: d.status.reason, statusRule: d.status.rule, statusChangedAt: at } : {};
}

export function deviceCreateData(id: string, d: Decision, siteId: string, segmentId: string | null, agentId: string, at: Date): DeviceColumns & { id: string } {
  const facts = deviceFacts(d, siteId, segmentId);
  const lastSeen = seenAt(d, at);
  return {
    ...facts,
    id,
    displayName: d.latest.displayName,
    factsHash: factsHash(facts),
    criticality: criticalityForCategory(d.latest.category),
    phi: phiForCategory(d.latest.category),
    status: "pending",
    ...statusData(d, at),
    spoofSuspected: d.spoofs.length > 0,
    firstSeenAt: lastSeen,
    lastSeenAt: lastSeen,
    lastAgentId: agentId,
    switchPortSeenAt: d.latest.switchPort ? lastSeen : null,
    notSeenAt: d.latest.observation.action === "removed" ? lastSeen : null,
  };
}

/**
 * Last-seen times are kept to the minute: a device reported again by the same agent, at the
 * same port, within a minute of its recorded sighting needs no write (every observation is still
 * stored). This keeps steady-state ingestion from rewriting every device row on every report.
 */
export const PRESENCE_RESOLUTION_MS = 60_000;

export function presenceIsFresh(stored: StoredDevice, d: Decision, at: Date): boolean {
  const e = d.latest;
  return (
    e.observation.action !== "removed" &&
    !stored.notSeenAt &&
    stored.lastAgentId !== null &&
    (!e.switchPort || e.switchPort === stored.switchPort) &&
    seenAt(d, at).getTime() - stored.lastSeenAt.getTime() < PRESENCE_RESOLUTION_MS
  );
}

/** The update for a known device: a full row update only when something besides presence changed. */
export function deviceUpdate(stored: StoredDevice, d: Decision, siteId: string, segmentId: string | null, agentId: string, at: Date, fingerprintId: string | undefined): DeviceUpdate {
  const lastSeen = seenAt(d, at);
  const removed = d.latest.observation.action === "removed";
  const presence: Presence = { lastSeenAt: lastSeen, lastAgentId: agentId, notSeenAt: removed ? lastSeen : null, ...(d.latest.switchPort ? { switchPortSeenAt: lastSeen } : {}) };
  const facts = deviceFacts(d, siteId, segmentId);
  const hash = factsHash(facts);
  const changed: DeviceColumns = {};
  if (hash !== stored.factsHash) Object.assign(changed, facts, { factsHash: hash });
  if (hash !== stored.factsHash && d.latest.category !== stored.category && stored.criticalitySource === "category-default") {
    changed.criticality = criticalityForCategory(d.latest.category);
  }
  if (d.status && d.status.status !== stored.status) Object.assign(changed, statusData(d, at));
  if (d.spoofs.length && !stored.spoofSuspected) changed.spoofSuspected = true;
  if (fingerprintId && fingerprintId !== stored.currentFingerprint?.id) changed.currentFingerprintId = fingerprintId;
  // Anything besides presence may move the score: the risk refresh rescans the device.
  if (Object.keys(changed).length) return { kind: "full", data: { ...changed, ...presence, riskStale: true } };
  if (stored.lastAgentId === agentId && presenceIsFresh(stored, d, at)) return { kind: "none" };
  return { kind: "presence", data: presence };
}

export type ObservationRow = {
  id: string;
  deviceId: string;
  agentId: string;
  reportId: string;
  observedAt: Date;
  receivedAt: Date;
  channel: string;
  action: string;
  segment: string | null;
  ip: string | null;
  claimed: Observation["claimed"];
  physical: Observation["physical"];
  network: Observation["network"];
  software: Observation["software"];
};

/** One row per observation, as stored (reportId: the Report row's id; newId: the store's row ids). */
export function observationRows(group: DeviceGroup, agentId: string, reportRowId: string, at: Date, newId: () => string): ObservationRow[] {
  return group.evidence.map(({ observation: o, segment }) => ({
    id: newId(),
    deviceId: group.deviceId,
    agentId,
    reportId: reportRowId,
    observedAt: new Date(o.observedAt),
    receivedAt: at,
    channel: o.channel,
    action: o.action,
    segment,
    ip: o.claimed?.ip ?? null,
    claimed: o.claimed,
    physical: o.physical,
    network: o.network,
    software: o.software,
  }));
}
