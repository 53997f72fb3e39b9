import "server-only";
import { z } from "zod";
import { getDb, providerOf, SQLITE_IN_LIST_MAX, type Db, type Prisma } from "../db/client";
import { countWithSearchText, devicesWithSearchText, literalTextWhere } from "../db/device-search";
import { boundedCount, COUNT_BOUND, type BoundedTotal } from "../db/bounded-count";
import { decodePageAt, isCursorId, isCursorInt, isCursorText, isCursorTime, keysetPage, optionalParam, pageSizeParam, parseSearchParams, readsBackwards, refusedParams, type SearchParams } from "./page-params";
import { normalizeMac } from "../domain/identity/mac";
import { CRITICALITIES, DEVICE_STATUSES, RISK_TIERS } from "../domain/words/vocabulary";

export const INVENTORY_PAGE_SIZE = 50;
export const INVENTORY_SORTS = ["risk", "lastSeen", "name", "firstSeen"] as const;
const LAST_SEEN = { "24h": 1, "7d": 7, "30d": 30 } as const;

/** The inventory's filters as they appear in the URL; anything unexpected is ignored, not fatal. */
export const inventoryParams = z.object({
  q: optionalParam(z.string().trim().max(100)).catch(undefined),
  category: optionalParam(z.string().max(40)).catch(undefined),
  site: optionalParam(z.string().max(40)).catch(undefined),
  segment: optionalParam(z.string().max(40)).catch(undefined),
  vendor: optionalParam(z.string().max(128)).catch(undefined),
  status: optionalParam(z.enum(DEVICE_STATUSES)).catch(undefined),
  criticality: optionalParam(z.enum(CRITICALITIES)).catch(undefined),
  tier: optionalParam(z.enum(RISK_TIERS)).catch(undefined),
  seen: optionalParam(z.enum(["24h", "7d", "30d", "older"])).catch(undefined),
  model: optionalParam(z.string().max(128)).catch(undefined),
  firmware: optionalParam(z.string().max(128)).catch(undefined),
  sort: optionalParam(z.enum(INVENTORY_SORTS)).catch(undefined),
  dir: optionalParam(z.enum(["asc", "desc"])).catch(undefined),
  size: pageSizeParam,
  // A name-sorted cursor carries the name itself (agents may send 255 characters), base64url-encoded.
  cursor: optionalParam(z.string().max(1200)).catch(undefined),
});
export type InventoryParams = z.infer<typeof inventoryParams>;

export const parseInventoryParams = (search: SearchParams): InventoryParams => parseSearchParams(inventoryParams, search);
/** The inventory's URL parameters it did not understand, to be said on the page. */
export const refusedInventoryParams = (search: SearchParams, p: InventoryParams) => refusedParams(inventoryParams, search, p);

/** At most this many devices found through the trigram index are handed over as an id list. */
export const SEARCH_CANDIDATES = 5000;
/** On SQLite a longer candidate list than one `in` list may hold is not handed over: the search walks the order instead. */
const candidateLimit = (db: Db) => (providerOf(db) === "sqlite" ? SQLITE_IN_LIST_MAX : SEARCH_CANDIDATES);
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** A search of more words than this reads only the first ones. */
const MAX_TERMS = 8;

/**
 * Ids of the devices whose searchText contains every one of `needles`, through the trigram index
 * (lib/db/device-search.ts), or null when more than SEARCH_CANDIDATES match (a common term:
 * walking the sort order finds a page sooner).
 */
export async function searchCandidates(needles: string | string[], limit = SEARCH_CANDIDATES, db: Db = getDb()): Promise<string[] | null> {
  const ids = await devicesWithSearchText(db, needles, limit + 1);
  return ids.length > limit ? null : ids;
}

/**
 * The search box: name, MAC (any spelling), IP, serial, vendor or model, never a full scan.
 * A whole MAC or IP answers from its column's index. Otherwise each word is a term a device must
 * contain ("alaris 8015"): the terms of three characters or more together from the trigram index
 * when they are rare, else by walking the sort order (a common match fills a page within the
 * first rows walked); shorter terms narrow that as literal text.
 */
