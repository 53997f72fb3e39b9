import "server-only";
// The Assets view: the asset register reconciled with what the network sees, as tabs. Register
// entries (reconciled, mismatched, missing, not a network device, retired) are read from Asset by
// their stored state (lib/jobs/asset-reconciliation.ts keeps it), in asset-tag order; shadow assets
// are devices not retired that no register lists (no DeviceRegisterLink), in risk order, walking
// the same (riskScore, id) indexes as the inventory, each device's link looked up by its key.
import { z } from "zod";
import { getDb, type Prisma } from "../db/client";
import { boundedCount, type BoundedTotal } from "../db/bounded-count";
import { countDevices, listDevices, parseInventoryParams } from "./devices";
import { decodePageAt, isCursorId, isCursorText, keysetPage, optionalParam, pageSizeParam, parseSearchParams, readsBackwards, refusedParams, type SearchParams } from "./page-params";

export const ASSET_TABS = ["reconciled", "shadow", "missing", "mismatched", "not_network", "retired"] as const;
export type AssetTab = (typeof ASSET_TABS)[number];
export const ENTRY_TABS = ["reconciled", "missing", "mismatched", "not_network", "retired"] as const;
export type EntryTab = (typeof ENTRY_TABS)[number];
export const ASSETS_PAGE_SIZE = 50;

export const assetParams = z.object({
  tab: optionalParam(z.enum(ASSET_TABS)).catch(undefined),
  site: optionalParam(z.string().max(40)).catch(undefined),
  department: optionalParam(z.string().max(256)).catch(undefined),
  // A device category on the shadow tab; on the register tabs the register's own device type.
  category: optionalParam(z.string().max(256)).catch(undefined),
  source: optionalParam(z.string().max(40)).catch(undefined),
  dir: optionalParam(z.enum(["asc", "desc"])).catch(undefined),
  size: pageSizeParam,
  cursor: optionalParam(z.string().max(1200)).catch(undefined),
});
export type AssetParams = z.infer<typeof assetParams>;

export const parseAssetParams = (search: SearchParams): AssetParams => parseSearchParams(assetParams, search);
export const refusedAssetParams = (search: SearchParams, p: AssetParams) => refusedParams(assetParams, search, p);
export const tabOf = (p: AssetParams): AssetTab => p.tab ?? "shadow";

// ─── Shadow assets: devices ───────────────────────────────────────────────────────────────────

/** Devices not retired and in no register, with the view's filters. */
export function shadowWhere(p: AssetParams): Prisma.DeviceWhereInput {
  const and: Prisma.DeviceWhereInput[] = [{ status: { not: "retired" } }, { registerLink: { is: null } }];
  if (p.site) and.push({ siteId: p.site });
  if (p.department) and.push({ department: p.department });
  if (p.category) and.push({ category: p.category });
  return { AND: and };
}

/** A page of shadow devices, riskiest first, paged as the inventory is. */
export async function listShadowDevices(p: AssetParams, pageSize = p.size ?? ASSETS_PAGE_SIZE) {
  const inventory = { ...parseInventoryParams({}), sort: "risk" as const, dir: p.dir, cursor: p.cursor };
  return listDevices(inventory, pageSize, shadowWhere(p));
}

// ─── Register entries ───────────────────────────────────────────────────────────────────────

export function entryWhere(tab: EntryTab, p: AssetParams): Prisma.AssetWhereInput {
  // The state alone: an import or a push that retires an entry writes its state "retired" with its
  // date, so the tab reads the (state, assetTagKey, id) index without visiting the entries.
  const and: Prisma.AssetWhereInput[] = [{ state: tab }];
  if (p.site) and.push({ siteId: p.site });
  if (p.department) and.push({ department: p.department });
  if (p.category) and.push({ deviceType: p.category });
  if (p.source) and.push({ sourceId: p.source });
  return { AND: and };
}

export const entrySelect = {
  id: true, assetTag: true, assetTagKey: true, serial: true, mac: true, hostname: true, ip: true, manufacturer: true, model: true, deviceType: true,
  department: true, location: true, owner: true, siteId: true, state: true, mismatches: true, deviceId: true, linkKey: true, linkConfidence: true,
  linkedAt: true, linkedBy: true, notNetworkAt: true, notNetworkBy: true, notNetworkReason: true, retiredAt: true, reconciledAt: true,
  source: { select: { id: true, name: true } },
} as const;
export type EntryRow = Prisma.AssetGetPayload<{ select: typeof entrySelect }>;

export type Mismatch = { field: string; register: string | null; network: string | null };
/** The stored disagreements, read defensively (JSON written by the reconciliation). */
export function mismatchesOf(json: unknown): Mismatch[] {
  if (!Array.isArray(json)) return [];
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 256));
  return json.flatMap((m) => (m && typeof m === "object" && "field" in m ? [{ field: String(m.field).slice(0, 40), register: text(m.register), network: text(m.network) }] : []));
}

export const linkedDeviceSelect = { id: true, displayName: true, lastSeenAt: true, riskScore: true, riskTier: true, category: true, status: true } as const;
export type LinkedDevice = Prisma.DeviceGetPayload<{ select: typeof linkedDeviceSelect }>;
export type AssetEntry = Omit<EntryRow, "mismatches"> & { mismatches: Mismatch[]; device: LinkedDevice | null };

