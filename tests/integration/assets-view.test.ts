// The Assets view's reads against a real database: each tab's rows and count, the filters, the
// CSV export (the same rows as the view, and the shadow list in a register's own columns), the
// overview's metrics after a tally, and the device page's register panel. The register is
// written directly (states as the reconciliation leaves them), so these tests read what the
// views read, whatever the reconciliation's rules.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { refreshTally } from "@/lib/jobs/tally";
import { assetFacets, countTabs, listEntries, listShadowDevices, parseAssetParams, registerEntryOfDevice } from "@/lib/queries/assets";
import { readTally } from "@/lib/queries/tally-counts";
import { csvRecords } from "../csv-parse";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));

const exportRoute = await import("@/app/api/exports/assets/route");
const ORIGIN = "http://localhost:3000";
const HEADERS = ["Asset #", "Serial No", "MAC Address", "Mfr", "Model", "Dept", "Cost center"];

let siteA = "";
let siteB = "";
let sourceId = "";
let apiSourceId = "";

const dev = (i: number) => `dev-${String(i).padStart(3, "0")}`;

beforeAll(async () => {
  const db = getDb();
  siteA = (await db.site.create({ data: { name: "Main Campus" } })).id;
  siteB = (await db.site.create({ data: { name: "North Clinic" } })).id;
  // 1,200 devices: more than one export batch of shadow devices, ties of scores across it.
  await db.device.createMany({
    data: Array.from({ length: 1_200 }, (_, i) => ({
      id: dev(i), displayName: `PUMP-${i}`, category: i % 2 ? "infusion_pump" : "patient_monitor", siteId: i % 3 === 0 ? siteB : siteA,
      department: i % 4 === 0 ? "ICU" : "Oncology", claimedMac: `00:09:fb:00:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}`,
      claimedSerial: `SN${i}`, claimedHostname: `pump-${i}`, vendor: "Baxter", model: "8015", status: i === 1_199 ? "retired" : "authorized",
      riskScore: (i * 7) % 50, riskTier: "low", riskStale: false,
    })),
  });
  sourceId = (await db.assetSource.create({ data: { name: "Nuvolo export", kind: "csv", mapping: { fields: { assetTag: "Asset #", serial: "Serial No", mac: "MAC Address", manufacturer: "Mfr", model: "Model", department: "Dept" }, headers: HEADERS } } })).id;
  apiSourceId = (await db.assetSource.create({ data: { name: "CMMS push", kind: "api" } })).id;
  const entry = (tag: string, over: Record<string, unknown>) => ({ sourceId, assetTag: tag, assetTagKey: tag.toUpperCase(), manufacturer: "Baxter", model: "8015", department: "ICU", siteId: siteA, ...over });
  const rows = [
    // Devices 0–19 reconciled, 20–22 mismatched (linked), five missing, one not network, two retired.
    ...Array.from({ length: 20 }, (_, i) => entry(`AT-${String(i).padStart(4, "0")}`, { deviceId: dev(i), linkKey: "mac", linkConfidence: "high", state: "reconciled", department: i % 2 ? "ICU" : "Oncology" })),
    ...[20, 21, 22].map((i) => entry(`AT-${i}`, { deviceId: dev(i), linkKey: "serial", linkConfidence: "high", state: "mismatched", mismatches: [{ field: "model", register: "8015", network: "8100" }] })),
    ...Array.from({ length: 5 }, (_, i) => entry(`MS-${i}`, { state: "missing", siteId: i < 2 ? siteB : siteA, deviceType: i < 3 ? "Infusion Pump" : "Monitor" })),
    entry("NN-1", { state: "not_network", notNetworkAt: new Date(), notNetworkBy: "biomed@test.local", notNetworkReason: "manual bed" }),
    entry("RT-1", { state: "retired", retiredAt: new Date() }),
    entry("RT-2", { state: "retired", retiredAt: new Date() }),
  ];
  await db.asset.createMany({ data: rows });
  const linked = await db.asset.findMany({ where: { deviceId: { not: null } }, select: { id: true, deviceId: true } });
  await db.deviceRegisterLink.createMany({ data: linked.map((a) => ({ deviceId: a.deviceId!, assetId: a.id })) });
}, 120_000);

beforeEach(() => {
  session.current = null;
});

async function signInAs(role: "admin" | "viewer") {
  const user = await makeUser(role);
  session.current = { user: { id: user.id, email: user.email, role } };
}

async function csv(path: string) {
  const res = await exportRoute.GET(new Request(`${ORIGIN}${path}`), undefined as never);
  expect(res.status).toBe(200);
  return csvRecords(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()));
}