async function searchWhere(q: string): Promise<SearchFilter> {
  const mac = normalizeMac(q);
  if (mac) return { where: { claimedMac: mac }, common: false };
  const terms = searchTerms(q);
  if (terms.length === 1 && IPV4.test(terms[0])) return { where: { claimedIp: terms[0] }, common: false };
  // Trigram indexes need three characters in a row (and no LIKE wildcard among them).
  const indexed = terms.filter((t) => /[^%_]{3}/.test(t));
  // % and _ are the characters themselves, not wildcards.
  const limit = candidateLimit(getDb());
  const literal = (list: string[]) => Promise.all(list.map((t) => literalTextWhere(getDb(), t, limit)));
  if (indexed.length) {
    // PostgreSQL reads the candidates up to the count's bound at once: a common word then costs one
    // bitmap of the GIN index (75-130 ms for 190,000 matches at a million devices), not a second
    // one for its count. SQLite's FTS5 count is cheap; it reads one id list's worth.
    const postgres = providerOf(getDb()) === "postgresql";
    const ids = await devicesWithSearchText(getDb(), indexed, postgres ? COUNT_BOUND + 1 : limit + 1);
    if (ids.length <= limit) return { where: { AND: [{ id: { in: ids } }, ...(await literal(terms.filter((t) => !indexed.includes(t))))] }, common: false };
    if (postgres && indexed.length === terms.length) return { where: { AND: await literal(terms) }, common: true, matches: ids.length };
  }
  return { where: { AND: await literal(terms) }, common: true };
}

/**
 * A search's filter, and whether it is common (walks the order: too many matches for an id list).
 * `matches`: how many devices a common search of indexed words matches, up to the count's bound + 1.
 */
type SearchFilter = { where: Prisma.DeviceWhereInput; common: boolean; matches?: number };

/**
 * The inventory's filters as one where, and how to count what they match; `known`: the count
 * already read with the search's candidates (a common search and no other filter).
 */
export type InventoryFilter = { where: Prisma.DeviceWhereInput; commonTerms: string[] | null; equal: Record<string, string> | null; known?: BoundedTotal };

export async function inventoryFilter(p: InventoryParams, now = new Date()): Promise<InventoryFilter> {
  const search = p.q ? await searchWhere(p.q) : null;
  const fields = fieldFilters(p, now);
  const and = [...(search ? [search.where] : []), ...fields];
  const terms = search?.common ? searchTerms(p.q!) : [];
  const known = search?.matches !== undefined && !fields.length ? await boundedCount(async () => search.matches!) : undefined;
  return { where: and.length ? { AND: and } : {}, commonTerms: terms.some((t) => /[^%_]{3}/.test(t)) ? terms : null, equal: p.seen ? null : equalFilters(p), known };
}

export async function inventoryWhere(p: InventoryParams, now = new Date()): Promise<Prisma.DeviceWhereInput> {
  return (await inventoryFilter(p, now)).where;
}

/**
 * How many devices the inventory's filters match, exact up to the bound. A common search (more
 * matches than the trigram index hands over as ids) is counted through the trigram index with the
 * other filters beside it: the ORM counts in id order (ORDER BY "id" LIMIT), which makes the
 * database visit row after row in key order ("alaris pcu model 8015" and authorized: 2.7 s at a
 * million devices, against 40 ms through the index).
 */
export async function countInventory(filter: InventoryFilter): Promise<BoundedTotal> {
  if (filter.known) return filter.known;
  if (filter.commonTerms && filter.equal) {
    const { commonTerms, equal } = filter;
    return boundedCount((take) => countWithSearchText(getDb(), commonTerms, equal, take));
  }
  return countDevices(filter.where);
}

const searchTerms = (q: string) => [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, MAX_TERMS);

