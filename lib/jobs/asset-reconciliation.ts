// Reconciliation of the asset register with the devices the network sees. The full pass (after
// each import, and when the missing-after days change) links every entry by the strongest shared
// key (lib/domain/assets/asset-linking.ts), reading the devices' keys in id-ordered chunks so a
// million devices never sit in memory; the incremental pass (the scheduler, every few seconds)
// looks only at devices seen since its cursor, found against the register's indexes, and at
// linked devices that have just been silent for longer than the missing-after days.
import { readEntries, readEntriesById, readMissingAfterDays, entryIdsWhere, deviceKeysAfter, deviceKeysSeenAfter, deviceKeysWhere, linkedDevicesSeenBetween, type DeviceKeyRow, type StoredEntry } from "../db/asset-register-sql";
import { chunked } from "../db/bulk";
import { SQLITE_IN_LIST_MAX, type Db } from "../db/client";
import { hostnameKey, nameTokens, normaliseIp, normaliseRegisterMac, normaliseSerial } from "../domain/assets/asset-keys";
import { createLinker, refusalKey, type DeviceKeys, type EntryKeys, type Link } from "../domain/assets/asset-linking";
import { settleEntries } from "./asset-settle";

export type ReconcileSummary = {
  entries: number; linked: number; reconciled: number; mismatched: number; missing: number; notNetwork: number; retired: number; shadow: number; ms: number;
  /** Milliseconds of each phase (read the register, read and link the devices, settle and write, count the shadows), for the bench. */
  phases?: Record<string, number>;
};

const DEVICE_CHUNK = 20_000;
const CHANGED_BATCH = 2_000;
// A pass stops after this long and leaves the rest to the next one: the scheduler's other jobs
// (and the SQLite write lock) get their turn even when a whole estate reports at once.
const PASS_BUDGET_MS = 8_000;
/** Where the incremental pass stopped: the last device seen ({ at, id }) and the silence cutoff already applied. */
export const RECONCILE_CURSOR_KEY = "assets.reconcileCursor";
const DAY_MS = 86_400_000;

type Cursor = { at: string; id: string; agedTo: string };

function deviceKeysOf(r: DeviceKeyRow): DeviceKeys {
  return { id: r.id, serialKey: normaliseSerial(r.claimedSerial), vendor: r.vendor, mac: normaliseRegisterMac(r.claimedMac), hostname: r.claimedHostname, hostnameKey: hostnameKey(r.claimedHostname), ip: normaliseIp(r.claimedIp) };
}

function entryKeysOf(e: StoredEntry): EntryKeys {
  return {
    id: e.id, sourceId: e.sourceId, assetTagKey: e.assetTagKey, serialKey: e.serialKey, manufacturer: e.manufacturer, mac: e.mac, hostnameKey: e.hostnameKey, ip: normaliseIp(e.ip),
    manualDeviceId: e.linkKey === "manual" && e.deviceId ? e.deviceId : null,
    excluded: !!e.retiredAt || !!e.notNetworkAt,
  };
}

async function refusals(db: Db, entryIds?: string[]): Promise<Set<string>> {
  const rows = entryIds
    ? (await Promise.all(chunked(entryIds, SQLITE_IN_LIST_MAX).map((ids) => db.assetLinkRefusal.findMany({ where: { assetId: { in: ids } }, select: { assetId: true, deviceId: true } })))).flat()
    : await db.assetLinkRefusal.findMany({ select: { assetId: true, deviceId: true } });
  return new Set(rows.map((r) => refusalKey(r.assetId, r.deviceId)));
}

async function writeCursor(db: Db, cursor: Cursor) {
  const value = JSON.stringify(cursor);
  await db.setting.upsert({ where: { key: RECONCILE_CURSOR_KEY }, create: { key: RECONCILE_CURSOR_KEY, value }, update: { value } });
}

async function readCursor(db: Db): Promise<Cursor | null> {
  const row = await db.setting.findUnique({ where: { key: RECONCILE_CURSOR_KEY }, select: { value: true } });
  try {
    const c = row ? (JSON.parse(row.value) as Cursor) : null;
    return c && typeof c.at === "string" && typeof c.id === "string" && typeof c.agedTo === "string" ? c : null;
  } catch {
    return null;
  }
}

