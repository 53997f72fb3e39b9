// The tally: the counts the overview and the CISO report show, precomputed into DailyMetric.
//
// Counting a million devices per page load cannot answer in 300 ms, so a background pass counts
// them here (a few GROUP BY scans, seconds at 1M devices) and writes the result as today's rows
// (day = "YYYY-MM-DD" UTC). Today's rows ARE the current tally; a refresh overwrites them in one
// transaction, so a reader sees either the old tally or the new one. Earlier days keep the last
// value written that day: they are the history the trend charts draw.
//
// Metrics (value = a count; dimension "" = the whole estate, "site:<id>" = one site):
//   devices.total, devices.unauthorized, devices.spoofed, devices.tier.<tier>, devices.kev,
//   devices.new (first seen that day)                              [estate and per site]
//   devices.category          category:<category>
//   devices.coverage          agent:<agentId> (Device.lastAgentId), segment:<segmentId>
//   alerts.open               "" and kind:<kind> (not resolved)
//   alerts.opened             alerts first raised that day
//   tally.refreshedAt         epoch milliseconds of the refresh
// The rows "observations", "devices.seen" and "retention.rolled_up" belong to lib/jobs/retention.ts.
import { sqlTimestamp } from "../db/bulk";
import type { Db } from "../db/client";
import { providerOf } from "../db/client";
import { RISK_TIERS } from "../domain/words/vocabulary";

const DAY_MS = 86_400_000;
// Rows per INSERT statement (5 parameters each: well under both databases' limits).
const UPSERT_CHUNK = 1_000;
// Devices counted per query (see deviceGroups).
const SCAN_CHUNK = 20_000;

/** Every metric this module writes: a refresh replaces today's rows of exactly these. */
export const TALLY_METRICS = [
  "devices.total",
  "devices.unauthorized",
  "devices.spoofed",
  "devices.tier.critical",
  "devices.tier.high",
  "devices.tier.medium",
  "devices.tier.low",
  "devices.kev",
  "devices.new",
  "devices.category",
  "devices.coverage",
  "alerts.open",
  "alerts.opened",
  "tally.refreshedAt",
] as const;
export type TallyMetric = (typeof TALLY_METRICS)[number];

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

export const tallyDay = (d: Date) => d.toISOString().slice(0, 10);

type Count = number | bigint;
const n = (v: Count | null | undefined) => Number(v ?? 0);
const truthy = (v: unknown) => v === true || v === 1 || v === 1n || v === "1" || v === "t" || v === "true";

class Counter {
  private readonly values = new Map<string, number>();
  add(metric: string, dimension: string, value: number) {
    const key = `${metric}\u0000${dimension}`;
    this.values.set(key, (this.values.get(key) ?? 0) + value);
  }
  rows(day: string) {
    return [...this.values].map(([key, value]) => {
      const [metric, dimension] = key.split("\u0000");
      return { day, metric, dimension, value };
    });
  }
}

type DeviceGroup = { siteId: string | null; status: string; riskTier: string; spoofSuspected: unknown; category: string; lastAgentId: string | null; segmentId: string | null; n: Count };
const GROUP_COLUMNS = `"siteId", "status", "riskTier", "spoofSuspected", "category", "lastAgentId", "segmentId"`;

type SiteCount = { siteId: string | null; n: Count };

/**
 * Everything that is a property of the device itself, counted in one pass over Device, a slice
 * of `chunk` devices (by primary key) at a time, and the devices with a known-exploited
 * vulnerability (status "affected", Vulnerability.kev) per site, slice by slice as well. On SQLite
 * a query holds the process's only connection, and the event loop, until it ends: slices keep
 * each hold short (tens of milliseconds at 1M devices) so pages keep answering while the estate
 * is counted. chunk <= 0: one query of each over the whole table.
 */
