// The tally's metrics: the counts the overview and the CISO report show, by name, and how each is
// counted from the estate's groups. Pure: lib/db/estate-counts.ts counts the groups,
// lib/jobs/tally.ts stores the metrics as today's DailyMetric rows, lib/queries/tally-counts.ts
// reads them back.
//
// Metrics (value = a count; dimension "" = the whole estate, "site:<id>" = one site):
//   devices.total, devices.unauthorized, devices.spoofed, devices.tier.<tier>, devices.kev,
//   devices.new (first seen that day)                              [estate and per site]
//   devices.category          category:<category>
//   devices.coverage          agent:<agentId> (Device.lastAgentId), segment:<segmentId>
//   alerts.open               "" and kind:<kind> (not resolved)
//   alerts.opened             alerts first raised that day
//   matches.possible          possible matches (needs_review) of devices not retired, awaiting a person
//   assets.entries            register entries not retired (Asset); assets.reconciled, assets.mismatched,
//   assets.missing            those entries by their reconciliation state
//   assets.shadow             devices not retired that no register lists (no DeviceRegisterLink)
//   tally.refreshedAt         epoch milliseconds of the refresh
// The rows "observations", "devices.seen" and "retention.rolled_up" belong to lib/jobs/retention.ts.
import { RISK_TIERS } from "./vocabulary";

/** Metrics written for the estate and for each site (always present for the estate, zeros included). */
const SITE_METRICS = [
  "devices.total",
  "devices.unauthorized",
  "devices.spoofed",
  "devices.tier.critical",
  "devices.tier.high",
  "devices.tier.medium",
  "devices.tier.low",
  "devices.kev",
  "devices.new",
] as const;

/** The asset register's reconciliation, for the estate (always present, zeros included). */
export const ASSET_METRICS = ["assets.entries", "assets.reconciled", "assets.mismatched", "assets.missing", "assets.shadow"] as const;

/** Every metric of the tally: a refresh replaces today's rows of exactly these. */
export const TALLY_METRICS = [...SITE_METRICS, "devices.category", "devices.coverage", "alerts.open", "alerts.opened", "matches.possible", ...ASSET_METRICS, "tally.refreshedAt"] as const;
export type TallyMetric = (typeof TALLY_METRICS)[number];

/** The tally's day of a moment: "YYYY-MM-DD", UTC. */
export const tallyDay = (d: Date) => d.toISOString().slice(0, 10);

/** The tally's day of `now` and its bounds, [start, end). */
export function tallyDayRange(now: Date): { day: string; start: Date; end: Date } {
  const day = tallyDay(now);
  const start = new Date(`${day}T00:00:00Z`);
  return { day, start, end: new Date(start.getTime() + 86_400_000) };
}

/** Devices counted per (site, status, tier, spoof, category, agent, segment). */
/** `shadow`: in no asset register (no DeviceRegisterLink). */
export type DeviceGroup = { siteId: string | null; status: string; riskTier: string; spoofSuspected: boolean; category: string; lastAgentId: string | null; segmentId: string | null; shadow?: boolean; n: number };
export type SiteCount = { siteId: string | null; n: number };
/**
 * What the tally is counted from: devices in groups, KEV-exposed and new devices per site, alerts,
 * possible matches, and register entries per reconciliation state (retired entries left out).
 */
export type EstateCounts = {
  devices: DeviceGroup[]; kev: SiteCount[]; fresh: SiteCount[]; openAlerts: { kind: string; n: number }[]; opened: number; possibleMatches: number;
  assets?: { state: string; n: number }[];
};
export type MetricValue = { day: string; metric: string; dimension: string; value: number };

class Counter {
  private readonly values = new Map<string, number>();
  add(metric: string, dimension: string, value: number) {
    const key = `${metric}\u0000${dimension}`;
    this.values.set(key, (this.values.get(key) ?? 0) + value);
  }
  rows(day: string): MetricValue[] {
    return [...this.values].map(([key, value]) => {
      const [metric, dimension] = key.split("\u0000");
      return { day, metric, dimension, value };
    });
  }
}

/** Per-device metrics, for the estate and the device's site; retired devices count only as unauthorized (if they were). */
function countDevices(c: Counter, devices: DeviceGroup[], sites: Set<string>) {
  const perSite = (metric: string, siteId: string | null, value: number) => {
    c.add(metric, "", value);
    if (siteId) c.add(metric, `site:${siteId}`, value);
  };
  for (const g of devices) {
    if (g.siteId) sites.add(g.siteId);
    if (g.status === "unauthorized") perSite("devices.unauthorized", g.siteId, g.n);
    if (g.status === "retired") continue;
    perSite("devices.total", g.siteId, g.n);
    if ((RISK_TIERS as readonly string[]).includes(g.riskTier)) perSite(`devices.tier.${g.riskTier}`, g.siteId, g.n);
    if (g.spoofSuspected) perSite("devices.spoofed", g.siteId, g.n);
    if (g.shadow) c.add("assets.shadow", "", g.n);
    c.add("devices.category", `category:${g.category}`, g.n);
    if (g.lastAgentId) c.add("devices.coverage", `agent:${g.lastAgentId}`, g.n);
    if (g.segmentId) c.add("devices.coverage", `segment:${g.segmentId}`, g.n);
  }
  return perSite;
}

/** Today's tally rows from the estate's counts, `now` recorded as tally.refreshedAt. */
export function tallyRows(counts: EstateCounts, day: string, now: Date): MetricValue[] {
  const c = new Counter();
  for (const metric of [...SITE_METRICS, ...ASSET_METRICS, "alerts.open", "alerts.opened"]) c.add(metric, "", 0);
  const sites = new Set<string>();
  const perSite = countDevices(c, counts.devices, sites);
  for (const g of counts.kev) {
    if (g.siteId) sites.add(g.siteId);
    perSite("devices.kev", g.siteId, g.n);
  }
  for (const g of counts.fresh) {
    if (g.siteId) sites.add(g.siteId);
    perSite("devices.new", g.siteId, g.n);
  }
  // Every site with devices has every site metric, zeros included, so a chart per site has no gaps.
  for (const site of sites) for (const metric of SITE_METRICS) c.add(metric, `site:${site}`, 0);
  for (const g of counts.openAlerts) {
    c.add("alerts.open", "", g.n);
    c.add("alerts.open", `kind:${g.kind}`, g.n);
  }
  c.add("alerts.opened", "", counts.opened);
  c.add("matches.possible", "", counts.possibleMatches);
  for (const a of counts.assets ?? []) {
    if (a.state === "retired") continue;
    c.add("assets.entries", "", a.n);
    if (a.state === "reconciled" || a.state === "mismatched" || a.state === "missing") c.add(`assets.${a.state}`, "", a.n);
  }
  c.add("tally.refreshedAt", "", now.getTime());
  return c.rows(day);
}