/** The linked devices of a batch of entries (at most a page or an export batch: under SQLite's bound). */
export async function withDevices(rows: EntryRow[]): Promise<AssetEntry[]> {
  const ids = [...new Set(rows.map((r) => r.deviceId).filter((id): id is string => !!id))];
  const devices = ids.length ? await getDb().device.findMany({ where: { id: { in: ids } }, select: linkedDeviceSelect }) : [];
  const byId = new Map(devices.map((d) => [d.id, d]));
  return rows.map((r) => ({ ...r, mismatches: mismatchesOf(r.mismatches), device: r.deviceId ? (byId.get(r.deviceId) ?? null) : null }));
}

type EntryCursor = { v: string; id: string };

/** Entries in asset-tag order (the normalised tag is indexed), then id; `dir` desc walks it backwards. */
export function entryOrder(dir: "asc" | "desc" = "asc"): Prisma.AssetOrderByWithRelationInput[] {
  return [{ assetTagKey: dir }, { id: dir }];
}

/** The entries after (or before) a row's key in the walking direction. */
export function entriesBeyond(key: EntryCursor, dir: "asc" | "desc"): Prisma.AssetWhereInput {
  const op = dir === "asc" ? "gt" : "lt";
  return { OR: [{ assetTagKey: { [op]: key.v } }, { assetTagKey: key.v, id: { [op]: key.id } }] };
}

/** A page of one register tab, keyset-paged on (asset tag, id) both ways. */
export async function listEntries(tab: EntryTab, p: AssetParams, pageSize = p.size ?? ASSETS_PAGE_SIZE) {
  const at = decodePageAt<EntryCursor>(p.cursor, (c) => isCursorId(c.id) && isCursorText(c.v));
  const position = at ?? { from: "first" as const };
  const forward = p.dir ?? "asc";
  const dir = readsBackwards(position) ? (forward === "asc" ? "desc" : "asc") : forward;
  const where = entryWhere(tab, p);
  const key = position.from === "after" || position.from === "before" ? position.key : null;
  const rows = await getDb().asset.findMany({ where: key ? { AND: [where, entriesBeyond(key, dir)] } : where, orderBy: entryOrder(dir), take: pageSize + 1, select: entrySelect });
  const page = keysetPage(rows, position, pageSize, (r): EntryCursor => ({ v: r.assetTagKey, id: r.id }));
  return { entries: await withDevices(page.rows), nextCursor: page.next, previousCursor: page.previous, cursorIgnored: at === null };
}

export const countEntries = (tab: EntryTab, p: AssetParams): Promise<BoundedTotal> => boundedCount((take) => getDb().asset.count({ where: entryWhere(tab, p), take }));

/** Every tab's count under the same filters (each bounded, as the inventory's). */
export async function countTabs(p: AssetParams): Promise<Record<AssetTab, BoundedTotal>> {
  const [shadow, ...entries] = await Promise.all([countDevices(shadowWhere(p)), ...ENTRY_TABS.map((t) => countEntries(t, p))]);
  return { shadow, ...Object.fromEntries(ENTRY_TABS.map((t, i) => [t, entries[i]])) } as Record<AssetTab, BoundedTotal>;
}

/** The filters' choices: sites, register sources, departments and device types the register names. */
export async function assetFacets() {
  const db = getDb();
  const [sites, sources, departments, types] = await Promise.all([
    db.site.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db.assetSource.findMany({ select: { id: true, name: true, kind: true, mapping: true }, orderBy: { name: "asc" }, take: 100 }),
    // DISTINCT in the database, from the column's index alone (the ORM's `distinct` reads every
    // entry and dedupes them itself: 8 s at 200k entries). Retired entries' names are choices too.
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT "department" AS v FROM "Asset" WHERE "department" IS NOT NULL ORDER BY 1 LIMIT 300`,
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT "deviceType" AS v FROM "Asset" WHERE "deviceType" IS NOT NULL ORDER BY 1 LIMIT 300`,
  ]);
  return {
    sites,
    sources: sources.map((s) => ({ id: s.id, name: s.name, kind: s.kind, mapped: s.mapping !== null })),
    departments: departments.map((d) => d.v),
    deviceTypes: types.map((t) => t.v),
  };
}
export type AssetFacets = Awaited<ReturnType<typeof assetFacets>>;

/** Devices to link an entry to by hand: the inventory's search (name, MAC, serial, IP…), the riskiest first, ten at most. */
export async function devicesToLink(q: string) {
  const params = parseInventoryParams({ q: q.slice(0, 100) });
  if (!params.q) return [];
  const { devices } = await listDevices(params, 10);
  return devices;
}

/** One entry by id, with its device (the link form's heading). */
export async function assetEntry(id: string): Promise<AssetEntry | null> {
  if (!isCursorId(id)) return null;
  const row = await getDb().asset.findUnique({ where: { id }, select: entrySelect });
  return row ? (await withDevices([row]))[0] : null;
}

/** The device page's register panel: the entry linked with the device (the newest link if several sources list it). */
export async function registerEntryOfDevice(deviceId: string): Promise<AssetEntry | null> {
  const row = await getDb().asset.findFirst({ where: { deviceId, retiredAt: null }, orderBy: { linkedAt: "desc" }, select: entrySelect });
  return row ? (await withDevices([row]))[0] : null;
}