/** The inventory's equality filters by column (the last-seen filter is a range: counted by the ORM). */
function equalFilters(p: InventoryParams): Record<string, string> {
  const columns: [string, string | undefined][] = [
    ["category", p.category], ["siteId", p.site], ["segmentId", p.segment], ["vendor", p.vendor], ["model", p.model],
    ["firmwareVersion", p.firmware], ["status", p.status], ["criticality", p.criticality], ["riskTier", p.tier],
  ];
  return Object.fromEntries(columns.filter((c): c is [string, string] => c[1] !== undefined));
}

function fieldFilters(p: InventoryParams, now: Date): Prisma.DeviceWhereInput[] {
  const and: Prisma.DeviceWhereInput[] = [];
  if (p.category) and.push({ category: p.category });
  if (p.site) and.push({ siteId: p.site });
  if (p.segment) and.push({ segmentId: p.segment });
  if (p.vendor) and.push({ vendor: p.vendor });
  if (p.model) and.push({ model: p.model });
  if (p.firmware) and.push({ firmwareVersion: p.firmware });
  if (p.status) and.push({ status: p.status });
  if (p.criticality) and.push({ criticality: p.criticality });
  if (p.tier) and.push({ riskTier: p.tier });
  if (p.seen) {
    const days = p.seen === "older" ? 30 : LAST_SEEN[p.seen];
    const since = new Date(now.getTime() - days * 86_400_000);
    and.push({ lastSeenAt: p.seen === "older" ? { lt: since } : { gte: since } });
  }
  return and;
}

type Cursor = { v: string | number; id: string };
/** Each sort's cursor value: a score, a time or a name (anything else is refused, see page-params). */
const CURSOR_VALUE = { risk: isCursorInt, lastSeen: isCursorTime, name: isCursorText, firstSeen: isCursorTime } as const;

type Dir = "asc" | "desc";
type Order = { field: string; dir: Dir; idDir: Dir };
/**
 * Each order walks one index end to end: (riskScore desc, id asc) — the same index the risk
 * ranking walks —, (lastSeenAt, id) and (firstSeenAt, id) backwards, (displayName, id) forwards.
 * The id breaks ties in the index's own direction, so no page ever sorts a run of equal values
 * (three devices in four share the score 0).
 */
export const INVENTORY_ORDER = {
  risk: { field: "riskScore", dir: "desc", idDir: "asc" },
  lastSeen: { field: "lastSeenAt", dir: "desc", idDir: "desc" },
  name: { field: "displayName", dir: "asc", idDir: "asc" },
  firstSeen: { field: "firstSeenAt", dir: "desc", idDir: "desc" },
} as const;

const reversed = (o: Order): Order => ({ field: o.field, dir: o.dir === "asc" ? "desc" : "asc", idDir: o.idDir === "asc" ? "desc" : "asc" });
/** A sort in the direction asked for: the other direction walks the same index the other way. */
export function inventoryOrder(sort: keyof typeof INVENTORY_ORDER, dir?: Dir): Order {
  const order = INVENTORY_ORDER[sort];
  return !dir || dir === order.dir ? order : reversed(order);
}

/**
 * Keyset pagination, fast at any depth: the page after (value, id) is the rest of the cursor's
 * run of equal values (value = v, id beyond: one index range), then, if the page is not full yet,
 * the values beyond v (another range). One OR of the two would make the planner walk the whole
 * run of equal values up to the cursor: three devices in four share the score 0.
 */
function afterParts({ field, dir, idDir }: Order, c: Cursor): [Prisma.DeviceWhereInput, Prisma.DeviceWhereInput] {
  const value = field.endsWith("At") ? new Date(c.v) : c.v;
  return [
    { [field]: value, id: idDir === "desc" ? { lt: c.id } : { gt: c.id } },
    { [field]: dir === "desc" ? { lt: value } : { gt: value } },
  ];
}

