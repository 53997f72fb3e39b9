// The inventory search through its indexes (SQLite FTS5 trigram table kept by triggers,
// PostgreSQL a table with a pg_trgm GIN index kept by triggers; MAC and IP through their columns):
// same answers as a scan.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, providerOf } from "@/lib/db/client";
import { searchTextFor } from "@/lib/domain/identity/evidence";
import { countInventory, inventoryFilter, listDevices, parseInventoryParams, SEARCH_CANDIDATES, searchCandidates } from "@/lib/queries/devices";

const COMMON = SEARCH_CANDIDATES + 40;

type Spec = { id: string; name: string; mac?: string; ip?: string; serial?: string; vendor?: string; model?: string };

function row(s: Spec) {
  return {
    id: s.id, displayName: s.name, claimedMac: s.mac ?? null, claimedIp: s.ip ?? null, claimedSerial: s.serial ?? null, vendor: s.vendor ?? null, model: s.model ?? null,
    searchText: searchTextFor([s.name, s.ip, s.serial, s.vendor, s.model], s.mac ?? null),
  };
}

const ids = async (search: Record<string, string>) => (await listDevices(parseInventoryParams(search), 10_000)).devices.map((d) => d.id).sort();

beforeAll(async () => {
  const db = getDb();
  await db.device.createMany({
    data: [
      row({ id: "dev-pump", name: "INFUSION-ICU-017", mac: "00:09:fb:12:34:56", ip: "10.20.1.5", serial: "SN-778812", vendor: "Baxter", model: "Sigma Spectrum" }),
      row({ id: "dev-pump-2", name: "INFUSION-ICU-018", mac: "00:09:fb:12:34:57", ip: "10.20.1.50", serial: "SN-778813", vendor: "Baxter", model: "Sigma Spectrum" }),
      row({ id: "dev-monitor", name: "MONITOR-ER-003", mac: "00:1b:78:aa:bb:cc", ip: "10.30.4.7", serial: "PM_100%", vendor: "Philips", model: "IntelliVue MX450" }),
      ...Array.from({ length: COMMON }, (_, i) => row({ id: `dev-ws-${String(i).padStart(4, "0")}`, name: `WKS-ADMIN-${i}`, vendor: "Dell", model: "OptiPlex 7090" })),
    ],
  });
});