describe("the tabs", () => {
  it("counts each tab: shadow = devices not retired with no entry", async () => {
    const counts = await countTabs(parseAssetParams({}));
    expect(Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.count]))).toEqual({ shadow: 1_200 - 1 - 23, reconciled: 20, mismatched: 3, missing: 5, not_network: 1, retired: 2 });
  });

  it("pages the shadow devices riskiest first, never a linked or retired device", async () => {
    const first = await listShadowDevices(parseAssetParams({ tab: "shadow", size: "50" }));
    expect(first.devices).toHaveLength(50);
    const scores = first.devices.map((d) => d.riskScore);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const second = await listShadowDevices(parseAssetParams({ tab: "shadow", size: "50", cursor: first.nextCursor }));
    const ids = new Set([...first.devices, ...second.devices].map((d) => d.id));
    expect(ids.size).toBe(100);
    for (const i of [0, 5, 20, 1_199]) expect(ids.has(dev(i))).toBe(false);
  });

  it("lists a register tab in asset-tag order with the linked device's name, last seen and risk, and named mismatches", async () => {
    const { entries } = await listEntries("mismatched", parseAssetParams({ tab: "mismatched" }));
    expect(entries.map((e) => e.assetTag)).toEqual(["AT-20", "AT-21", "AT-22"]);
    expect(entries[0].device?.displayName).toBe("PUMP-20");
    expect(entries[0].mismatches).toEqual([{ field: "model", register: "8015", network: "8100" }]);
    const page = await listEntries("reconciled", parseAssetParams({ tab: "reconciled", size: "25" }));
    expect(page.entries).toHaveLength(20);
    expect(page.nextCursor).toBeUndefined();
  });

  it("filters by site, department and the register's device type; counts follow the filters", async () => {
    const bySite = parseAssetParams({ tab: "missing", site: siteB });
    expect((await listEntries("missing", bySite)).entries.map((e) => e.assetTag)).toEqual(["MS-0", "MS-1"]);
    expect((await countTabs(bySite)).missing.count).toBe(2);
    const byType = parseAssetParams({ tab: "missing", category: "Monitor" });
    expect((await listEntries("missing", byType)).entries.map((e) => e.assetTag)).toEqual(["MS-3", "MS-4"]);
    const byDept = parseAssetParams({ tab: "reconciled", department: "ICU" });
    expect((await countTabs(byDept)).reconciled.count).toBe(10);
    const shadowIcu = await countTabs(parseAssetParams({ tab: "shadow", department: "ICU", category: "infusion_pump" }));
    expect(shadowIcu.shadow.count).toBe(0); // ICU devices are i % 4 === 0: even, so monitors
  });


  it("offers the register's departments and device types, and its sources, as filter choices", async () => {
    const facets = await assetFacets();
    expect(facets.departments).toEqual(["ICU", "Oncology"]);
    expect(facets.deviceTypes).toEqual(["Infusion Pump", "Monitor"]);
    expect(facets.sources.map((s) => [s.name, s.mapped])).toEqual([["CMMS push", false], ["Nuvolo export", true]]);
  });
});

describe("GET /api/exports/assets", () => {
  it("401 without a session", async () => {
    const res = await exportRoute.GET(new Request(`${ORIGIN}/api/exports/assets`), undefined as never);
    expect(res.status).toBe(401);
  });

  it("exports every row of the tab, the same rows as the view, and audits it", async () => {
    await signInAs("viewer");
    const { records } = await csv("/api/exports/assets?tab=shadow");
    expect(records).toHaveLength(1_200 - 1 - 23);
    const page = await listShadowDevices(parseAssetParams({ tab: "shadow", size: "200" }));
    expect(records.slice(0, 200).map((r) => r["device id"])).toEqual(page.devices.map((d) => d.id));
    const missing = await csv(`/api/exports/assets?tab=missing&site=${siteB}`);
    expect(missing.records.map((r) => r["asset tag"])).toEqual(["MS-0", "MS-1"]);
    const mismatched = await csv("/api/exports/assets?tab=mismatched");
    expect(mismatched.records[0].disagreements).toBe("model: register 8015, network 8100");
    expect(await getDb().auditLog.count({ where: { action: "export.assets-shadow" } })).toBe(1);
  });

  it("writes the shadow devices in the source's own columns, asset tag empty", async () => {
    await signInAs("viewer");
    const { header, records } = await csv(`/api/exports/assets?tab=shadow&format=register&source=${sourceId}&department=ICU`);
    expect(header).toEqual(HEADERS);
    expect(records.length).toBe(await getDb().device.count({ where: { registerLink: { is: null }, status: { not: "retired" }, department: "ICU" } }));
    const first = records[0];
    expect(first["Asset #"]).toBe("");
    expect(first["Serial No"]).toMatch(/^SN\d+$/);
    expect(first["MAC Address"]).toMatch(/^00:09:fb/);
    expect(first).toMatchObject({ Mfr: "Baxter", Model: "8015", Dept: "ICU", "Cost center": "" });
  });

  it("400 for a source with no saved mapping or a tab other than shadow", async () => {
    await signInAs("viewer");
    const noMapping = await exportRoute.GET(new Request(`${ORIGIN}/api/exports/assets?tab=shadow&format=register&source=${apiSourceId}`), undefined as never);
    expect(noMapping.status).toBe(400);
    const wrongTab = await exportRoute.GET(new Request(`${ORIGIN}/api/exports/assets?tab=missing&format=register&source=${sourceId}`), undefined as never);
    expect(wrongTab.status).toBe(400);
  });
});

describe("the overview and the device page", () => {
  it("counts the register's states and the shadow devices in the tally", async () => {
    await refreshTally(getDb());
    const tally = await readTally(getDb());
    expect(tally?.values).toMatchObject({ "assets.entries": 29, "assets.reconciled": 20, "assets.mismatched": 3, "assets.missing": 5, "assets.shadow": 1_176 });
  });

  it("shows a device's register entry, and none for a shadow device", async () => {
    const entry = await registerEntryOfDevice(dev(21));
    expect(entry).toMatchObject({ assetTag: "AT-21", state: "mismatched", linkKey: "serial", source: { name: "Nuvolo export" } });
    expect(await registerEntryOfDevice(dev(500))).toBeNull();
  });
});
