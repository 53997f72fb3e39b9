// The reads the asset reconciliation makes in bulk (lib/jobs/asset-reconciliation.ts): every
// register entry, and every device's link keys in id order. Through prepared statements on the
// SQLite reading connection where there is one (committed rows only, lib/db/sqlite-reads.ts; the
// ORM's row mapping would cost more than the whole linking), through one raw query per chunk on
// PostgreSQL. Values come back as Prisma reads them.
import { providerOf, sqliteReaderOf, type Db } from "./client";
import { MISSING_AFTER_DAYS_DEFAULT, MISSING_AFTER_DAYS_KEY, MISSING_AFTER_DAYS_MAX } from "../domain/assets/asset-mismatch";

type Row = Record<string, unknown>;

async function rows(db: Db, sql: { sqlite: string; postgres: string }, params: unknown[]): Promise<Row[]> {
  const connection = providerOf(db) === "sqlite" ? sqliteReaderOf(db) : undefined;
  if (connection) return connection.prepare(sql.sqlite).all(...params) as Row[];
  return db.$queryRawUnsafe<Row[]>(providerOf(db) === "sqlite" ? sql.sqlite : sql.postgres, ...params);
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const json = (v: unknown) => (typeof v === "string" ? (JSON.parse(v) as unknown) : (v ?? null));

/** A register entry as the reconciliation reads and rewrites it. */
export type StoredEntry = {
  id: string; sourceId: string; assetTagKey: string; serialKey: string | null; manufacturer: string | null; mac: string | null; hostnameKey: string | null; ip: string | null;
  model: string | null; location: string | null; department: string | null; extra: unknown;
  retiredAt: Date | null; notNetworkAt: Date | null;
  deviceId: string | null; linkKey: string | null; linkConfidence: string | null; linkedAt: Date | null; linkedBy: string | null;
  state: string; mismatches: unknown;
};

const ENTRY_COLUMNS = `"id", "sourceId", "assetTagKey", "serialKey", "manufacturer", "mac", "hostnameKey", "ip", "model", "location", "department", "extra", "retiredAt", "notNetworkAt", "deviceId", "linkKey", "linkConfidence", "linkedAt", "linkedBy", "state", "mismatches"`;

function entryOf(r: Row): StoredEntry {
  return {
    id: String(r.id), sourceId: String(r.sourceId), assetTagKey: String(r.assetTagKey), serialKey: text(r.serialKey), manufacturer: text(r.manufacturer), mac: text(r.mac), hostnameKey: text(r.hostnameKey), ip: text(r.ip),
    model: text(r.model), location: text(r.location), department: text(r.department), extra: json(r.extra),
    retiredAt: date(r.retiredAt), notNetworkAt: date(r.notNetworkAt),
    deviceId: text(r.deviceId), linkKey: text(r.linkKey), linkConfidence: text(r.linkConfidence), linkedAt: date(r.linkedAt), linkedBy: text(r.linkedBy),
    state: String(r.state), mismatches: json(r.mismatches),
  };
}

/** Every register entry (of one source, when given). */
export async function readEntries(db: Db, sourceId?: string): Promise<StoredEntry[]> {
  const where = sourceId ? ` WHERE "sourceId" = ?` : "";
  const found = await rows(db, { sqlite: `SELECT ${ENTRY_COLUMNS} FROM "Asset"${where}`, postgres: `SELECT ${ENTRY_COLUMNS} FROM "Asset"${where.replace("?", "$1")}` }, sourceId ? [sourceId] : []);
  return found.map(entryOf);
}

/** The entries with any of the given ids. */
export async function readEntriesById(db: Db, ids: string[]): Promise<StoredEntry[]> {
  const out: StoredEntry[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = JSON.stringify(ids.slice(i, i + 5000));
    const found = await rows(db, { sqlite: `SELECT ${ENTRY_COLUMNS} FROM "Asset" WHERE "id" IN (SELECT value FROM json_each(?))`, postgres: `SELECT ${ENTRY_COLUMNS} FROM "Asset" WHERE "id" = ANY(SELECT jsonb_array_elements_text($1::jsonb))` }, [chunk]);
    out.push(...found.map(entryOf));
  }
  return out;
}

/** Ids of the entries whose column holds one of the values (an indexed lookup per chunk). */
export async function entryIdsWhere(db: Db, column: "mac" | "serialKey" | "hostnameKey" | "ip" | "assetTagKey" | "deviceId", values: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < values.length; i += 5000) {
    const chunk = JSON.stringify(values.slice(i, i + 5000));
    const found = await rows(db, { sqlite: `SELECT "id" FROM "Asset" WHERE "${column}" IN (SELECT value FROM json_each(?))`, postgres: `SELECT "id" FROM "Asset" WHERE "${column}" = ANY(SELECT jsonb_array_elements_text($1::jsonb))` }, [chunk]);
    out.push(...found.map((r) => String(r.id)));
  }
  return out;
}

