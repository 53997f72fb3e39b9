// Fleets from their counted parts: the fleet summary (lib/jobs/fleet-summary.ts) keeps one row per
// (vendor, model, firmware, site, category) so the view can filter by site and category; a fleet
// is what a clinical engineer patches as one unit (vendor, model, firmware), so the view merges
// its rows here: devices summed, the worst score the highest, sites and advisories united.

/** One counted row, as the summary stores it (advisoryIds: a JSON list of advisory ids). */
export type FleetSummaryRow = {
  vendor: string | null;
  model: string | null;
  firmwareVersion: string | null;
  siteId: string | null;
  devices: number;
  worstScore: number;
  advisoryIds: string;
};

/** One fleet, merged from its rows. Advisory lists stay JSON text until a page shows the fleet. */
export type MergedFleet = {
  vendor: string | null;
  model: string | null;
  firmwareVersion: string | null;
  count: number;
  worstScore: number;
  siteIds: string[];
  advisoryLists: string[];
};

export const FLEET_SORTS = ["count", "risk"] as const;
export type FleetSort = (typeof FLEET_SORTS)[number];

export const fleetKey = (f: { vendor: string | null; model: string | null; firmwareVersion: string | null }) => JSON.stringify([f.vendor, f.model, f.firmwareVersion]);

/** Rows merged into fleets, in no particular order. */
export function mergeFleetRows(rows: FleetSummaryRow[]): MergedFleet[] {
  const fleets = new Map<string, MergedFleet>();
  for (const r of rows) {
    const k = fleetKey(r);
    let f = fleets.get(k);
    if (!f) fleets.set(k, (f = { vendor: r.vendor, model: r.model, firmwareVersion: r.firmwareVersion, count: 0, worstScore: 0, siteIds: [], advisoryLists: [] }));
    f.count += r.devices;
    f.worstScore = Math.max(f.worstScore, r.worstScore);
    if (r.siteId && !f.siteIds.includes(r.siteId)) f.siteIds.push(r.siteId);
    if (r.advisoryIds !== "[]") f.advisoryLists.push(r.advisoryIds);
  }
  return [...fleets.values()];
}

const text = (v: string | null) => v ?? "";

/** Fleets in the order asked for; ties by vendor, model, firmware so pages never overlap. */
export function orderFleets<F extends MergedFleet>(fleets: F[], sort: FleetSort, dir: "asc" | "desc"): F[] {
  const sign = dir === "asc" ? 1 : -1;
  const value = (f: F) => (sort === "risk" ? f.worstScore : f.count);
  return fleets.sort(
    (a, b) =>
      sign * (value(a) - value(b)) ||
      text(a.vendor).localeCompare(text(b.vendor)) ||
      text(a.model).localeCompare(text(b.model)) ||
      text(a.firmwareVersion).localeCompare(text(b.firmwareVersion)),
  );
}

/** The distinct advisory ids in a fleet's lists; a list that is not a JSON list of strings adds none. */
export function fleetAdvisories(lists: string[]): string[] {
  const ids = new Set<string>();
  for (const list of lists) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(list);
    } catch {
      continue;
    }
    if (Array.isArray(parsed)) for (const id of parsed) if (typeof id === "string") ids.add(id);
  }
  return [...ids].sort();
}
