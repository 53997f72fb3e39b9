// The lists' counts, orders and pages: a count exact up to its bound, every order in both
// directions, the previous and last pages read backwards, page sizes, and URL values refused aloud.
import { beforeAll, describe, expect, it } from "vitest";
import { boundedCount, sumTotals } from "@/lib/db/bounded-count";
import { getDb } from "@/lib/db/client";
import { countDevices, countInventory, inventoryFilter, inventoryWhere, listDevices, parseInventoryParams, refusedInventoryParams } from "@/lib/queries/devices";
import { LAST_PAGE } from "@/lib/queries/page-params";
import { parseRiskParams, refusedRiskParams } from "@/lib/queries/risk-priority";

const DEVICES = 57;

beforeAll(async () => {
  await getDb().device.createMany({
    data: Array.from({ length: DEVICES }, (_, i) => ({
      id: `dev-${String(i).padStart(3, "0")}`,
      displayName: `Device ${String(i % 20).padStart(2, "0")}`,
      // Runs of equal scores and names, so ties are broken by id across page edges.
      riskScore: (i % 5) * 10,
      category: i % 2 ? "infusion_pump" : "patient_monitor",
      searchText: `device ${i}`,
    })),
  });
});

const count = async (search: Record<string, string>) => countDevices(await inventoryWhere(parseInventoryParams(search)));
// As the inventory page counts: a common search through the trigram index, with its other filters.
const pageCount = async (search: Record<string, string>) => countInventory(await inventoryFilter(parseInventoryParams(search)));

/** Every page of the list from its first, following `next`, as ids. */
async function forwards(search: Record<string, string>, size: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDevices(parseInventoryParams({ ...search, ...(cursor ? { cursor } : {}) }), size);
    out.push(...page.devices.map((d) => d.id));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Every page from the last, following `previous`, as ids in the list's order. */
async function backwards(search: Record<string, string>, size: number): Promise<string[]> {
  const pages: string[][] = [];
  let cursor: string | undefined = LAST_PAGE;
  while (cursor) {
    const page = await listDevices(parseInventoryParams({ ...search, cursor }), size);
    pages.unshift(page.devices.map((d) => d.id));
    cursor = page.previousCursor;
  }
  return pages.flat();
}

describe("result counts", () => {
  it("are exact up to the bound, then say more than the bound", async () => {
    expect(await count({})).toEqual({ count: DEVICES, more: false });
    expect(await count({ category: "infusion_pump" })).toEqual({ count: 28, more: false });
    expect(await boundedCount((take) => getDb().device.count({ take }), 10)).toEqual({ count: 10, more: true });
    expect(await boundedCount((take) => getDb().device.count({ take }), DEVICES)).toEqual({ count: DEVICES, more: false });
    expect(sumTotals([{ count: 3, more: false }, { count: 10, more: true }])).toEqual({ count: 13, more: true });
  });
});

describe("orders and pages", () => {
  for (const sort of ["risk", "name", "lastSeen", "firstSeen"]) {
    it(`pages through ${sort} in both directions, forwards and backwards, without a repeat or a gap`, async () => {
      for (const dir of ["asc", "desc"]) {
        const search = { sort, dir };
        const all = await forwards(search, 8);
        expect(new Set(all).size).toBe(DEVICES);
        expect(await backwards(search, 8)).toEqual(all);
      }
    });
  }

  it("reverses the order with the other direction", async () => {
    const desc = await forwards({ sort: "risk", dir: "desc" }, 100);
    const asc = await forwards({ sort: "risk", dir: "asc" }, 100);
    expect(asc).toEqual([...desc].reverse());
  });

  it("goes back a page with previous, and the last page has no next", async () => {
    const first = await listDevices(parseInventoryParams({ sort: "name" }), 10);
    expect(first.previousCursor).toBeUndefined();
    const second = await listDevices(parseInventoryParams({ sort: "name", cursor: first.nextCursor }), 10);
    const back = await listDevices(parseInventoryParams({ sort: "name", cursor: second.previousCursor }), 10);
    expect(back.devices.map((d) => d.id)).toEqual(first.devices.map((d) => d.id));
    expect(back.previousCursor).toBeUndefined();
    const last = await listDevices(parseInventoryParams({ sort: "name", cursor: LAST_PAGE }), 10);
    expect(last.devices).toHaveLength(10);
    expect(last.nextCursor).toBeUndefined();
    expect(last.previousCursor).toBeDefined();
  });

  it("takes a page size from the list offered, and the default for any other", async () => {
    expect((await listDevices(parseInventoryParams({ size: "25" }))).devices).toHaveLength(25);
    expect((await listDevices(parseInventoryParams({ size: "7" }))).devices).toHaveLength(50);
  });
});

describe("URL values a list does not know", () => {
  it("are ignored and named, the rest applied", async () => {
    const search = { category: "infusion_pump", status: "approved", sort: "colour", size: "7", q: "  " };
    const params = parseInventoryParams(search);
    expect(params).toMatchObject({ category: "infusion_pump", status: undefined, sort: undefined, size: undefined });
    expect(refusedInventoryParams(search, params)).toEqual([{ name: "status", value: "approved" }, { name: "sort", value: "colour" }, { name: "size", value: "7" }]);
  });

  it("name an unknown SSVC decision on the risk ranking (ssvc=act)", async () => {
    const search = { ssvc: "act", tier: "high" };
    expect(refusedRiskParams(search, parseRiskParams(search))).toEqual([{ name: "ssvc", value: "act" }]);
  });

  it("say a damaged page link without failing", async () => {
    const page = await listDevices(parseInventoryParams({ cursor: "not-a-cursor" }));
    expect(page.cursorIgnored).toBe(true);
    expect(page.devices).toHaveLength(50);
  });
});

describe("a common search's count", () => {
  it("counts every device a search finds when its candidates are a long id list", async () => {
    await getDb().device.createMany({
      data: Array.from({ length: 1500 }, (_, i) => ({ id: `pump-${String(i).padStart(4, "0")}`, displayName: `Pump ${i}`, category: "infusion_pump", searchText: `pump ${i} bd alaris pcu model 8015` })),
    });
    expect(await count({ q: "alaris 8015" })).toEqual({ count: 1500, more: false });
    expect(await count({ q: "alaris 8015", category: "infusion_pump" })).toEqual({ count: 1500, more: false });
    expect((await listDevices(parseInventoryParams({ q: "alaris 8015" }), 50)).devices).toHaveLength(50);
    // The page's count of the same searches, through the index with the filters beside it.
    await getDb().device.updateMany({ where: { id: { startsWith: "pump-00" } }, data: { status: "authorized" } });
    expect(await pageCount({ q: "alaris 8015" })).toEqual({ count: 1500, more: false });
    expect(await pageCount({ q: "alaris 8015", status: "authorized" })).toEqual({ count: 100, more: false });
    // A short word ("12") is matched literally beside the indexed ones: the same count as the ORM's.
    const mixed = { q: "alaris 8015 pump 12", category: "infusion_pump" };
    expect(await pageCount(mixed)).toEqual(await count(mixed));
    expect((await pageCount(mixed)).count).toBe(Array.from({ length: 1500 }, (_, i) => `pump ${i} bd alaris pcu model 8015`).filter((t) => t.includes("12")).length);
    expect(await pageCount({ q: "alaris 8015", category: "patient_monitor" })).toEqual({ count: 0, more: false });
  });
});
