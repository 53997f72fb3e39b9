import "server-only";
// Everything the CISO report shows, for a period and an optional site. Counts and trends come from
// the precomputed tally (DailyMetric, written by lib/jobs/tally.ts); the rest are short, index-backed
// reads: the top of the risk index, KEV matches from the KEV side, alerts in the period through
// their firstAt index (counted, and a bounded sample timed), running acceptances through their expiry index, agents
// and segments by primary key.
import { getDb, readAtOneMoment, type Db, type Prisma } from "../db/client";
import { riskiestKevDeviceIds } from "../db/kev-devices";
import { ASSET_METRICS } from "../domain/words/tally-metrics";
import { changeControl } from "./changes";
import {
  TREND_METRICS, parseCisoReportPeriod, parseCisoReportParams, responseTimes, shapeTrend,
  type AssetInventory, type CisoReport, type CisoReportDevice, type CisoReportParams, type TrendMetric,
} from "../domain/risk/ciso-report-figures";

export const TOP_DEVICES = 10;
export const ACCEPTED_LIMIT = 200;
/** Alerts read to compute MTTA / MTTR; a busier period is measured on its most recently raised ones (its counts are exact). */
export const RESPONSE_SAMPLE = 2_000;
const COVERAGE_LIMIT = 500;

export { parseCisoReportParams };

export async function listSites(db: Db = getDb()) {
  return db.site.findMany({ orderBy: { name: "asc" }, take: 500, select: { id: true, name: true } });
}

const dimensionOf = (siteId: string | undefined) => (siteId ? `site:${siteId}` : "");

/** The trend rows of the period: at most 9 metrics × 366 days, from the (metric, day) index. */
async function trendRows(db: Db, fromDay: string, toDay: string, dimension: string) {
  return db.dailyMetric.findMany({
    where: { metric: { in: [...TREND_METRICS] }, dimension, day: { gte: fromDay, lte: toDay } },
    select: { day: true, metric: true, value: true },
  });
}

/** The counts of the newest tally day up to the period's end (today's rows are the current tally). */
async function countsAsOf(db: Db, toDay: string, dimension: string) {
  const newest = await db.dailyMetric.findFirst({ where: { metric: "devices.total", dimension, day: { lte: toDay } }, orderBy: { day: "desc" }, select: { day: true } });
  const empty = Object.fromEntries(TREND_METRICS.map((m) => [m, null])) as Record<TrendMetric, number | null>;
  if (!newest) return { day: null, refreshedAt: null, counts: empty };
  const rows = await db.dailyMetric.findMany({
    where: { day: newest.day, OR: [{ metric: { in: [...TREND_METRICS] }, dimension }, { metric: "tally.refreshedAt", dimension: "" }] },
    select: { metric: true, dimension: true, value: true },
  });
  const value = (metric: string, dim: string) => rows.find((r) => r.metric === metric && r.dimension === dim)?.value ?? null;
  const refreshed = value("tally.refreshedAt", "");
  return {
    day: newest.day,
    refreshedAt: refreshed === null ? null : new Date(refreshed),
    counts: Object.fromEntries(TREND_METRICS.map((m) => [m, value(m, dimension)])) as Record<TrendMetric, number | null>,
  };
}

const DEVICE_SELECT = {
  id: true, displayName: true, category: true, criticality: true, riskScore: true, riskTier: true, status: true, spoofSuspected: true,
  site: { select: { name: true } }, segment: { select: { name: true, label: true } },
} as const;
type DeviceRow = Prisma.DeviceGetPayload<{ select: typeof DEVICE_SELECT }>;
const toCisoReportDevice = ({ site, segment, ...d }: DeviceRow): CisoReportDevice => ({ ...d, where: [site?.name, segment?.label ?? segment?.name].filter(Boolean).join(" / ") });

const liveDevices = (siteId: string | undefined): Prisma.DeviceWhereInput => ({ status: { not: "retired" }, ...(siteId ? { siteId } : {}) });
const kevAffected = { status: "affected", vulnerability: { kev: true } } satisfies Prisma.DeviceVulnerabilityWhereInput;

