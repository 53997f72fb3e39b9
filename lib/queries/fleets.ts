import "server-only";
// The Fleets view: devices grouped by what a clinical engineer patches as one unit (vendor, model,
// firmware version), with how many there are, where, their worst risk and the advisories open on them.
import { z } from "zod";
import { getDb, type Prisma } from "../db/client";
import { tierOf } from "../domain/risk/risk-model";
import { optionalParam, pageSizeParam, parseSearchParams, refusedParams, type SearchParams } from "./page-params";

export const FLEET_PAGE_SIZE = 25;
export const FLEET_SORTS = ["count", "risk"] as const;
/** Past this page the list is cut (a typed URL asking for page 10⁹ gets an empty page, not a 500). */
const MAX_PAGE = 100_000;

/** The view's URL parameters; anything unexpected is ignored and said (refusedFleetParams). */
export const fleetParams = z.object({
  site: optionalParam(z.string().max(40)).catch(undefined),
  vendor: optionalParam(z.string().max(128)).catch(undefined),
  category: optionalParam(z.string().max(40)).catch(undefined),
  sort: optionalParam(z.enum(FLEET_SORTS)).catch(undefined),
  dir: optionalParam(z.enum(["asc", "desc"])).catch(undefined),
  size: pageSizeParam,
  page: optionalParam(z.coerce.number().int().min(1).max(MAX_PAGE)).catch(undefined),
});
export type FleetParams = z.infer<typeof fleetParams>;

export const parseFleetParams = (search: SearchParams): FleetParams => parseSearchParams(fleetParams, search);
export const refusedFleetParams = (search: SearchParams, p: FleetParams) => refusedParams(fleetParams, search, p, []);

export type Fleet = {
  vendor: string | null;
  model: string | null;
  firmwareVersion: string | null;
  count: number;
  worstScore: number;
  worstTier: string;
  sites: string[];
  openAdvisories: number;
};

function fleetWhere(p: FleetParams): Prisma.DeviceWhereInput {
  const and: Prisma.DeviceWhereInput[] = [{ status: { not: "retired" } }];
  if (p.site) and.push({ siteId: p.site });
  if (p.vendor) and.push({ vendor: p.vendor });
  if (p.category) and.push({ category: p.category });
  return { AND: and };
}

type Group = { vendor: string | null; model: string | null; firmwareVersion: string | null; count: number; worstScore: number };
const key = (g: { vendor: string | null; model: string | null; firmwareVersion: string | null }) => JSON.stringify([g.vendor, g.model, g.firmwareVersion]);
const text = (v: string | null) => v ?? "";

/** Groups in the order asked for; ties by vendor, model, firmware so pages never overlap. */
function orderGroups(groups: Group[], sort: (typeof FLEET_SORTS)[number], dir: "asc" | "desc"): Group[] {
  const sign = dir === "asc" ? 1 : -1;
  const value = (g: Group) => (sort === "risk" ? g.worstScore : g.count);
  return groups.sort((a, b) => sign * (value(a) - value(b)) || text(a.vendor).localeCompare(text(b.vendor)) || text(a.model).localeCompare(text(b.model)) || text(a.firmwareVersion).localeCompare(text(b.firmwareVersion)));
}

/**
 * Every fleet's count and worst score: one GROUP BY on the (vendor, model, firmwareVersion,
 * status, riskScore) index. The groups are few (a hospital has hundreds of models, not millions),
 * so they are ordered and paged here, by page number.
 */
async function allGroups(where: Prisma.DeviceWhereInput): Promise<Group[]> {
  const rows = await getDb().device.groupBy({ by: ["vendor", "model", "firmwareVersion"], where, _count: { _all: true }, _max: { riskScore: true } });
  return rows.map((r) => ({ vendor: r.vendor, model: r.model, firmwareVersion: r.firmwareVersion, count: r._count._all, worstScore: r._max.riskScore ?? 0 }));
}

const groupWhere = (g: Group): Prisma.DeviceWhereInput => ({ vendor: g.vendor, model: g.model, firmwareVersion: g.firmwareVersion });

/** The sites of the page's fleets, by name: one read of (fleet, site) pairs and the site names. */
async function sitesOf(groups: Group[], where: Prisma.DeviceWhereInput): Promise<Map<string, string[]>> {
  const db = getDb();
  const pairs = await db.device.groupBy({ by: ["vendor", "model", "firmwareVersion", "siteId"], where: { AND: [where, { OR: groups.map(groupWhere) }] } });
  const ids = [...new Set(pairs.map((p) => p.siteId).filter((s): s is string => !!s))];
  const names = new Map((await db.site.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  const out = new Map<string, string[]>();
  for (const p of pairs) {
    const name = p.siteId ? names.get(p.siteId) : undefined;
    if (name) out.set(key(p), [...(out.get(key(p)) ?? []), name].sort());
  }
  return out;
}

/** How many distinct advisories have a match still open on a device of the fleet. */
async function openAdvisories(g: Group, where: Prisma.DeviceWhereInput): Promise<number> {
  const rows = await getDb().deviceVulnerability.findMany({
    where: { advisoryId: { not: null }, device: { AND: [where, groupWhere(g)] } },
    distinct: ["advisoryId"],
    select: { advisoryId: true },
    take: 1000,
  });
  return rows.length;
}

/** A page of fleets, the number of fleets, and the page count. */
export type FleetPage = { fleets: Fleet[]; total: number; pages: number; page: number; vendors: string[] };

/**
 * A page of fleets, how many fleets and pages there are, and the vendors among the fleets (the
 * vendor filter's choices, read from the same groups rather than another scan).
 */
export async function listFleets(p: FleetParams, pageSize = p.size ?? FLEET_PAGE_SIZE): Promise<FleetPage> {
  const where = fleetWhere(p);
  const groups = orderGroups(await allGroups(where), p.sort ?? "count", p.dir ?? "desc");
  const vendors = [...new Set(groups.map((g) => g.vendor).filter((v): v is string => !!v))].sort();
  const pages = Math.max(1, Math.ceil(groups.length / pageSize));
  const page = Math.min(p.page ?? 1, pages);
  const slice = groups.slice((page - 1) * pageSize, page * pageSize);
  if (!slice.length) return { fleets: [], total: groups.length, pages, page, vendors };
  const [sites, advisories] = await Promise.all([sitesOf(slice, where), Promise.all(slice.map((g) => openAdvisories(g, where)))]);
  const fleets = slice.map((g, i) => ({ ...g, worstTier: tierOf(g.worstScore), sites: sites.get(key(g)) ?? [], openAdvisories: advisories[i] }));
  return { fleets, total: groups.length, pages, page, vendors };
}