/** A device's link keys as stored (normalised by the caller), with its current register link. */
export type DeviceKeyRow = { id: string; claimedSerial: string | null; vendor: string | null; claimedMac: string | null; claimedHostname: string | null; claimedIp: string | null; retired: boolean; assetId: string | null; lastSeenAt: Date };

const KEY_COLUMNS = `d."id", d."claimedSerial", COALESCE(d."vendor", d."claimedVendor") AS "vendor", d."claimedMac", d."claimedHostname", d."claimedIp", d."status", l."assetId", d."lastSeenAt"`;
/** Devices with their register link (DeviceRegisterLink, by the device's key). */
const DEVICES_LINKED = `"Device" d LEFT JOIN "DeviceRegisterLink" l ON l."deviceId" = d."id"`;

function keyRowOf(r: Row): DeviceKeyRow {
  return { id: String(r.id), claimedSerial: text(r.claimedSerial), vendor: text(r.vendor), claimedMac: text(r.claimedMac), claimedHostname: text(r.claimedHostname), claimedIp: text(r.claimedIp), retired: r.status === "retired", assetId: text(r.assetId), lastSeenAt: date(r.lastSeenAt)! };
}

/** The next `limit` devices after `afterId`, in id order. */
export async function deviceKeysAfter(db: Db, afterId: string, limit: number): Promise<DeviceKeyRow[]> {
  const found = await rows(db, { sqlite: `SELECT ${KEY_COLUMNS} FROM ${DEVICES_LINKED} WHERE d."id" > ? ORDER BY d."id" LIMIT ?`, postgres: `SELECT ${KEY_COLUMNS} FROM ${DEVICES_LINKED} WHERE d."id" > $1 ORDER BY d."id" LIMIT $2` }, [afterId, limit]);
  return found.map(keyRowOf);
}

/** The devices with the given ids (or whose column holds one of the values), as their keys. */
export async function deviceKeysWhere(db: Db, column: "id" | "claimedMac" | "claimedIp", values: string[]): Promise<DeviceKeyRow[]> {
  const out: DeviceKeyRow[] = [];
  for (let i = 0; i < values.length; i += 5000) {
    const chunk = JSON.stringify(values.slice(i, i + 5000));
    const found = await rows(db, { sqlite: `SELECT ${KEY_COLUMNS} FROM ${DEVICES_LINKED} WHERE d."${column}" IN (SELECT value FROM json_each(?))`, postgres: `SELECT ${KEY_COLUMNS} FROM ${DEVICES_LINKED} WHERE d."${column}" = ANY(SELECT jsonb_array_elements_text($1::jsonb))` }, [chunk]);
    out.push(...found.map(keyRowOf));
  }
  return out;
}

