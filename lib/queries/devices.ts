import "server-only";
import { z } from "zod";
import { getDb, type Prisma } from "../db/client";
import { normalizeMac } from "../domain/mac";
import { CRITICALITIES, DEVICE_STATUSES, RISK_TIERS } from "../domain/vocabulary";

export const INVENTORY_PAGE_SIZE = 50;
const SORTS = ["risk", "lastSeen", "name", "firstSeen"] as const;
const LAST_SEEN = { "24h": 1, "7d": 7, "30d": 30 } as const;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

/** The inventory's filters as they appear in the URL; anything unexpected is ignored, not fatal. */
export const inventoryParams = z.object({
  q: optional(z.string().trim().max(100)).catch(undefined),
  category: optional(z.string().max(40)).catch(undefined),
  site: optional(z.string().max(40)).catch(undefined),
  segment: optional(z.string().max(40)).catch(undefined),
  vendor: optional(z.string().max(128)).catch(undefined),
  status: optional(z.enum(DEVICE_STATUSES)).catch(undefined),
  criticality: optional(z.enum(CRITICALITIES)).catch(undefined),
  tier: optional(z.enum(RISK_TIERS)).catch(undefined),
  seen: optional(z.enum(["24h", "7d", "30d", "older"])).catch(undefined),
  sort: optional(z.enum(SORTS)).catch(undefined),
  cursor: optional(z.string().max(200)).catch(undefined),
});
export type InventoryParams = z.infer<typeof inventoryParams>;

export function parseInventoryParams(search: Record<string, string | string[] | undefined>): InventoryParams {
  const flat = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return inventoryParams.parse(flat);
}

function searchWhere(q: string): Prisma.DeviceWhereInput {
  const needle = (normalizeMac(q) ?? q).toLowerCase();
  return { searchText: { contains: needle } };
}

export function inventoryWhere(p: InventoryParams, now = new Date()): Prisma.DeviceWhereInput {
  const and: Prisma.DeviceWhereInput[] = [];
  if (p.q) and.push(searchWhere(p.q));
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
const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decode(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString()) as Cursor;
    return typeof c.id === "string" && (typeof c.v === "string" || typeof c.v === "number") ? c : null;
  } catch {
    return null;
  }
}

const SORT_FIELDS = {
  risk: { field: "riskScore", dir: "desc" },
  lastSeen: { field: "lastSeenAt", dir: "desc" },
  name: { field: "displayName", dir: "asc" },
  firstSeen: { field: "firstSeenAt", dir: "desc" },
} as const;

/** Keyset pagination: the page after (value, id) in the chosen order, fast at any depth. */
function after(sort: keyof typeof SORT_FIELDS, c: Cursor): Prisma.DeviceWhereInput {
  const { field, dir } = SORT_FIELDS[sort];
  const value = field.endsWith("At") ? new Date(c.v) : c.v;
  const beyond = dir === "desc" ? { lt: value } : { gt: value };
  const idBeyond = dir === "desc" ? { lt: c.id } : { gt: c.id };
  return { OR: [{ [field]: beyond }, { [field]: value, id: idBeyond }] };
}

export const inventorySelect = {
  id: true, displayName: true, category: true, vendor: true, model: true, claimedMac: true, claimedIp: true, status: true, criticality: true,
  riskScore: true, riskTier: true, lastSeenAt: true, firstSeenAt: true, notSeenAt: true, spoofSuspected: true,
  site: { select: { name: true } }, segment: { select: { name: true } },
} as const;

export async function listDevices(p: InventoryParams, pageSize = INVENTORY_PAGE_SIZE) {
  const sort = p.sort ?? "risk";
  const { field, dir } = SORT_FIELDS[sort];
  const cursor = decode(p.cursor);
  const where = inventoryWhere(p);
  const rows = await getDb().device.findMany({
    where: cursor ? { AND: [where, after(sort, cursor)] } : where,
    orderBy: [{ [field]: dir }, { id: dir }],
    take: pageSize + 1,
    select: inventorySelect,
  });
  const devices = rows.slice(0, pageSize);
  const last = devices.at(-1);
  const lastValue = last ? (last as Record<string, unknown>)[field] : undefined;
  const next = rows.length > pageSize && last ? encode({ v: lastValue instanceof Date ? lastValue.toISOString() : (lastValue as string | number), id: last.id }) : undefined;
  return { devices, nextCursor: next };
}

export async function inventoryFacets() {
  const db = getDb();
  const [sites, segments, categories] = await Promise.all([
    db.site.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db.segment.findMany({ select: { id: true, name: true, site: { select: { name: true } } }, orderBy: { name: "asc" }, take: 2000 }),
    db.device.groupBy({ by: ["category"], _count: { _all: true }, orderBy: { category: "asc" } }),
  ]);
  return { sites, segments, categories: categories.map((c) => ({ category: c.category, count: c._count._all })) };
}