// One pass at a time in a process: an import's full pass and the scheduler's incremental one
// would otherwise write the same entries from two readings.
let running: Promise<unknown> = Promise.resolve();
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const next = running.then(work, work);
  running = next.catch(() => undefined);
  return next;
}

async function shadowCount(db: Db): Promise<number> {
  return db.device.count({ where: { registerLink: { is: null }, status: { not: "retired" } } });
}

/**
 * The full pass: every entry (of one source, when given: the others keep their links) linked
 * against every device, then states, disagreements and the devices' register links written where
 * they changed.
 */
export function reconcileRegister(db: Db, options: { now?: Date; sourceId?: string } = {}): Promise<ReconcileSummary> {
  return exclusive(() => reconcileRegisterUnlocked(db, options));
}

async function reconcileRegisterUnlocked(db: Db, options: { now?: Date; sourceId?: string }): Promise<ReconcileSummary> {
  {
    const started = Date.now();
    const now = options.now ?? new Date();
    const phases: Record<string, number> = {};
    let mark = Date.now();
    const lap = (name: string) => {
      phases[name] = Date.now() - mark;
      mark = Date.now();
    };
    const days = await readMissingAfterDays(db);
    const all = await readEntries(db);
    const entries = options.sourceId ? all.filter((e) => e.sourceId === options.sourceId) : all;
    const linker = createLinker(entries.map(entryKeysOf), await refusals(db));
    lap("register");
    // Devices that have a register link now: a device no entry links any more loses it.
    const registered = new Map<string, string>();
    for (let after = ""; ; ) {
      const chunk = await deviceKeysAfter(db, after, DEVICE_CHUNK);
      linker.addDevices(chunk.filter((d) => !d.retired).map(deviceKeysOf));
      for (const d of chunk) if (d.assetId) registered.set(d.id, d.assetId);
      if (chunk.length < DEVICE_CHUNK) break;
      after = chunk.at(-1)!.id;
    }
    lap("devices");
    const fixed = options.sourceId ? all.filter((e) => e.sourceId !== options.sourceId && e.deviceId && !e.retiredAt).map((e) => ({ entryId: e.id, link: { deviceId: e.deviceId!, key: (e.linkKey ?? "manual") as Link["key"], confidence: (e.linkConfidence ?? "high") as Link["confidence"] } })) : [];
    const settled = await settleEntries(db, { entries, links: linker.links(), registered, fixed, now, missingAfterDays: days });
    await writeCursor(db, { at: now.toISOString(), id: "", agedTo: new Date(now.getTime() - days * DAY_MS).toISOString() });
    lap("settle");
    const s = settled.states;
    const shadow = await shadowCount(db);
    lap("shadow");
    return { entries: entries.length, linked: settled.linked, reconciled: s.reconciled, mismatched: s.mismatched, missing: s.missing, notNetwork: s.not_network, retired: s.retired, shadow, ms: Date.now() - started, phases };
  }
}

/** The entries a set of devices may concern: by their keys (the register's indexes), and those linked with them now. */
async function entriesConcerning(db: Db, devices: DeviceKeys[]): Promise<string[]> {
  const values = (pick: (d: DeviceKeys) => (string | null)[]) => [...new Set(devices.flatMap(pick).filter((v): v is string => !!v))];
  // Tags as the register stores them (upper-case, dashes kept): "AT004512" and "AT-004512" are both offered.
  const tags = values((d) => nameTokens(d.hostname).map((t) => t.toUpperCase()));
  const ids = await Promise.all([
    entryIdsWhere(db, "mac", values((d) => [d.mac])),
    entryIdsWhere(db, "serialKey", values((d) => [d.serialKey])),
    entryIdsWhere(db, "hostnameKey", values((d) => [d.hostnameKey])),
    entryIdsWhere(db, "ip", values((d) => [d.ip])),
    entryIdsWhere(db, "assetTagKey", tags),
    entryIdsWhere(db, "deviceId", values((d) => [d.id])),
  ]);
  return [...new Set(ids.flat())];
}