/** The riskiest devices, walking the (riskScore desc, id) index; a score of 0 is no risk to rank, so fewer may come back. */
async function topDevices(db: Db, siteId: string | undefined) {
  const rows = await db.device.findMany({ where: { ...liveDevices(siteId), riskScore: { gt: 0 } }, orderBy: [{ riskScore: "desc" }, { id: "asc" }], take: TOP_DEVICES, select: DEVICE_SELECT });
  return rows.map(toCisoReportDevice);
}

/**
 * The riskiest devices with a known exploited vulnerability, with their KEV CVE ids. Driven from
 * the KEV side (Vulnerability kev index → DeviceVulnerability by vulnerability → Device by id),
 * so its cost follows the number of KEV matches, never the size of the inventory; skipped when
 * the tally says no device is exposed.
 */
async function kevDevices(db: Db, siteId: string | undefined, exposed: number | null) {
  if (exposed === 0) return [];
  const found = await riskiestKevDeviceIds(db, siteId, TOP_DEVICES);
  if (!found.length) return [];
  const rows = await db.device.findMany({
    where: { id: { in: found } },
    select: { ...DEVICE_SELECT, vulnerabilities: { where: kevAffected, select: { vulnerabilityId: true }, orderBy: { vulnerabilityId: "asc" }, take: 20 } },
  });
  const byId = new Map(rows.map(({ vulnerabilities, ...d }) => [d.id, { ...toCisoReportDevice(d), cves: [...new Set(vulnerabilities.map((v) => v.vulnerabilityId))] }]));
  return found.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The alert figures, read together at one moment: every alert raised in the period counted (all,
 * not acknowledged, not resolved), the alerts open now (raised at any time), and MTTA / MTTR
 * measured on the most recently raised RESPONSE_SAMPLE of the period's alerts.
 */
async function alertResponse(db: Db, start: Date, end: Date, siteId: string | undefined) {
  const scope: Prisma.AlertWhereInput = siteId ? { OR: [{ device: { siteId } }, { deviceId: null, agent: { siteId } }] } : {};
  const raised: Prisma.AlertWhereInput = { firstAt: { gte: start, lt: end }, ...scope };
  const [samples, all, notAcknowledged, notResolved, openNow] = await readAtOneMoment(db, (tx) =>
    Promise.all([
      tx.alert.findMany({ where: raised, orderBy: { firstAt: "desc" }, take: RESPONSE_SAMPLE, select: { firstAt: true, acknowledgedAt: true, resolvedAt: true } }),
      tx.alert.count({ where: raised }),
      tx.alert.count({ where: { ...raised, acknowledgedAt: null, resolvedAt: null } }),
      tx.alert.count({ where: { ...raised, resolvedAt: null } }),
      tx.alert.count({ where: { status: { not: "resolved" }, ...scope } }),
    ]),
  );
  const times = responseTimes(samples);
  return {
    response: { ...times, alerts: all, stillOpen: notAcknowledged, unresolved: notResolved, sampled: all > samples.length ? { measured: samples.length, of: all } : null },
    openNow,
  };
}

/** Acceptances running now, soonest expiry first, through the expiry index. */
async function acceptedRisks(db: Db, siteId: string | undefined, now: Date) {
  const where: Prisma.RiskAcceptanceWhereInput = { revokedAt: null, expiresAt: { gt: now }, ...(siteId ? { device: { siteId } } : {}) };
  const [rows, total] = await Promise.all([
    db.riskAcceptance.findMany({
      where, orderBy: [{ expiresAt: "asc" }, { id: "asc" }], take: ACCEPTED_LIMIT,
      select: { id: true, owner: true, reason: true, expiresAt: true, createdAt: true, device: { select: { id: true, displayName: true } }, acceptedBy: { select: { email: true, name: true } } },
    }),
    db.riskAcceptance.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({ id: r.id, deviceId: r.device.id, device: r.device.displayName, owner: r.owner, reason: r.reason, acceptedBy: r.acceptedBy.name ?? r.acceptedBy.email, acceptedAt: r.createdAt, expiresAt: r.expiresAt })),
  };
}

/** Devices per agent and per segment from the tally (by primary key), beside every agent's last report. */
async function coverage(db: Db, day: string | null, siteId: string | undefined) {
  const [agents, segments] = await Promise.all([
    db.agent.findMany({ where: siteId ? { siteId } : {}, orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }], take: COVERAGE_LIMIT, select: { id: true, name: true, lastSeenAt: true, revokedAt: true } }),
    db.segment.findMany({ where: siteId ? { siteId } : {}, orderBy: [{ siteId: "asc" }, { name: "asc" }], take: COVERAGE_LIMIT, select: { id: true, name: true, site: { select: { name: true } } } }),
  ]);
  const dimensions = [...agents.map((a) => `agent:${a.id}`), ...segments.map((s) => `segment:${s.id}`)];
  const counts = day && dimensions.length
    ? new Map((await db.dailyMetric.findMany({ where: { day, metric: "devices.coverage", dimension: { in: dimensions } }, select: { dimension: true, value: true } })).map((c) => [c.dimension, c.value]))
    : new Map<string, number>();
  return {
    agents: agents.map((a) => ({ id: a.id, name: a.name, lastSeenAt: a.lastSeenAt, revoked: !!a.revokedAt, devices: counts.get(`agent:${a.id}`) ?? null })),
    segments: segments.map((s) => ({ id: s.id, name: s.name, site: s.site.name, devices: counts.get(`segment:${s.id}`) ?? null })),
  };
}