/** Devices seen after a point (lastSeenAt, then id), oldest first: what the incremental pass looks at. */
export async function deviceKeysSeenAfter(db: Db, after: { at: Date; id: string }, limit: number): Promise<DeviceKeyRow[]> {
  const at = providerOf(db) === "sqlite" ? after.at.toISOString().replace("Z", "+00:00") : after.at;
  const found = await rows(db, {
    sqlite: `SELECT ${KEY_COLUMNS} FROM ${DEVICES_LINKED} WHERE d."lastSeenAt" > ? OR (d."lastSeenAt" = ? AND d."id" > ?) ORDER BY d."lastSeenAt", d."id" LIMIT ?`,
    postgres: `SELECT ${KEY_COLUMNS} FROM ${DEVICES_LINKED} WHERE (d."lastSeenAt", d."id") > ($1::timestamp(3), $2) ORDER BY d."lastSeenAt", d."id" LIMIT $3`,
  }, providerOf(db) === "sqlite" ? [at, at, after.id, limit] : [at, after.id, limit]);
  return found.map(keyRowOf);
}

/** Ids of linked devices last seen in [from, to): the ones that have just gone silent for too long. */
export async function linkedDevicesSeenBetween(db: Db, from: Date, to: Date): Promise<string[]> {
  const sqlite = providerOf(db) === "sqlite";
  const bound = (d: Date) => (sqlite ? d.toISOString().replace("Z", "+00:00") : d);
  const found = await rows(db, {
    sqlite: `SELECT d."id" FROM "Device" d JOIN "DeviceRegisterLink" l ON l."deviceId" = d."id" WHERE d."lastSeenAt" >= ? AND d."lastSeenAt" < ?`,
    postgres: `SELECT d."id" FROM "Device" d JOIN "DeviceRegisterLink" l ON l."deviceId" = d."id" WHERE d."lastSeenAt" >= $1::timestamp(3) AND d."lastSeenAt" < $2::timestamp(3)`,
  }, [bound(from), bound(to)]);
  return found.map((r) => String(r.id));
}

/** What a linked device says of the fields a register is compared on, with its presence and current register link. */
export type DeviceSide = { id: string; model: string | null; claimedModel: string | null; firmwareVersion: string | null; claimedFirmware: string | null; location: string | null; department: string | null; lastSeenAt: Date; retired: boolean; assetId: string | null };

export async function deviceSides(db: Db, ids: string[]): Promise<Map<string, DeviceSide>> {
  const out = new Map<string, DeviceSide>();
  const cols = `d."id", d."model", d."claimedModel", d."firmwareVersion", d."claimedFirmware", d."location", d."department", d."lastSeenAt", d."status", l."assetId"`;
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = JSON.stringify(ids.slice(i, i + 5000));
    const found = await rows(db, { sqlite: `SELECT ${cols} FROM ${DEVICES_LINKED} WHERE d."id" IN (SELECT value FROM json_each(?))`, postgres: `SELECT ${cols} FROM ${DEVICES_LINKED} WHERE d."id" = ANY(SELECT jsonb_array_elements_text($1::jsonb))` }, [chunk]);
    for (const r of found) {
      out.set(String(r.id), {
        id: String(r.id), model: text(r.model), claimedModel: text(r.claimedModel), firmwareVersion: text(r.firmwareVersion), claimedFirmware: text(r.claimedFirmware), location: text(r.location), department: text(r.department),
        lastSeenAt: date(r.lastSeenAt)!, retired: r.status === "retired", assetId: text(r.assetId),
      });
    }
  }
  return out;
}

/** The missing-after days as set (Settings → Asset register), or the default when unset or out of range. */
export async function readMissingAfterDays(db: Pick<Db, "setting">): Promise<number> {
  const row = await db.setting.findUnique({ where: { key: MISSING_AFTER_DAYS_KEY }, select: { value: true } });
  const n = Number(row?.value);
  return Number.isInteger(n) && n >= 1 && n <= MISSING_AFTER_DAYS_MAX ? n : MISSING_AFTER_DAYS_DEFAULT;
}
