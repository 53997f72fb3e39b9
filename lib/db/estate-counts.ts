// The counts behind the tally (lib/jobs/tally.ts): a few GROUP BY scans over Device and Alert,
// seconds at a million devices. Counts come back as numbers and flags as booleans, whatever the
// database returned (BigInt counts, 0/1 or "t" flags).
import { sqlTimestamp } from "./bulk";
import { providerOf, type Db } from "./client";
import { deviceSlices, onOneCore, SQLITE_SCAN_CHUNK, yieldToPages } from "./device-slices";
import type { DeviceGroup, EstateCounts, SiteCount } from "../domain/words/tally-metrics";

type Count = number | bigint | null | undefined;
type RawGroup = Omit<DeviceGroup, "spoofSuspected" | "shadow" | "n"> & { spoofSuspected: unknown; shadow: unknown; n: Count };
type RawSiteCount = { siteId: string | null; n: Count };

const n = (v: Count) => Number(v ?? 0);
const truthy = (v: unknown) => v === true || v === 1 || v === 1n || v === "1" || v === "t" || v === "true";

const GROUP_COLUMNS = `"siteId", "status", "riskTier", "spoofSuspected", "category", "lastAgentId", "segmentId"`;

/**
 * Everything that is a property of the device itself, counted in one pass over Device, a slice
 * of `chunk` devices (by primary key) at a time, and the devices with a known-exploited
 * vulnerability (status "affected", Vulnerability.kev) per site, slice by slice as well (see
 * lib/db/device-slices.ts for why slices). chunk <= 0: one query of each over the whole table.
 */
async function deviceGroups(db: Db, pg: boolean, chunk: number): Promise<{ groups: RawGroup[]; kev: RawSiteCount[]; possible: number }> {
  const hasKev = `EXISTS (SELECT 1 FROM "DeviceVulnerability" dv JOIN "Vulnerability" v ON v."id" = dv."vulnerabilityId"
     WHERE dv."deviceId" = d."id" AND dv."status" = 'affected' AND v."kev" = ${pg ? "true" : "1"})`;
  // A device in no asset register (no DeviceRegisterLink) is a shadow asset: one more grouping term,
  // the links joined in the same pass.
  const groupsIn = (range: string) =>
    `SELECT ${GROUP_COLUMNS}, (l."deviceId" IS NULL) AS "shadow", count(*) AS n FROM "Device" d LEFT JOIN "DeviceRegisterLink" l ON l."deviceId" = d."id" WHERE ${range} GROUP BY ${GROUP_COLUMNS}, (l."deviceId" IS NULL)`;
  const kevIn = (range: string) => `SELECT d."siteId", count(*) AS n FROM "Device" d WHERE ${range} AND d."status" <> 'retired' AND ${hasKev} GROUP BY d."siteId"`;
  // Possible matches awaiting a person: through the slice's devices, then their (deviceId, status)
  // index. On SQLite a CROSS JOIN fixes that order: with a plain JOIN the planner started from the
  // status index, i.e. from every possible match of the estate, for each slice (680 ms a slice at a
  // million devices, 38 ms this way). PostgreSQL's CROSS JOIN takes no ON, and its planner needs no help.
  const possibleIn = (range: string) =>
    `SELECT count(*) AS n FROM "Device" d ${pg ? "JOIN" : "CROSS JOIN"} "DeviceVulnerability" dv ON dv."deviceId" = d."id" WHERE ${range} AND d."status" <> 'retired' AND dv."status" = 'needs_review'`;
  const countPossible = async (range: string, args: string[]) => n((await db.$queryRawUnsafe<{ n: Count }[]>(possibleIn(range), ...args))[0]?.n);
  if (chunk <= 0) {
    return { groups: await db.$queryRawUnsafe<RawGroup[]>(groupsIn("1 = 1")), kev: await db.$queryRawUnsafe<RawSiteCount[]>(kevIn("1 = 1")), possible: await countPossible("1 = 1", []) };
  }
  const groups: RawGroup[] = [];
  const kev: RawSiteCount[] = [];
  let possible = 0;
  for await (const { range, args } of deviceSlices(db, pg, chunk)) {
    const slice = range('d."id"');
    groups.push(...(await db.$queryRawUnsafe<RawGroup[]>(groupsIn(slice), ...args)));
    await yieldToPages();
    kev.push(...(await db.$queryRawUnsafe<RawSiteCount[]>(kevIn(slice), ...args)));
    await yieldToPages();
    possible += await countPossible(slice, args);
  }
  return { groups, kev, possible };
}

/**
 * The estate's counts for the tally of the day [dayStart, dayEnd). PostgreSQL runs the queries off
 * the event loop, one pass over Device each, on one core (onOneCore); SQLite counts in slices of
 * `scanChunk` devices (default 20,000).
 */
export async function countEstate(db: Db, dayStart: Date, dayEnd: Date, scanChunk?: number): Promise<EstateCounts> {
  const provider = providerOf(db);
  return onOneCore(db, (q) => countOn(q, provider, dayStart, dayEnd, scanChunk));
}

async function countOn(db: Db, provider: ReturnType<typeof providerOf>, dayStart: Date, dayEnd: Date, scanChunk?: number): Promise<EstateCounts> {
  const pg = provider === "postgresql";
  const ts = (i: number) => (pg ? `$${i}::timestamp(3)` : "?");
  const day = [sqlTimestamp(dayStart, provider), sqlTimestamp(dayEnd, provider)];
  const { groups, kev, possible } = await deviceGroups(db, pg, Math.floor(scanChunk ?? (pg ? 0 : SQLITE_SCAN_CHUNK)));
  const fresh = await db.$queryRawUnsafe<RawSiteCount[]>(
    `SELECT "siteId", count(*) AS n FROM "Device" WHERE "firstSeenAt" >= ${ts(1)} AND "firstSeenAt" < ${ts(2)} GROUP BY "siteId"`, ...day);
  const openAlerts = await db.$queryRawUnsafe<{ kind: string; n: Count }[]>(`SELECT "kind", count(*) AS n FROM "Alert" WHERE "status" <> 'resolved' GROUP BY "kind"`);
  const [opened] = await db.$queryRawUnsafe<{ n: Count }[]>(`SELECT count(*) AS n FROM "Alert" WHERE "firstAt" >= ${ts(1)} AND "firstAt" < ${ts(2)}`, ...day);
  // Register entries by reconciliation state: 200k entries at most, one scan of the (state, siteId) index.
  const assets = await db.$queryRawUnsafe<{ state: string; n: Count }[]>(`SELECT "state", count(*) AS n FROM "Asset" WHERE "retiredAt" IS NULL GROUP BY "state"`);
  const perSite = (rows: RawSiteCount[]): SiteCount[] => rows.map((r) => ({ siteId: r.siteId, n: n(r.n) }));
  return {
    devices: groups.map((g) => ({ ...g, spoofSuspected: truthy(g.spoofSuspected), shadow: truthy(g.shadow), n: n(g.n) })),
    kev: perSite(kev),
    fresh: perSite(fresh),
    openAlerts: openAlerts.map((a) => ({ kind: a.kind, n: n(a.n) })),
    opened: n(opened?.n),
    possibleMatches: possible,
    assets: assets.map((a) => ({ state: a.state, n: n(a.n) })),
  };
}
