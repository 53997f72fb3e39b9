import "server-only";
import { getDb, type Db } from "../db/client";
import { DEFAULT_SITE_KEY } from "../domain/identity/places";

// Bounded like the filters' lists: a health system has dozens of sites and hundreds of segments.
export const SITE_LIMIT = 500;
export const SEGMENT_LIMIT = 2000;

export type SegmentSetting = {
  id: string;
  /** What people see: the administrator's label, else the name agents report. */
  shown: string;
  reportedName: string;
  label: string | null;
  /** The site whose agents report it, when it was moved away from there; else null. */
  reportedBy: string | null;
  exposure: string;
  exposureSource: string;
  exposureSetBy: string | null;
  exposureSetAt: Date | null;
  /** Devices on it as of the last tally, seconds old (a database never tallied counts live). */
  devices: number;
};
export type SiteSetting = { id: string; name: string; isDefault: boolean; segments: SegmentSetting[] };

/** Devices per segment: from the newest tally (lib/jobs/tally.ts), or counted live before the first. */
async function devicesPerSegment(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const newest = await db.dailyMetric.findFirst({ where: { metric: "devices.coverage" }, orderBy: { day: "desc" }, select: { day: true } });
  if (newest) {
    const rows = await db.dailyMetric.findMany({ where: { day: newest.day, metric: "devices.coverage", dimension: { startsWith: "segment:" } }, select: { dimension: true, value: true } });
    return new Map(rows.map((r) => [r.dimension.slice("segment:".length), r.value]));
  }
  const live = await db.device.groupBy({ by: ["segmentId"], where: { segmentId: { in: ids } }, _count: { _all: true } });
  return new Map(live.map((g) => [g.segmentId!, g._count._all]));
}

/** Every site with its segments, by site name then segment name, for Settings → Sites and segments. */
export async function listSiteSettings(db: Db = getDb()): Promise<SiteSetting[]> {
  const [sites, segments] = await Promise.all([
    db.site.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], take: SITE_LIMIT, select: { id: true, name: true, key: true } }),
    db.segment.findMany({
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: SEGMENT_LIMIT,
      select: { id: true, siteId: true, reportedSiteId: true, name: true, label: true, exposure: true, exposureSource: true, exposureSetBy: true, exposureSetAt: true },
    }),
  ]);
  const counts = await devicesPerSegment(db, segments.map((s) => s.id));
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const rows = segments
    .map((s) => ({
      siteId: s.siteId,
      row: {
        id: s.id, shown: s.label ?? s.name, reportedName: s.name, label: s.label,
        reportedBy: s.reportedSiteId !== s.siteId ? (siteName.get(s.reportedSiteId) ?? null) : null,
        exposure: s.exposure, exposureSource: s.exposureSource, exposureSetBy: s.exposureSetBy, exposureSetAt: s.exposureSetAt,
        devices: counts.get(s.id) ?? 0,
      } satisfies SegmentSetting,
    }))
    .sort((a, b) => a.row.shown.localeCompare(b.row.shown));
  return sites.map((site) => ({ id: site.id, name: site.name, isDefault: site.key === DEFAULT_SITE_KEY, segments: rows.filter((r) => r.siteId === site.id).map((r) => r.row) }));
}
