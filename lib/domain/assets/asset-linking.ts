// Which device each register entry is, by the strongest key they share. Pure: the reconciliation
// job (lib/jobs/asset-reconciliation.ts) gives it the entries and streams the devices' keys in
// chunks; only the entries are indexed, so a million devices never sit in memory at once.
//
// Keys, strongest first: serial with the same manufacturer, MAC, serial where one side names no
// manufacturer, the asset tag inside the device's host or DHCP name, hostname, IP. An entry takes
// the device found by its strongest key, and only when that key finds one device (two pumps with
// one hostname are a question for a person, not a guess). A device goes to one entry per source:
// the entry with the stronger key; on a tie neither, for the same reason. A person's link stays
// as it is, a person's refusal is never undone, and an IP links only when no stronger key of the
// two sides disagrees (addresses are reused).
import { sameVendor } from "../identity/vendor-names";
import { forEachNameToken, tagTokens } from "./asset-keys";

export type LinkKey = "serial" | "mac" | "asset_tag" | "hostname" | "ip" | "manual";
export type LinkConfidence = "high" | "medium" | "low";

/** A register entry as linking needs it (keys as asset-keys.ts normalises them). */
export type EntryKeys = {
  id: string;
  sourceId: string;
  assetTagKey: string;
  serialKey: string | null;
  manufacturer: string | null;
  mac: string | null;
  hostnameKey: string | null;
  ip: string | null;
  /** A person linked it (linkKey "manual"): kept, never moved. */
  manualDeviceId: string | null;
  /** Retired or "not a network device": never linked automatically. */
  excluded: boolean;
};

/** A device's keys, as asset-keys.ts normalises them (hostname: the claimed host or DHCP name). */
export type DeviceKeys = { id: string; serialKey: string | null; vendor: string | null; mac: string | null; hostname: string | null; hostnameKey: string | null; ip: string | null };

export type Link = { deviceId: string; key: LinkKey; confidence: LinkConfidence };

type Level = { key: LinkKey; confidence: LinkConfidence; strength: number };
const SERIAL: Level = { key: "serial", confidence: "high", strength: 6 };
const MAC: Level = { key: "mac", confidence: "high", strength: 5 };
const SERIAL_ALONE: Level = { key: "serial", confidence: "medium", strength: 4 };
const TAG: Level = { key: "asset_tag", confidence: "medium", strength: 3 };
const HOSTNAME: Level = { key: "hostname", confidence: "medium", strength: 2 };
const IP: Level = { key: "ip", confidence: "low", strength: 1 };

/** The pair key of a refusal (AssetLinkRefusal): the entry's id and the device's. */
export const refusalKey = (assetId: string, deviceId: string) => `${assetId}\u0000${deviceId}`;

/** The serial level of a pair with equal serials: high with the same maker, medium when one names none, none when they differ. */
function serialLevel(entry: EntryKeys, device: DeviceKeys): Level | null {
  if (!entry.manufacturer?.trim() || !device.vendor?.trim()) return SERIAL_ALONE;
  return sameVendor(entry.manufacturer, device.vendor) ? SERIAL : null;
}

