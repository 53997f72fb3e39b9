import "server-only";
import { z } from "zod";
import { getDb, type Db, type Prisma } from "../db/client";
import { devicesWithSearchText, literalTextWhere } from "../db/device-search";
import { cursorIgnored, decodeCursor, encodeCursor, isCursorId, isCursorInt, isCursorText, isCursorTime, optionalParam, parseSearchParams, type SearchParams } from "./page-params";
import { normalizeMac } from "../domain/identity/mac";
import { CRITICALITIES, DEVICE_STATUSES, RISK_TIERS } from "../domain/words/vocabulary";

export const INVENTORY_PAGE_SIZE = 50;
const SORTS = ["risk", "lastSeen", "name", "firstSeen"] as const;
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
  sort: optionalParam(z.enum(SORTS)).catch(undefined),
  // A name-sorted cursor carries the name itself (agents may send 255 characters), base64url-encoded.
  cursor: optionalParam(z.string().max(1200)).catch(undefined),
});
export type InventoryParams = z.infer<typeof inventoryParams>;

export const parseInventoryParams = (search: SearchParams): InventoryParams => parseSearchParams(inventoryParams, search);

/** At most this many devices found through the trigram index are handed over as an id list. */
export const SEARCH_CANDIDATES = 5000;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/**
 * Ids of the devices whose searchText contains `needle`, through the trigram index
 * (lib/db/device-search.ts), or null when more than SEARCH_CANDIDATES match (a common term:
 * walking the sort order finds a page sooner).
 */
export async function searchCandidates(needle: string, limit = SEARCH_CANDIDATES, db: Db = getDb()): Promise<string[] | null> {
  const ids = await devicesWithSearchText(db, needle, limit + 1);
  return ids.length > limit ? null : ids;
}

/**
 * The search box: name, MAC (any spelling), IP, serial, vendor or model, never a full scan.
 * A whole MAC or IP answers from its column's index; other terms of three characters or more
 * from the trigram index when they are rare, else by walking the sort order (a common term
 * fills a page within the first rows walked).
 */
async function searchWhere(q: string): Promise<Prisma.DeviceWhereInput> {
  const mac = normalizeMac(q);
  if (mac) return { claimedMac: mac };
  const needle = q.toLowerCase();
  if (IPV4.test(needle)) return { claimedIp: needle };
  // Trigram indexes need three characters in a row (and no LIKE wildcard among them).
  if (/[^%_]{3}/.test(needle)) {
    const ids = await searchCandidates(needle);
    if (ids) return { id: { in: ids } };
  }
  // % and _ are the characters themselves, not wildcards.
  return literalTextWhere(getDb(), needle, SEARCH_CANDIDATES);
}

export async function inventoryWhere(p: InventoryParams, now = new Date()): Promise<Prisma.DeviceWhereInput> {
  const and: Prisma.DeviceWhereInput[] = [];
  if (p.q) and.push(await searchWhere(p.q));
  if (p.category) and.push({ category: p.category });
  if (p.site) and.push({ siteId: p.site });
  if (p.segment) and.push({ segmentId: p.segment });
  if (p.vendor) and.push({ vendor: p.vendor });
  if (p.status) and.push({ status: p.status });
  if (p.criticality) and.push({ criticality: p.criticality });
  if (p.tier) and.push({ riskTier: p.tier });
  if (p.seen) {
    const days = p.seen === "older" ? 30 : LAST_SEEN[p.seen];
    const since = new Date(now.getTime() - days * 86_400_000);
    and.push({ lastSeenAt: p.seen === "older" ? { lt: since } : { gte: since } });
  }
  return and.length ? { AND: and } : {};
}

type Cursor = { v: string | number; id: string };
/** Each sort's cursor value: a score, a time or a name (anything else is refused, see page-params). */
const CURSOR_VALUE = { risk: isCursorInt, lastSeen: isCursorTime, name: isCursorText, firstSeen: isCursorTime } as const;
const decode = (raw: string | undefined, sort: keyof typeof CURSOR_VALUE) => decodeCursor<Cursor>(raw, (c) => isCursorId(c.id) && CURSOR_VALUE[sort](c.v));

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

/**
 * Keyset pagination, fast at any depth: the page after (value, id) is the rest of the cursor's
 * run of equal values (value = v, id beyond: one index range), then, if the page is not full yet,
 * the values beyond v (another range). One OR of the two would make the planner walk the whole
 * run of equal values up to the cursor: three devices in four share the score 0.
 */
function afterParts(sort: keyof typeof INVENTORY_ORDER, c: Cursor): [Prisma.DeviceWhereInput, Prisma.DeviceWhereInput] {
  const { field, dir, idDir } = INVENTORY_ORDER[sort];
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

export async function listDevices(p: InventoryParams, pageSize = INVENTORY_PAGE_SIZE) {
  const sort = p.sort ?? "risk";
  const { field, dir, idDir } = INVENTORY_ORDER[sort];
  const cursor = decode(p.cursor, sort);
  const where = await inventoryWhere(p);
  const page = (extra: Prisma.DeviceWhereInput | null, take: number) =>
    getDb().device.findMany({ where: extra ? { AND: [where, extra] } : where, orderBy: [{ [field]: dir }, { id: idDir }], take, select: inventorySelect });
  let rows;
  if (cursor) {
    const [ties, beyond] = afterParts(sort, cursor);
    rows = await page(ties, pageSize + 1);
    if (rows.length <= pageSize) rows = rows.concat(await page(beyond, pageSize + 1 - rows.length));
  } else {
    rows = await page(null, pageSize + 1);
  }
  const devices = rows.slice(0, pageSize);
  const last = devices.at(-1);
  const lastValue = last ? (last as Record<string, unknown>)[field] : undefined;
  const next = rows.length > pageSize && last ? encodeCursor({ v: lastValue instanceof Date ? lastValue.toISOString() : (lastValue as string | number), id: last.id }) : undefined;
  return { devices, nextCursor: next, cursorIgnored: cursorIgnored(p.cursor, cursor) };
}

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