export const inventorySelect = {
  id: true, displayName: true, category: true, vendor: true, model: true, claimedMac: true, claimedIp: true, status: true, criticality: true,
  riskScore: true, riskTier: true, lastSeenAt: true, firstSeenAt: true, notSeenAt: true, spoofSuspected: true,
  site: { select: { name: true } }, segment: { select: { name: true, label: true } },
} as const;

/**
 * A page of the inventory: first, after or before a cursor, or the last (a page before a cursor
 * and the last page walk the order backwards). `where` when the caller has it already.
 */
export async function listDevices(p: InventoryParams, pageSize = p.size ?? INVENTORY_PAGE_SIZE, where?: Prisma.DeviceWhereInput) {
  const sort = p.sort ?? "risk";
  const at = decodePageAt<Cursor>(p.cursor, (c) => isCursorId(c.id) && CURSOR_VALUE[sort](c.v));
  const position = at ?? { from: "first" as const };
  const order = readsBackwards(position) ? reversed(inventoryOrder(sort, p.dir)) : inventoryOrder(sort, p.dir);
  const filter = where ?? (await inventoryWhere(p));
  const page = (extra: Prisma.DeviceWhereInput | null, take: number) =>
    getDb().device.findMany({ where: extra ? { AND: [filter, extra] } : filter, orderBy: [{ [order.field]: order.dir }, { id: order.idDir }], take, select: inventorySelect });
  let rows;
  if (position.from === "after" || position.from === "before") {
    const [ties, beyond] = afterParts(order, position.key);
    rows = await page(ties, pageSize + 1);
    if (rows.length <= pageSize) rows = rows.concat(await page(beyond, pageSize + 1 - rows.length));
  } else {
    rows = await page(null, pageSize + 1);
  }
  const valueOf = (d: (typeof rows)[number]) => {
    const v = (d as Record<string, unknown>)[order.field];
    return v instanceof Date ? v.toISOString() : (v as string | number);
  };
  const { rows: devices, next, previous } = keysetPage(rows, position, pageSize, (d): Cursor => ({ v: valueOf(d), id: d.id }));
  return { devices, nextCursor: next, previousCursor: previous, cursorIgnored: at === null };
}

/** How many devices match the filters, exact up to the bound (lib/db/bounded-count.ts). */
export const countDevices = (where: Prisma.DeviceWhereInput): Promise<BoundedTotal> => boundedCount((take) => getDb().device.count({ where, take }));

/**
 * Categories with their device counts from the newest tally (DailyMetric "devices.category",
 * written by lib/jobs/tally.ts): one indexed read instead of counting a million rows per page load.
 * Only a database that has never been tallied (a fresh install) counts live.
 */
async function categoryCounts(db: Db): Promise<{ category: string; count: number }[]> {
  const newest = await db.dailyMetric.findFirst({ where: { metric: "devices.category" }, orderBy: { day: "desc" }, select: { day: true } });
  if (newest) {
    const rows = await db.dailyMetric.findMany({ where: { day: newest.day, metric: "devices.category" }, select: { dimension: true, value: true }, take: 200 });
    return rows
      .filter((r) => r.dimension.startsWith("category:") && r.value > 0)
      .map((r) => ({ category: r.dimension.slice("category:".length), count: r.value }))
      .sort((a, b) => a.category.localeCompare(b.category));
  }
  const live = await db.device.groupBy({ by: ["category"], where: { status: { not: "retired" } }, _count: { _all: true }, orderBy: { category: "asc" } });
  return live.map((c) => ({ category: c.category, count: c._count._all }));
}

export async function inventoryFacets() {
  const db = getDb();
  const [sites, segments, categories] = await Promise.all([
    db.site.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db.segment.findMany({ select: { id: true, name: true, label: true, site: { select: { name: true } } }, orderBy: { name: "asc" }, take: 2000 }),
    categoryCounts(db),
  ]);
  // A segment is shown by the label an administrator gave it, else by the name its agents report.
  return { sites, segments: segments.map(({ label, ...s }) => ({ ...s, name: label ?? s.name })), categories };
}