describe("inventory search", () => {
  it("finds a MAC in any spelling through the MAC column", async () => {
    for (const spelling of ["00:09:FB:12:34:56", "00-09-fb-12-34-56", "0009.fb12.3456", "0009FB123456"]) expect(await ids({ q: spelling })).toEqual(["dev-pump"]);
  });

  it("finds a whole IP exactly (10.20.1.5 is not 10.20.1.50), a part of one by text", async () => {
    expect(await ids({ q: "10.20.1.5" })).toEqual(["dev-pump"]);
    expect(await ids({ q: "10.20.1." })).toEqual(["dev-pump", "dev-pump-2"]);
  });

  it("finds a serial, part of a name, a vendor and a model, whatever the case", async () => {
    expect(await ids({ q: "sn-778812" })).toEqual(["dev-pump"]);
    expect(await ids({ q: "icu-01" })).toEqual(["dev-pump", "dev-pump-2"]);
    expect(await ids({ q: "PHILIPS" })).toEqual(["dev-monitor"]);
    expect(await ids({ q: "intellivue mx" })).toEqual(["dev-monitor"]);
    expect(await ids({ q: "no such device" })).toEqual([]);
  });

  it("takes % and _ literally", async () => {
    expect(await ids({ q: "pm_100%" })).toEqual(["dev-monitor"]);
    expect(await ids({ q: "100%" })).toEqual(["dev-monitor"]);
    expect(await ids({ q: "pm_1" })).toEqual(["dev-monitor"]);
  });

  it("answers a rare term from the trigram index and a common one by walking the order, with the same rows a scan gives", async () => {
    expect(await searchCandidates("sigma spectrum")).toEqual(expect.arrayContaining(["dev-pump", "dev-pump-2"]));
    expect(await searchCandidates("optiplex")).toBeNull();
    const common = await ids({ q: "optiplex" });
    expect(common.length).toBe(COMMON);
    const scan = (await getDb().device.findMany({ where: { searchText: { contains: "optiplex" } }, select: { id: true } })).map((d) => d.id).sort();
    expect(common).toEqual(scan);
    // Short terms (under three characters) cannot use a trigram index: still correct.
    expect(await ids({ q: "er" })).toContain("dev-monitor");
  });

  it("combines the search with filters and pages through a common term without repeats", async () => {
    await getDb().device.update({ where: { id: "dev-pump" }, data: { status: "unauthorized" } });
    expect(await ids({ q: "baxter", status: "unauthorized" })).toEqual(["dev-pump"]);
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await listDevices(parseInventoryParams({ q: "optiplex", ...(cursor ? { cursor } : {}) }), 1000);
      for (const d of page.devices) {
        expect(seen.has(d.id)).toBe(false);
        seen.add(d.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(COMMON);
  });

  it("keeps the index in step with renames and deletions", async () => {
    const db = getDb();
    await db.device.update({ where: { id: "dev-pump-2" }, data: { searchText: "renamed-pump zz-unique-term" } });
    expect(await ids({ q: "zz-unique" })).toEqual(["dev-pump-2"]);
    expect(await ids({ q: "icu-018" })).toEqual([]);
    await db.device.delete({ where: { id: "dev-pump-2" } });
    expect(await ids({ q: "zz-unique" })).toEqual([]);
    expect(await searchCandidates("zz-unique")).toEqual([]);
  });

  it.runIf(providerOf(getDb()) === "postgresql")("leaves PostgreSQL's search table alone when a device's other columns are written, and Device without a trigram index", async () => {
    const db = getDb();
    const version = async () => (await db.$queryRawUnsafe<{ v: string }[]>(`SELECT xmin::text AS v FROM "DeviceSearch" WHERE "deviceId" = 'dev-monitor'`))[0]?.v;
    const before = await version();
    expect(before).toBeDefined();
    const { searchText } = await db.device.findUniqueOrThrow({ where: { id: "dev-monitor" } });
    await db.device.update({ where: { id: "dev-monitor" }, data: { riskScore: 77, lastSeenAt: new Date(), searchText } });
    expect(await version()).toBe(before);
    await db.device.upsert({ where: { id: "dev-monitor" }, create: row({ id: "dev-monitor", name: "unused" }), update: { searchText: `${searchText} zz-upserted` } });
    expect(await ids({ q: "zz-upserted" })).toEqual(["dev-monitor"]);
    const gin = await db.$queryRawUnsafe<{ indexname: string }[]>(`SELECT indexname FROM pg_indexes WHERE tablename = 'Device' AND indexdef ILIKE '%gin%'`);
    expect(gin).toEqual([]);
  });
});

describe("inventory search of several words", () => {
  beforeAll(async () => {
    await getDb().device.createMany({
      data: [
        row({ id: "dev-alaris-1", name: "PUMP-ONC-1", vendor: "BD", model: "Alaris 8015" }),
        row({ id: "dev-alaris-2", name: "PUMP-ONC-2", vendor: "BD", model: "Alaris 8015" }),
        row({ id: "dev-alaris-3", name: "PUMP-ONC-3", vendor: "BD", model: "Alaris 8100" }),
        row({ id: "dev-8015-other", name: "BADGE-8015", vendor: "Zebra", model: "ZT410" }),
      ],
    });
  });

  it("finds the devices that contain every word, in any order and case (\"alaris 8015\")", async () => {
    expect(await ids({ q: "alaris 8015" })).toEqual(["dev-alaris-1", "dev-alaris-2"]);
    expect(await ids({ q: "8015   ALARIS" })).toEqual(["dev-alaris-1", "dev-alaris-2"]);
    expect(await ids({ q: "alaris onc-3" })).toEqual(["dev-alaris-3"]);
    expect(await ids({ q: "alaris zebra" })).toEqual([]);
  });

  it("answers the words together from the trigram index when they are rare", async () => {
    expect((await searchCandidates(["alaris", "8015"]))?.sort()).toEqual(["dev-alaris-1", "dev-alaris-2"]);
  });

  it("narrows by a word too short for the index (\"bd alaris\") and takes % and _ literally in any word", async () => {
    expect(await ids({ q: "bd alaris" })).toEqual(["dev-alaris-1", "dev-alaris-2", "dev-alaris-3"]);
    expect(await ids({ q: "bd 1" })).toEqual(["dev-alaris-1", "dev-alaris-2", "dev-alaris-3"]);
    expect(await ids({ q: "philips pm_100%" })).toEqual(["dev-monitor"]);
  });

  it("walks the order when the words together are common, with the rows a scan gives", async () => {
    const common = await ids({ q: "optiplex 7090" });
    expect(common.length).toBe(COMMON);
    expect(await ids({ q: "optiplex wks-admin-12" })).toEqual(expect.arrayContaining(["dev-ws-0012", "dev-ws-0120"]));
  });
});

describe("a common search's count", () => {
  it("is the same whether read with the candidates (PostgreSQL, no other filter) or counted on its own", async () => {
    const alone = await inventoryFilter(parseInventoryParams({ q: "optiplex 7090" }));
    expect(alone.known !== undefined).toBe(providerOf(getDb()) === "postgresql");
    expect(await countInventory(alone)).toEqual({ count: COMMON, more: false });
    const filtered = await inventoryFilter(parseInventoryParams({ q: "optiplex 7090", vendor: "Dell" }));
    expect(filtered.known).toBeUndefined();
    expect(await countInventory(filtered)).toEqual({ count: COMMON, more: false });
    // A word too short for the index is a literal filter the candidates did not apply: counted on its own.
    const short = await inventoryFilter(parseInventoryParams({ q: "optiplex 12" }));
    expect(short.known).toBeUndefined();
    expect((await countInventory(short)).count).toBe((await ids({ q: "optiplex 12" })).length);
  });
});

describe("PostgreSQL sessions", () => {
  it.runIf(providerOf(getDb()) === "postgresql")("compile nothing (jit=off, lib/db/adapters.ts): JIT cost a common search's count 50-70 ms a statement", async () => {
    expect(await getDb().$queryRawUnsafe<{ jit: string }[]>("SHOW jit")).toEqual([{ jit: "off" }]);
  });
});