async function deviceGroups(db: Db, pg: boolean, chunk: number): Promise<{ groups: DeviceGroup[]; kev: SiteCount[] }> {
  const p = (i: number) => (pg ? `$${i}` : "?");
  const hasKev = `EXISTS (SELECT 1 FROM "DeviceVulnerability" dv JOIN "Vulnerability" v ON v."id" = dv."vulnerabilityId"
     WHERE dv."deviceId" = d."id" AND dv."status" = 'affected' AND v."kev" = ${pg ? "true" : "1"})`;
  const groupsIn = (range: string) => `SELECT ${GROUP_COLUMNS}, count(*) AS n FROM "Device" d WHERE ${range} GROUP BY ${GROUP_COLUMNS}`;
  const kevIn = (range: string) => `SELECT d."siteId", count(*) AS n FROM "Device" d WHERE ${range} AND d."status" <> 'retired' AND ${hasKev} GROUP BY d."siteId"`;
  if (chunk <= 0) {
    return { groups: await db.$queryRawUnsafe<DeviceGroup[]>(groupsIn("1 = 1")), kev: await db.$queryRawUnsafe<SiteCount[]>(kevIn("1 = 1")) };
  }
  const groups: DeviceGroup[] = [];
  const kev: SiteCount[] = [];
  let after = "";
  for (;;) {
    const [edge] = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "Device" WHERE "id" > ${p(1)} ORDER BY "id" LIMIT 1 OFFSET ${chunk - 1}`, after);
    const range = edge ? `d."id" > ${p(1)} AND d."id" <= ${p(2)}` : `d."id" > ${p(1)}`;
    const args = edge ? [after, edge.id] : [after];
    groups.push(...(await db.$queryRawUnsafe<DeviceGroup[]>(groupsIn(range), ...args)));
    await new Promise((resolve) => setImmediate(resolve));
    kev.push(...(await db.$queryRawUnsafe<SiteCount[]>(kevIn(range), ...args)));
    if (!edge) return { groups, kev };
    after = edge.id;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Recounts today's tally and overwrites today's rows (stale dimensions, e.g. a site whose last
 * device was retired, disappear). Returns how long it took and how many rows it wrote.
 */
export async function refreshTally(db: Db, now = new Date(), options: { scanChunk?: number } = {}): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const provider = providerOf(db);
  const pg = provider === "postgresql";
  const day = tallyDay(now);
  const dayStart = new Date(`${day}T00:00:00Z`);
  const dayEnd = new Date(dayStart.getTime() + DAY_MS);
  const ts = (i: number) => (pg ? `$${i}::timestamp(3)` : "?");

  // PostgreSQL runs the queries off the event loop (and in parallel workers): one pass is fastest there.
  const { groups: devices, kev } = await deviceGroups(db, pg, Math.floor(options.scanChunk ?? (pg ? 0 : SCAN_CHUNK)));
  const fresh = await db.$queryRawUnsafe<{ siteId: string | null; n: Count }[]>(
    `SELECT "siteId", count(*) AS n FROM "Device" WHERE "firstSeenAt" >= ${ts(1)} AND "firstSeenAt" < ${ts(2)} GROUP BY "siteId"`,
    sqlTimestamp(dayStart, provider),
    sqlTimestamp(dayEnd, provider),
  );
  const alerts = await db.$queryRawUnsafe<{ kind: string; n: Count }[]>(
    `SELECT "kind", count(*) AS n FROM "Alert" WHERE "status" <> 'resolved' GROUP BY "kind"`,
  );
  const [opened] = await db.$queryRawUnsafe<{ n: Count }[]>(
    `SELECT count(*) AS n FROM "Alert" WHERE "firstAt" >= ${ts(1)} AND "firstAt" < ${ts(2)}`,
    sqlTimestamp(dayStart, provider),
    sqlTimestamp(dayEnd, provider),
  );

  const c = new Counter();
  for (const metric of [...SITE_METRICS, "alerts.open", "alerts.opened"]) c.add(metric, "", 0);
  const sites = new Set<string>();
  const perSite = (metric: string, siteId: string | null, value: number) => {
    c.add(metric, "", value);
    if (siteId) c.add(metric, `site:${siteId}`, value);
  };
  for (const g of devices) {
    if (g.siteId) sites.add(g.siteId);
    const count = n(g.n);
    if (g.status === "unauthorized") perSite("devices.unauthorized", g.siteId, count);
    if (g.status === "retired") continue;
    perSite("devices.total", g.siteId, count);
    if ((RISK_TIERS as readonly string[]).includes(g.riskTier)) perSite(`devices.tier.${g.riskTier}`, g.siteId, count);
    if (truthy(g.spoofSuspected)) perSite("devices.spoofed", g.siteId, count);
    c.add("devices.category", `category:${g.category}`, count);
    if (g.lastAgentId) c.add("devices.coverage", `agent:${g.lastAgentId}`, count);
    if (g.segmentId) c.add("devices.coverage", `segment:${g.segmentId}`, count);
  }
  for (const g of kev) {
    if (g.siteId) sites.add(g.siteId);
    perSite("devices.kev", g.siteId, n(g.n));
  }
  for (const g of fresh) {
    if (g.siteId) sites.add(g.siteId);
    perSite("devices.new", g.siteId, n(g.n));
  }
  // Every site with devices has every site metric, zeros included, so a chart per site has no gaps.
  for (const site of sites) for (const metric of SITE_METRICS) c.add(metric, `site:${site}`, 0);
  for (const g of alerts) {
    c.add("alerts.open", "", n(g.n));
    c.add("alerts.open", `kind:${g.kind}`, n(g.n));
  }
  c.add("alerts.opened", "", n(opened?.n));
  c.add("tally.refreshedAt", "", now.getTime());

  const rows = c.rows(day);
  const stamp = sqlTimestamp(new Date(), provider);
  const cast = pg ? ["::text", "::text", "::text", "::double precision", "::timestamp(3)"] : ["", "", "", "", ""];
  // Upserts (not delete-then-insert), so two instances recounting at once cannot collide on the key.
  await db.$transaction(
    async (tx) => {
      const before = await tx.dailyMetric.findMany({ where: { day, metric: { in: [...TALLY_METRICS] } }, select: { metric: true, dimension: true } });
      for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
        const chunk = rows.slice(i, i + UPSERT_CHUNK);
        const params = chunk.flatMap((r) => [r.day, r.metric, r.dimension, r.value, stamp]);
        const values = chunk.map((_, row) => `(${cast.map((c, k) => (pg ? `$${row * 5 + k + 1}${c}` : "?")).join(", ")})`).join(", ");
        await tx.$executeRawUnsafe(
          `INSERT INTO "DailyMetric" ("day", "metric", "dimension", "value", "updatedAt") VALUES ${values}
           ON CONFLICT ("day", "metric", "dimension") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`,
          ...params,
        );
      }
      // Dimensions that disappeared since the last recount (a site emptied, an alert kind all resolved).
      const fresh = new Set(rows.map((r) => `${r.metric}\u0000${r.dimension}`));
      const stale = new Map<string, string[]>();
      for (const r of before) if (!fresh.has(`${r.metric}\u0000${r.dimension}`)) stale.set(r.metric, [...(stale.get(r.metric) ?? []), r.dimension]);
      for (const [metric, dimensions] of stale) {
        for (let i = 0; i < dimensions.length; i += UPSERT_CHUNK) await tx.dailyMetric.deleteMany({ where: { day, metric, dimension: { in: dimensions.slice(i, i + UPSERT_CHUNK) } } });
      }
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return { ms: Math.round(performance.now() - started), rows: rows.length };
}

export type Tally = {
  /** The day the counts come from: today, or the newest day with a tally. */
  day: string;
  refreshedAt: Date | null;
  /** Metric name → value, for the dimension asked for (missing metrics are absent, not zero). */
  values: Record<string, number>;
};

/** The newest day that has a tally (today's once the first refresh ran), or null if none. */
export async function newestTallyDay(db: Db, onOrBefore?: string): Promise<string | null> {
  const row = await db.dailyMetric.findFirst({
    where: { metric: "tally.refreshedAt", dimension: "", ...(onOrBefore ? { day: { lte: onOrBefore } } : {}) },
    orderBy: { day: "desc" },
    select: { day: true },
  });
  return row?.day ?? null;
}

/** Today's counts for one dimension ("" = the estate, "site:<id>"), or the newest day's; null before the first refresh. */
export async function readTally(db: Db, dimension = ""): Promise<Tally | null> {
  const day = await newestTallyDay(db);
  if (!day) return null;
  const rows = await db.dailyMetric.findMany({
    where: { day, metric: { in: [...TALLY_METRICS] }, dimension: { in: dimension === "" ? [""] : [dimension, ""] } },
    select: { metric: true, dimension: true, value: true },
  });
  const values: Record<string, number> = {};
  let refreshedAt: Date | null = null;
  for (const r of rows) {
    if (r.metric === "tally.refreshedAt") refreshedAt = new Date(r.value);
    else if (r.dimension === dimension) values[r.metric] = r.value;
  }
  return { day, refreshedAt, values };
}

/**
 * One metric broken down by dimension on the newest tally day, e.g. ("devices.category",
 * "category:") → [{ key: "infusion_pump", value: 812 }, …], largest first. Bounded by `limit`.
 */
export async function readBreakdown(db: Db, metric: TallyMetric, prefix: string, limit = 200): Promise<{ day: string; items: { key: string; value: number }[] } | null> {
  const day = await newestTallyDay(db);
  if (!day) return null;
  const rows = await db.dailyMetric.findMany({
    where: { day, metric, dimension: { startsWith: prefix } },
    select: { dimension: true, value: true },
    orderBy: { value: "desc" },
    take: limit,
  });
  return { day, items: rows.map((r) => ({ key: r.dimension.slice(prefix.length), value: r.value })) };
}

export type TrendPoint = { day: string; values: Record<string, number> };

/**
 * The last `days` days up to today (oldest first), one point per day, each metric zero-filled
 * where that day has no row (before the first tally, or a day the server was down).
 */
export async function readTrend(db: Db, metrics: readonly string[], dimension = "", days = 30, now = new Date()): Promise<TrendPoint[]> {
  const span = Math.max(1, Math.min(Math.floor(days), 400));
  const dayList = Array.from({ length: span }, (_, i) => tallyDay(new Date(now.getTime() - (span - 1 - i) * DAY_MS)));
  const rows = await db.dailyMetric.findMany({
    where: { metric: { in: [...metrics] }, dimension, day: { gte: dayList[0], lte: dayList[dayList.length - 1] } },
    select: { day: true, metric: true, value: true },
  });
  const byDay = new Map(dayList.map((d) => [d, Object.fromEntries(metrics.map((m) => [m, 0])) as Record<string, number>]));
  for (const r of rows) {
    const point = byDay.get(r.day);
    if (point) point[r.metric] = r.value;
  }
  return dayList.map((day) => ({ day, values: byDay.get(day)! }));
}

// ─── Freshness ───────────────────────────────────────────────────────────────────────────────

/** Recount at least this often, even when nothing seems to have changed. */
export const TALLY_IDLE_MS = 60_000;
/** After a change, recount this soon (or three times the last recount's duration, if longer: at most a third of the time spent counting). */
export const TALLY_CHANGED_MS = 5_000;

let lastDurationMs = 0;

/**
 * Whether a background tick should recount: when today has no tally (first start, a new day),
 * when the last recount is older than TALLY_IDLE_MS, or, after a change (`changed`: the risk pass
 * rescored devices; or an agent report arrived since the last recount, an indexed probe), once
 * TALLY_CHANGED_MS have passed. The last recount is read from the database, so several server
 * instances do not all recount the same change.
 */
export async function tallyDue(db: Db, changed: boolean, now = new Date()): Promise<boolean> {
  const last = await db.dailyMetric.findUnique({
    where: { day_metric_dimension: { day: tallyDay(now), metric: "tally.refreshedAt", dimension: "" } },
    select: { value: true },
  });
  if (!last) return true;
  const age = now.getTime() - last.value;
  if (age >= TALLY_IDLE_MS) return true;
  if (age < Math.max(TALLY_CHANGED_MS, 3 * lastDurationMs)) return false;
  if (changed) return true;
  const report = await db.report.findFirst({ where: { receivedAt: { gt: new Date(last.value) } }, select: { id: true } });
  return report !== null;
}

/** One background tick: recounts if due. Returns the refresh's numbers, or null if it was not due. */
export async function tallyTick(db: Db, changed: boolean, now = new Date()): Promise<{ ms: number; rows: number } | null> {
  if (!(await tallyDue(db, changed, now))) return null;
  const result = await refreshTally(db, now);
  lastDurationMs = result.ms;
  return result;
}