/** A stronger key of the two sides that disagrees (both known, different): then an IP says nothing. */
function strongerDisagrees(entry: EntryKeys, device: DeviceKeys): boolean {
  const differ = (a: string | null, b: string | null) => !!a && !!b && a !== b;
  return differ(entry.mac, device.mac) || differ(entry.serialKey, device.serialKey) || differ(entry.hostnameKey, device.hostnameKey);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The linker: index the entries once, feed it the devices in as many chunks as wanted, then ask
 * for the links. `refused`: refusalKey pairs a person rejected.
 */
export function createLinker(entries: EntryKeys[], refused: Set<string>) {
  const bySerial = new Map<string, EntryKeys[]>();
  const byMac = new Map<string, EntryKeys[]>();
  const byTag = new Map<string, EntryKeys[]>();
  const byHostname = new Map<string, EntryKeys[]>();
  const byIp = new Map<string, EntryKeys[]>();
  for (const e of entries) {
    if (e.excluded || e.manualDeviceId) continue;
    if (e.serialKey) push(bySerial, e.serialKey, e);
    if (e.mac) push(byMac, e.mac, e);
    for (const token of tagTokens(e.assetTagKey)) push(byTag, token, e);
    if (e.hostnameKey) push(byHostname, e.hostnameKey, e);
    if (e.ip) push(byIp, e.ip, e);
  }
  // Per entry: the strongest level found so far and the devices found at it.
  const best = new Map<string, { level: Level; devices: string[] }>();
  const offer = (entry: EntryKeys, device: DeviceKeys, level: Level | null) => {
    if (!level || refused.has(refusalKey(entry.id, device.id))) return;
    const current = best.get(entry.id);
    if (!current || level.strength > current.level.strength) best.set(entry.id, { level, devices: [device.id] });
    else if (level.strength === current.level.strength && !current.devices.includes(device.id)) current.devices.push(device.id);
  };

  function addDevices(devices: Iterable<DeviceKeys>) {
    for (const d of devices) {
      if (d.serialKey) for (const e of bySerial.get(d.serialKey) ?? []) offer(e, d, serialLevel(e, d));
      if (d.mac) for (const e of byMac.get(d.mac) ?? []) offer(e, d, MAC);
      // offer() keeps a device once per entry, so a tag found twice in one name counts once.
      if (d.hostname && byTag.size) forEachNameToken(d.hostname, (t) => {
        const found = byTag.get(t);
        if (found) for (const e of found) offer(e, d, TAG);
      });
      if (d.hostnameKey) for (const e of byHostname.get(d.hostnameKey) ?? []) offer(e, d, HOSTNAME);
      if (d.ip) for (const e of byIp.get(d.ip) ?? []) if (!strongerDisagrees(e, d)) offer(e, d, IP);
    }
  }

  /** Each entry's link (null: none), with a person's links as they are. */
  function links(): Map<string, Link | null> {
    const out = new Map<string, Link | null>();
    // Devices a person linked are taken in their source.
    const taken = new Set<string>();
    for (const e of entries) {
      out.set(e.id, null);
      if (e.manualDeviceId) {
        out.set(e.id, { deviceId: e.manualDeviceId, key: "manual", confidence: "high" });
        taken.add(`${e.sourceId}\u0000${e.manualDeviceId}`);
      }
    }
    // Per source and device: the claims of entries whose strongest key found only that device.
    const claims = new Map<string, { entryId: string; level: Level }[]>();
    const sourceOf = new Map(entries.map((e) => [e.id, e.sourceId]));
    for (const [entryId, { level, devices }] of best) {
      if (devices.length !== 1) continue;
      push(claims, `${sourceOf.get(entryId)}\u0000${devices[0]}`, { entryId, level });
    }
    for (const [slot, list] of claims) {
      if (taken.has(slot)) continue;
      const top = Math.max(...list.map((c) => c.level.strength));
      const winners = list.filter((c) => c.level.strength === top);
      if (winners.length !== 1) continue;
      const deviceId = slot.slice(slot.indexOf("\u0000") + 1);
      out.set(winners[0].entryId, { deviceId, key: winners[0].level.key, confidence: winners[0].level.confidence });
    }
    return out;
  }

  return { addDevices, links };
}

/** The links of the given entries with the given devices, in one call (tests, small sets). */
export function linkEntries(entries: EntryKeys[], devices: DeviceKeys[], refused: Set<string> = new Set()): Map<string, Link | null> {
  const linker = createLinker(entries, refused);
  linker.addDevices(devices);
  return linker.links();
}

const CONFIDENCE_RANK: Record<LinkConfidence, number> = { high: 3, medium: 2, low: 1 };

/**
 * The one entry a device shows as its register entry (its DeviceRegisterLink) when entries of several
 * sources link it: a person's link first, then the surest link, then the lowest id (stable).
 */
export function primaryEntry(candidates: { entryId: string; link: Link }[]): string | null {
  if (!candidates.length) return null;
  const rank = (c: { link: Link }) => (c.link.key === "manual" ? 10 : CONFIDENCE_RANK[c.link.confidence]);
  return [...candidates].sort((a, b) => rank(b) - rank(a) || (a.entryId < b.entryId ? -1 : 1))[0].entryId;
}
