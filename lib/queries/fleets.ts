import "server-only";
// The Fleets view: devices grouped by what a clinical engineer patches as one unit (vendor, model,
// firmware version), with how many there are, where, their worst risk and the advisories open on them.
// Read from the counted summary (lib/jobs/fleet-summary.ts, recounted by the tally pass), never by
// grouping the devices per request: at a million devices that took longer than the page may.
import { z } from "zod";
import { getDb, SQLITE_IN_LIST_MAX, type Prisma } from "../db/client";
import { FLEET_SORTS, fleetAdvisories, mergeFleetRows, orderFleets } from "../domain/fleets/fleet-merge";
import { tierOf } from "../domain/risk/risk-model";
import { optionalParam, pageSizeParam, parseSearchParams, refusedParams, type SearchParams } from "./page-params";

export { FLEET_SORTS };
export const FLEET_PAGE_SIZE = 25;
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

/**
 * A page of fleets, the number of fleets, the page count, the vendors among the fleets (the vendor
 * filter's choices, read from the same rows rather than another scan), and when they were counted:
 * `countedAt` null with `uncounted` true is a server that has devices but has not counted them yet
 * (its first tally pass is still to come), not an empty estate.
 */
export type FleetPage = { fleets: Fleet[]; total: number; pages: number; page: number; vendors: string[]; countedAt: Date | null; uncounted: boolean };

function summaryWhere(p: FleetParams): Prisma.FleetSummaryWhereInput {
  const where: Prisma.FleetSummaryWhereInput = {};
  if (p.site) where.siteId = p.site;
  if (p.vendor) where.vendor = p.vendor;
  if (p.category) where.category = p.category;
  return where;
}

/** Site names by id, for the sites of a page's fleets. */
async function siteNames(ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += SQLITE_IN_LIST_MAX) {
    const sites = await getDb().site.findMany({ where: { id: { in: ids.slice(i, i + SQLITE_IN_LIST_MAX) } }, select: { id: true, name: true } });
    for (const s of sites) names.set(s.id, s.name);
  }
  return names;
}

/** When the summary was last counted (every row of one recount carries its time), or null before the first. */
async function countedAt(): Promise<Date | null> {
  return (await getDb().fleetSummary.findFirst({ select: { refreshedAt: true } }))?.refreshedAt ?? null;
}

/** Whether any device is in the estate: told apart from "not counted yet" only when the summary is empty. */
async function anyDevice(): Promise<boolean> {
  return (await getDb().device.findFirst({ where: { status: { not: "retired" } }, select: { id: true } })) !== null;
}

/** A page of fleets, merged from the summary's rows that match the filters, ordered and paged here. */
export async function listFleets(p: FleetParams, pageSize = p.size ?? FLEET_PAGE_SIZE): Promise<FleetPage> {
  const db = getDb();
  const [rows, at] = await Promise.all([
    db.fleetSummary.findMany({
      where: summaryWhere(p),
      select: { vendor: true, model: true, firmwareVersion: true, siteId: true, devices: true, worstScore: true, advisoryIds: true },
    }),
    countedAt(),
  ]);
  const uncounted = at === null && (await anyDevice());
  const all = orderFleets(mergeFleetRows(rows), p.sort ?? "count", p.dir ?? "desc");
  const vendors = [...new Set(all.map((f) => f.vendor).filter((v): v is string => !!v))].sort();
  const pages = Math.max(1, Math.ceil(all.length / pageSize));
  const page = Math.min(p.page ?? 1, pages);
  const slice = all.slice((page - 1) * pageSize, page * pageSize);
  const names = await siteNames([...new Set(slice.flatMap((f) => f.siteIds))]);
  const fleets = slice.map(({ siteIds, advisoryLists, ...f }) => ({
    ...f,
    worstTier: tierOf(f.worstScore),
    sites: siteIds.map((id) => names.get(id)).filter((n): n is string => !!n).sort(),
    openAdvisories: fleetAdvisories(advisoryLists).length,
  }));
  return { fleets, total: all.length, pages, page, vendors, countedAt: at, uncounted };
}
