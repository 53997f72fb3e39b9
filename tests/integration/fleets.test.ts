// The Fleets view: devices grouped by vendor, model and firmware with their count, sites, worst
// risk and open advisories; sorted, filtered and paged; retired devices left out. The view reads
// the counted summary (lib/jobs/fleet-summary.ts), so each test counts first.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { refreshFleetSummary } from "@/lib/jobs/fleet-summary";
import { refreshTally } from "@/lib/jobs/tally";
import { listFleets, parseFleetParams, refusedFleetParams } from "@/lib/queries/fleets";

type Spec = { id: string; vendor: string | null; model: string | null; firmware: string | null; site?: string; score?: number; status?: string; category?: string };
const device = (s: Spec) => ({
  id: s.id, displayName: s.id, vendor: s.vendor, model: s.model, firmwareVersion: s.firmware, siteId: s.site ?? null, riskScore: s.score ?? 0,
  riskTier: (s.score ?? 0) >= 80 ? "critical" : "low", status: s.status ?? "authorized", category: s.category ?? "infusion_pump",
});

beforeAll(async () => {
  const db = getDb();
  // Before any device and any count: an empty estate, not a count still to come.
  expect(await listFleets(parseFleetParams({}))).toMatchObject({ fleets: [], total: 0, countedAt: null, uncounted: false });
  await db.site.createMany({ data: [{ id: "site-north", name: "North" }, { id: "site-south", name: "South" }] });
  await db.device.createMany({
    data: [
      ...Array.from({ length: 5 }, (_, i) => device({ id: `alaris-a-${i}`, vendor: "BD", model: "Alaris 8015", firmware: "12.1.3", site: i < 3 ? "site-north" : "site-south", score: i === 4 ? 85 : 40 })),
      ...Array.from({ length: 2 }, (_, i) => device({ id: `alaris-b-${i}`, vendor: "BD", model: "Alaris 8015", firmware: "12.3.0", site: "site-north", score: 20 })),
      device({ id: "alaris-retired", vendor: "BD", model: "Alaris 8015", firmware: "12.3.0", site: "site-south", score: 99, status: "retired" }),
      ...Array.from({ length: 3 }, (_, i) => device({ id: `mx-${i}`, vendor: "Philips", model: "IntelliVue MX450", firmware: "M.00.03", site: "site-south", score: 60, category: "patient_monitor" })),
      device({ id: "unknown-1", vendor: null, model: null, firmware: null }),
    ],
  });
  await db.vulnerability.createMany({ data: [{ id: "CVE-2026-0001" }, { id: "CVE-2026-0002" }, { id: "CVE-2026-0003" }] });
  await db.advisory.createMany({ data: [{ id: "ICSMA-26-001", title: "Alaris", publisher: "CISA" }, { id: "ICSMA-26-002", title: "Alaris 2", publisher: "CISA" }] });
  await db.deviceVulnerability.createMany({
    data: [
      { deviceId: "alaris-a-0", vulnerabilityId: "CVE-2026-0001", advisoryId: "ICSMA-26-001", source: "csaf", status: "affected", reason: {} },
      { deviceId: "alaris-a-1", vulnerabilityId: "CVE-2026-0001", advisoryId: "ICSMA-26-001", source: "csaf", status: "affected", reason: {} },
      { deviceId: "alaris-a-1", vulnerabilityId: "CVE-2026-0002", advisoryId: "ICSMA-26-002", source: "csaf", status: "needs_review", reason: {} },
      // A match found without an advisory (a CPE match) is no advisory.
      { deviceId: "mx-0", vulnerabilityId: "CVE-2026-0003", source: "cpe", status: "affected", reason: {} },
      // A retired device's match is no open advisory of its fleet.
      { deviceId: "alaris-retired", vulnerabilityId: "CVE-2026-0002", advisoryId: "ICSMA-26-002", source: "csaf", status: "affected", reason: {} },
    ],
  });
  // Devices but no count yet (a server before its first tally pass): said, not shown as no devices.
  expect(await listFleets(parseFleetParams({}))).toMatchObject({ fleets: [], total: 0, countedAt: null, uncounted: true });
  await refreshFleetSummary(db, COUNTED_AT);
});

const COUNTED_AT = new Date("2026-12-05T12:03:41.000Z");

const fleets = async (search: Record<string, string>) => (await listFleets(parseFleetParams(search))).fleets;
const names = (list: { vendor: string | null; model: string | null; firmwareVersion: string | null }[]) => list.map((f) => [f.vendor, f.model, f.firmwareVersion].join(" "));