/**
 * Re-links the given entries against the devices that matter to them: the given ones, those the
 * entries are linked with now, and those their MAC or IP finds (the indexed keys), with every other
 * entry linking one of those devices taken in too, so one device still goes to one entry per source.
 */
async function relink(db: Db, entryIds: string[], seen: DeviceKeyRow[], now: Date, days: number) {
  let entries = await readEntriesById(db, entryIds);
  const byId = new Map<string, DeviceKeyRow>(seen.map((d) => [d.id, d]));
  const more = [
    ...(await deviceKeysWhere(db, "id", entries.flatMap((e) => (e.deviceId && !byId.has(e.deviceId) ? [e.deviceId] : [])))),
    ...(await deviceKeysWhere(db, "claimedMac", [...new Set(entries.flatMap((e) => (e.mac ? [e.mac] : [])))])),
    ...(await deviceKeysWhere(db, "claimedIp", [...new Set(entries.flatMap((e) => (e.ip ? [e.ip] : [])))])),
  ];
  for (const d of more) byId.set(d.id, d);
  const others = await entryIdsWhere(db, "deviceId", [...byId.keys()]);
  const known = new Set(entries.map((e) => e.id));
  entries = entries.concat(await readEntriesById(db, others.filter((id) => !known.has(id))));
  const devices = [...byId.values()];
  const links = createLinker(entries.map(entryKeysOf), await refusals(db, entries.map((e) => e.id)));
  links.addDevices(devices.filter((d) => !d.retired).map(deviceKeysOf));
  const registered = new Map(devices.flatMap((d) => (d.assetId ? [[d.id, d.assetId] as const] : [])));
  return settleEntries(db, { entries, links: links.links(), registered, now, missingAfterDays: days, reevaluate: seen.filter((d) => !d.retired).map((d) => d.id) });
}

/**
 * The incremental pass: devices seen since the cursor (a few batches a call), and linked devices
 * whose silence has just passed the missing-after days. With no cursor yet, a full pass.
 */
export function reconcileChangedDevices(db: Db, now: Date = new Date()): Promise<{ devices: number; changed: number }> {
  return exclusive(async () => {
    if ((await db.asset.count({ take: 1 })) === 0) return { devices: 0, changed: 0 };
    const cursor = await readCursor(db);
    if (!cursor) {
      const full = await reconcileRegisterUnlocked(db, { now });
      return { devices: full.entries, changed: full.linked };
    }
    const days = await readMissingAfterDays(db);
    let position = { at: new Date(cursor.at), id: cursor.id };
    let devices = 0;
    let changed = 0;
    const started = Date.now();
    while (Date.now() - started < PASS_BUDGET_MS) {
      const seen = await deviceKeysSeenAfter(db, position, CHANGED_BATCH);
      if (!seen.length) break;
      const settled = await relink(db, await entriesConcerning(db, seen.map(deviceKeysOf)), seen, now, days);
      devices += seen.length;
      changed += settled.entriesWritten + settled.devicesWritten;
      position = { at: seen.at(-1)!.lastSeenAt, id: seen.at(-1)!.id };
      if (seen.length < CHANGED_BATCH) break;
    }
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const silent = await linkedDevicesSeenBetween(db, new Date(Math.min(new Date(cursor.agedTo).getTime(), cutoff.getTime())), cutoff);
    if (silent.length) {
      const settled = await relink(db, await entryIdsWhere(db, "deviceId", silent), await deviceKeysWhere(db, "id", silent), now, days);
      changed += settled.entriesWritten;
    }
    await writeCursor(db, { at: position.at.toISOString(), id: position.id, agedTo: cutoff.toISOString() });
    return { devices, changed };
  });
}

/**
 * Settles a few entries and devices at once, after a person's change (link, unlink, not a network
 * device): the entries are linked again (a person's link stays), the devices' register links and
 * a "registered only" baseline follow.
 */
export function reconcileEntries(db: Db, entryIds: string[], deviceIds: string[], now: Date = new Date()) {
  return exclusive(async () => relink(db, entryIds, await deviceKeysWhere(db, "id", deviceIds), now, await readMissingAfterDays(db)));
}
