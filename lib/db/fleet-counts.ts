// The counts behind the Fleets view (lib/jobs/fleet-summary.ts): non-retired devices grouped by
// (vendor, model, firmware, site, category) with their number and worst score, and the distinct
// advisories matched on each group, in two GROUP BY queries; then the FleetSummary table replaced
// with them in one transaction. The SQLite / PostgreSQL differences (slicing, locking) are here.
import { bulkInsert, bulkTarget, type Columns } from "./bulk";
import { BACKGROUND_TRANSACTION, providerOf, type Db } from "./client";
import { deviceSlices, onOneCore, SQLITE_SCAN_CHUNK, yieldToPages, type SliceRange } from "./device-slices";
import { newRowId } from "./row-ids";

type Count = number | bigint | null | undefined;
type GroupColumns = { vendor: string | null; model: string | null; firmwareVersion: string | null; siteId: string | null; category: string };
type RawGroup = GroupColumns & { n: Count; worst: Count };
type RawAdvisory = GroupColumns & { advisoryId: string };

/** One (vendor, model, firmware, site, category) group of non-retired devices. */
export type FleetGroupCount = GroupColumns & { devices: number; worstScore: number; advisoryIds: string[] };

/** A condition on a device id column: every device, or one slice of them. */
type Range = SliceRange;

const GROUP = `d."vendor", d."model", d."firmwareVersion", d."siteId", d."category"`;
const groupKey = (g: GroupColumns) => JSON.stringify([g.vendor, g.model, g.firmwareVersion, g.siteId, g.category]);

const groupsIn = (range: Range) => `SELECT ${GROUP}, count(*) AS n, max(d."riskScore") AS worst FROM "Device" d WHERE ${range("d.\"id\"")} AND d."status" <> 'retired' GROUP BY ${GROUP}`;
// The matches of the range's devices ((deviceId, status) index), one per device and advisory
// first: a device has several matches per advisory (one per CVE), and reading its (wide) row once
// per advisory rather than once per match halved the time.
const advisoriesIn = (range: Range) =>
  `SELECT ${GROUP}, m."advisoryId" FROM (SELECT DISTINCT "deviceId", "advisoryId" FROM "DeviceVulnerability" dv WHERE ${range("dv.\"deviceId\"")} AND "advisoryId" IS NOT NULL) m
   JOIN "Device" d ON d."id" = m."deviceId" WHERE d."status" <> 'retired' GROUP BY ${GROUP}, m."advisoryId"`;

/** Partial counts (one per slice) added up into one per group. */
class Tally {
  private groups = new Map<string, FleetGroupCount & { advisories: Set<string> }>();

  private at(g: GroupColumns) {
    const k = groupKey(g);
    let out = this.groups.get(k);
    if (!out) {
      const { vendor, model, firmwareVersion, siteId, category } = g;
      this.groups.set(k, (out = { vendor, model, firmwareVersion, siteId, category, devices: 0, worstScore: 0, advisoryIds: [], advisories: new Set() }));
    }
    return out;
  }

  add(groups: RawGroup[], advisories: RawAdvisory[]) {
    for (const g of groups) {
      const out = this.at(g);
      out.devices += Number(g.n ?? 0);
      out.worstScore = Math.max(out.worstScore, Number(g.worst ?? 0));
    }
    for (const a of advisories) this.at(a).advisories.add(a.advisoryId);
  }

  result(): FleetGroupCount[] {
    return [...this.groups.values()].filter((g) => g.devices > 0).map(({ advisories, ...g }) => ({ ...g, advisoryIds: [...advisories].sort() }));
  }
}

/**
 * Every group's counts. PostgreSQL: one pass of each query (off the event loop, on one core:
 * onOneCore). SQLite: slices of `chunk` devices by primary key, so no query holds the process's
 * only connection for long and pages keep answering while the fleets are counted. chunk <= 0: one pass.
 */
export async function countFleetGroups(db: Db, scanChunk?: number): Promise<FleetGroupCount[]> {
  const pg = providerOf(db) === "postgresql";
  return onOneCore(db, (q) => countGroupsOn(q, pg, scanChunk));
}

async function countGroupsOn(db: Db, pg: boolean, scanChunk?: number): Promise<FleetGroupCount[]> {
  const chunk = Math.floor(scanChunk ?? (pg ? 0 : SQLITE_SCAN_CHUNK));
  const tally = new Tally();
  if (chunk <= 0) {
    const all: Range = () => "1 = 1";
    tally.add(await db.$queryRawUnsafe<RawGroup[]>(groupsIn(all)), await db.$queryRawUnsafe<RawAdvisory[]>(advisoriesIn(all)));
    return tally.result();
  }
  for await (const { range, args } of deviceSlices(db, pg, chunk)) {
    const groups = await db.$queryRawUnsafe<RawGroup[]>(groupsIn(range), ...args);
    await yieldToPages();
    tally.add(groups, await db.$queryRawUnsafe<RawAdvisory[]>(advisoriesIn(range), ...args));
  }
  return tally.result();
}

const COLUMNS: Columns = {
  id: "text", vendor: "text", model: "text", firmwareVersion: "text", siteId: "text", category: "text",
  devices: "int", worstScore: "int", advisoryIds: "text", refreshedAt: "date",
};

/**
 * Replaces every FleetSummary row with `groups`, in one transaction: a reader sees the old set or
 * the new one. On PostgreSQL two recounts at once (two server instances) would each delete the rows
 * they saw and both insert: the table is locked against other writers (readers still read) first,
 * so the second waits and then replaces the first's rows. SQLite has one writer at a time anyway.
 */
export async function replaceFleetSummary(db: Db, groups: FleetGroupCount[], refreshedAt: Date): Promise<void> {
  const rows = groups.map((g) => ({ ...g, id: newRowId(), advisoryIds: JSON.stringify(g.advisoryIds), refreshedAt }));
  await db.$transaction(
    async (tx) => {
      if (providerOf(db) === "postgresql") await tx.$executeRawUnsafe(`LOCK TABLE "FleetSummary" IN EXCLUSIVE MODE`);
      await tx.$executeRawUnsafe(`DELETE FROM "FleetSummary"`);
      await bulkInsert(bulkTarget(db, tx), "FleetSummary", COLUMNS, rows);
    },
    BACKGROUND_TRANSACTION,
  );
}
