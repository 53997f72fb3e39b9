import "server-only";
// The asset register as the integration API answers it (GET /api/v1/assets, the push API's
// answers): entries with what reconciliation made of them, paged by id (keyset, never offset).
import type { Db } from "../db/client";
import type { RegisterEntryAnswer } from "../web/integration/asset-schemas";

const ENTRY = {
  id: true, assetTag: true, serial: true, mac: true, hostname: true, ip: true, manufacturer: true, model: true, deviceType: true,
  department: true, location: true, owner: true, purchasedOn: true, endOfSupportOn: true, extra: true, retiredAt: true,
  state: true, mismatches: true, deviceId: true, linkKey: true, linkConfidence: true, linkedAt: true, reconciledAt: true, updatedAt: true,
  source: { select: { name: true } }, siteId: true,
} as const;

type Row = Awaited<ReturnType<typeof findEntries>>[number];
const findEntries = (db: Db, args: { where: object; take?: number }) => db.asset.findMany({ ...args, orderBy: { id: "asc" }, select: ENTRY });

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const stringRecord = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : null);

function answer(row: Row, sites: Map<string, string>): RegisterEntryAnswer {
  return {
    assetTag: row.assetTag, source: row.source.name,
    serial: row.serial, mac: row.mac, hostname: row.hostname, ip: row.ip, manufacturer: row.manufacturer, model: row.model, deviceType: row.deviceType,
    department: row.department, location: row.location, site: row.siteId ? (sites.get(row.siteId) ?? null) : null, owner: row.owner,
    purchasedOn: day(row.purchasedOn), endOfSupportOn: day(row.endOfSupportOn),
    extra: stringRecord(row.extra),
    retired: row.retiredAt !== null,
    state: row.state as RegisterEntryAnswer["state"],
    mismatches: Array.isArray(row.mismatches) ? (row.mismatches as RegisterEntryAnswer["mismatches"]) : [],
    device: row.deviceId ? { id: row.deviceId, key: row.linkKey ?? "manual", confidence: row.linkConfidence, linkedAt: row.linkedAt?.toISOString() ?? null } : null,
    reconciledAt: row.reconciledAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function siteNames(db: Db, rows: Row[]) {
  const ids = [...new Set(rows.map((r) => r.siteId).filter((id): id is string => Boolean(id)))];
  if (!ids.length) return new Map<string, string>();
  const sites = await db.site.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(sites.map((s) => [s.id, s.name]));
}

/** One entry of a source by its asset tag, or null. */
export async function registerEntry(db: Db, sourceName: string, assetTag: string): Promise<RegisterEntryAnswer | null> {
  const rows = await findEntries(db, { where: { assetTag, source: { name: sourceName } }, take: 1 });
  return rows.length ? answer(rows[0], await siteNames(db, rows)) : null;
}

export const encodeAssetCursor = (id: string) => Buffer.from(id, "utf8").toString("base64url");
const decodeAssetCursor = (cursor: string) => Buffer.from(cursor, "base64url").toString("utf8").slice(0, 64);

/** A page of entries (all sources, or one), in id order, with the cursor of the next page. */
export async function listRegisterEntries(db: Db, query: { source?: string; state?: string; cursor?: string; limit: number }): Promise<{ data: RegisterEntryAnswer[]; nextCursor: string | null }> {
  const where = {
    ...(query.source ? { source: { name: query.source } } : {}),
    ...(query.state ? { state: query.state } : {}),
    ...(query.cursor ? { id: { gt: decodeAssetCursor(query.cursor) } } : {}),
  };
  const rows = await findEntries(db, { where, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const sites = await siteNames(db, page);
  return { data: page.map((r) => answer(r, sites)), nextCursor: rows.length > query.limit ? encodeAssetCursor(page[page.length - 1].id) : null };
}