/** The register's reconciliation counted by the tally on the counts' day (whole estate), or null before one. */
async function assetInventory(db: Db, day: string | null): Promise<AssetInventory | null> {
  if (!day) return null;
  const rows = await db.dailyMetric.findMany({ where: { day, dimension: "", metric: { in: [...ASSET_METRICS, "devices.total"] } }, select: { metric: true, value: true } });
  if (!rows.some((r) => r.metric === "assets.entries")) return null;
  const v = (m: string) => rows.find((r) => r.metric === m)?.value ?? 0;
  return { entries: v("assets.entries"), reconciled: v("assets.reconciled"), mismatched: v("assets.mismatched"), missing: v("assets.missing"), shadow: v("assets.shadow"), devices: v("devices.total") };
}

/** The whole report. An unknown site id is ignored (the report covers every site). */
export async function loadCisoReport(params: CisoReportParams, now = new Date(), db: Db = getDb()): Promise<CisoReport> {
  const period = parseCisoReportPeriod(params, now);
  const site = params.site ? await db.site.findUnique({ where: { id: params.site }, select: { id: true, name: true } }) : null;
  const siteId = site?.id;
  const dimension = dimensionOf(siteId);
  const [rows, current] = await Promise.all([trendRows(db, period.fromDay, period.toDay, dimension), countsAsOf(db, period.toDay, dimension)]);
  const [top, kevTop, alerts, accepted, cover, changes, assets] = await Promise.all([
    topDevices(db, siteId),
    kevDevices(db, siteId, current.counts["devices.kev"]),
    alertResponse(db, period.start, period.end, siteId),
    acceptedRisks(db, siteId, now),
    coverage(db, current.day, siteId),
    changeControl(period.start, period.end, siteId, db),
    assetInventory(db, current.day),
  ]);
  return {
    generatedAt: now, period, site, countsDay: current.day, countsRefreshedAt: current.refreshedAt, counts: current.counts,
    trend: shapeTrend(rows, period), top, kev: { devices: current.counts["devices.kev"], top: kevTop }, alertsOpen: alerts.openNow,
    response: alerts.response, accepted, coverage: cover, assets, changes,
  };
}

/** "iomt-ciso-report-2026-10-31_2026-11-29-all-sites.csv" */
export function cisoReportFileName(r: Pick<CisoReport, "period" | "site">): string {
  const site = r.site ? r.site.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "site" : "all-sites";
  return `iomt-ciso-report-${r.period.fromDay}_${r.period.toDay}-${site}.csv`;
}