describe("fleets", () => {
  it("groups devices by vendor, model and firmware with count, sites, worst risk and open advisories", async () => {
    const list = await fleets({});
    expect(names(list)).toEqual(["BD Alaris 8015 12.1.3", "Philips IntelliVue MX450 M.00.03", "BD Alaris 8015 12.3.0", "  "]);
    expect(list[0]).toMatchObject({ count: 5, sites: ["North", "South"], worstScore: 85, worstTier: "critical", openAdvisories: 2 });
    expect(list[1]).toMatchObject({ count: 3, sites: ["South"], worstScore: 60, openAdvisories: 0 });
    // The retired device counts nowhere: neither its score nor its site.
    expect(list[2]).toMatchObject({ count: 2, sites: ["North"], worstScore: 20, openAdvisories: 0 });
    expect(list[3]).toMatchObject({ count: 1, sites: [] });
  });

  it("says when it was counted, and stores one row per vendor, model, firmware, site and category", async () => {
    expect(await listFleets(parseFleetParams({}))).toMatchObject({ countedAt: COUNTED_AT, uncounted: false });
    const rows = await getDb().fleetSummary.findMany({ where: { model: "Alaris 8015", firmwareVersion: "12.1.3" }, orderBy: { siteId: "asc" } });
    expect(rows.map((r) => [r.siteId, r.devices, r.worstScore, JSON.parse(r.advisoryIds)])).toEqual([
      ["site-north", 3, 40, ["ICSMA-26-001", "ICSMA-26-002"]],
      ["site-south", 2, 85, []],
    ]);
  });

  it("counts the same in slices of devices as in one pass (SQLite counts in slices)", async () => {
    const before = await listFleets(parseFleetParams({}));
    await refreshFleetSummary(getDb(), COUNTED_AT, { scanChunk: 2 });
    expect(await listFleets(parseFleetParams({}))).toEqual(before);
    await refreshFleetSummary(getDb(), COUNTED_AT, { scanChunk: 0 });
    expect(await listFleets(parseFleetParams({}))).toEqual(before);
  });

  it("sorts by worst risk and by count, in either direction", async () => {
    expect(names(await fleets({ sort: "risk" }))[0]).toBe("BD Alaris 8015 12.1.3");
    expect(names(await fleets({ sort: "risk", dir: "asc" }))[0]).toBe("  ");
    expect(names(await fleets({ sort: "count", dir: "asc" })).at(-1)).toBe("BD Alaris 8015 12.1.3");
  });

  it("filters by site, vendor and category; counts within the filter", async () => {
    expect(await fleets({ site: "site-south" })).toMatchObject([{ model: "Alaris 8015", count: 2, sites: ["South"], worstScore: 85 }, { model: "IntelliVue MX450", count: 3 }].sort((a, b) => b.count - a.count));
    expect(names(await fleets({ vendor: "Philips" }))).toEqual(["Philips IntelliVue MX450 M.00.03"]);
    expect(names(await fleets({ category: "patient_monitor" }))).toEqual(["Philips IntelliVue MX450 M.00.03"]);
  });

  it("pages by number with a page size, and a page past the end shows the last", async () => {
    const first = await listFleets(parseFleetParams({ size: "25" }), 3);
    expect(first).toMatchObject({ total: 4, pages: 2, page: 1 });
    expect(first.fleets).toHaveLength(3);
    const second = await listFleets(parseFleetParams({ page: "2" }), 3);
    expect(names(second.fleets)).toEqual(["  "]);
    expect((await listFleets(parseFleetParams({ page: "9" }), 3)).page).toBe(2);
    expect(first.vendors).toEqual(["BD", "Philips"]);
  });

  it("names the URL values it does not know and shows the rest", async () => {
    const search = { sort: "name", page: "0", vendor: "BD" };
    const params = parseFleetParams(search);
    expect(refusedFleetParams(search, params)).toEqual([{ name: "sort", value: "name" }, { name: "page", value: "0" }]);
    expect(names((await listFleets(params)).fleets)).toEqual(["BD Alaris 8015 12.1.3", "BD Alaris 8015 12.3.0"]);
  });

  it("a retired device leaves its fleet at the next count, and a fleet with none left goes", async () => {
    const db = getDb();
    await db.device.update({ where: { id: "alaris-a-4" }, data: { status: "retired" } });
    await db.device.updateMany({ where: { id: { startsWith: "mx-" } }, data: { status: "retired" } });
    // Until the next count the view shows the last one.
    expect((await fleets({}))[0]).toMatchObject({ count: 5, worstScore: 85 });
    const later = new Date(COUNTED_AT.getTime() + 60_000);
    await refreshTally(db, later);
    const list = await fleets({});
    expect(names(list)).toEqual(["BD Alaris 8015 12.1.3", "BD Alaris 8015 12.3.0", "  "]);
    expect(list[0]).toMatchObject({ count: 4, worstScore: 40, sites: ["North", "South"], openAdvisories: 2 });
    expect((await listFleets(parseFleetParams({}))).countedAt).toEqual(later);
    await db.device.updateMany({ where: { OR: [{ id: "alaris-a-4" }, { id: { startsWith: "mx-" } }] }, data: { status: "authorized" } });
    await refreshFleetSummary(db, COUNTED_AT);
  });

  it("two recounts at once (two server instances) leave one set of rows", async () => {
    const db = getDb();
    const before = await db.fleetSummary.count();
    await Promise.all([refreshFleetSummary(db), refreshFleetSummary(db)]);
    expect(await db.fleetSummary.count()).toBe(before);
    expect(names(await fleets({}))).toEqual(["BD Alaris 8015 12.1.3", "Philips IntelliVue MX450 M.00.03", "BD Alaris 8015 12.3.0", "  "]);
  });
});
