// The bulk writer (lib/db/bulk.ts) keeps every value as the ORM would have written it, on both
// databases and both of its paths: outside a transaction (multi-row VALUES on SQLite, one array
// per column through unnest() on PostgreSQL) and inside the client's transaction (prepared
// statements on SQLite). Text that an array literal or a VALUES list could mangle (quotes,
// backslashes, braces, commas, the word NULL, empty strings), nulls, booleans, numbers, dates and
// JSON all come back the same.
import { beforeAll, describe, expect, it } from "vitest";
import { bulkInsert, bulkTarget, bulkUpdate, selectByKeys, type Columns } from "@/lib/db/bulk";
import { getDb } from "@/lib/db/client";

const AWKWARD = ['a "quoted" name', "back\\slash", "{braces}, and commas", "NULL", "", "Ünïcødé ✓ 輸液ポンプ", "line\nbreak", "tab\tand 'single'"];
const DEVICE_COLUMNS: Columns = { id: "text", displayName: "text", claimedVendor: "text", spoofSuspected: "bool", riskScore: "int", compensatingControls: "float", lastSeenAt: "date", updatedAt: "date" };
const at = new Date("2026-12-01T08:30:15.123Z");

const deviceRow = (prefix: string, text: string, i: number) => ({
  id: `${prefix}-${i}`, displayName: text, claimedVendor: i % 2 ? null : text, spoofSuspected: i % 2 === 0, riskScore: i * 7, compensatingControls: i / 4, lastSeenAt: at, updatedAt: at,
});

async function readBack(prefix: string) {
  return getDb().device.findMany({
    where: { id: { startsWith: `${prefix}-` } },
    orderBy: { id: "asc" },
    select: { id: true, displayName: true, claimedVendor: true, spoofSuspected: true, riskScore: true, compensatingControls: true, lastSeenAt: true, riskTier: true },
  });
}

/** A row less some of its fields. */
function without<T extends object>(row: T, ...keys: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k))) as Partial<T>;
}

/** The rows as read back: what went in (less updatedAt, not selected), the tier at its default. */
const expected = (prefix: string) => AWKWARD.map((text, i) => ({ ...without(deviceRow(prefix, text, i), "updatedAt"), riskTier: "low" }));

beforeAll(async () => {
  await getDb().device.deleteMany({ where: { id: { startsWith: "bulk-" } } });
});

describe("bulk writes", () => {
  it("insert and update outside a transaction keep every value", async () => {
    const target = bulkTarget(getDb());
    await bulkInsert(target, "Device", DEVICE_COLUMNS, AWKWARD.map((text, i) => deviceRow("bulk-out", text, i)));
    expect(await readBack("bulk-out")).toEqual(expected("bulk-out"));

    const renamed = AWKWARD.map((text, i) => ({ id: `bulk-out-${i}`, displayName: `${text} (2)`, riskTier: i % 2 ? "high" : "critical", spoofSuspected: i % 2 === 1 }));
    await bulkUpdate(target, "Device", "id", { displayName: "text", riskTier: "text", spoofSuspected: "bool" }, renamed);
    const rows = await readBack("bulk-out");
    expect(rows.map((r) => [r.displayName, r.riskTier, r.spoofSuspected, r.riskScore])).toEqual(AWKWARD.map((text, i) => [`${text} (2)`, i % 2 ? "high" : "critical", i % 2 === 1, i * 7]));
  });

  it("insert and update inside the client's transaction keep every value", async () => {
    const db = getDb();
    await db.$transaction(async (tx) => {
      const target = bulkTarget(db, tx);
      await bulkInsert(target, "Device", DEVICE_COLUMNS, AWKWARD.map((text, i) => deviceRow("bulk-in", text, i)));
      await bulkUpdate(target, "Device", "id", { claimedVendor: "text" }, [{ id: "bulk-in-1", claimedVendor: "set later" }, { id: "bulk-in-2", claimedVendor: null }]);
    });
    const rows = await readBack("bulk-in");
    expect(rows.map((r) => r.claimedVendor)).toEqual(AWKWARD.map((text, i) => (i === 1 ? "set later" : i === 2 || i % 2 ? null : text)));
    expect(rows.map((r) => without(r, "claimedVendor"))).toEqual(expected("bulk-in").map((r) => without(r, "claimedVendor")));
  });

  it("skipExisting leaves a row already there as it is, and JSON comes back as it went in", async () => {
    const target = bulkTarget(getDb());
    const columns: Columns = { hash: "text", breakdown: "json", createdAt: "date" };
    const breakdown = { quote: 'say "hi"', slash: "a\\b", nested: { list: [1, null, "NULL", "{x}"] }, empty: "" };
    await bulkInsert(target, "RiskBreakdown", columns, [{ hash: "bulk-json-1", breakdown, createdAt: at }]);
    await bulkInsert(target, "RiskBreakdown", columns, [{ hash: "bulk-json-1", breakdown: { other: true }, createdAt: at }, { hash: "bulk-json-2", breakdown: [], createdAt: at }], { skipExisting: true });
    const rows = await getDb().riskBreakdown.findMany({ where: { hash: { startsWith: "bulk-json-" } }, orderBy: { hash: "asc" } });
    expect(rows.map((r) => r.breakdown)).toEqual([breakdown, []]);
  });

  it("rows read by key inside the client's transaction come back whole and decoded, past one piece of keys", async () => {
    const db = getDb();
    // More keys than one piece of the SQLite read (500), an unknown key and a repeated one among them.
    const rows = Array.from({ length: 1234 }, (_, i) => deviceRow("bulk-keys", `device ${i}`, i));
    await bulkInsert(bulkTarget(db), "Device", DEVICE_COLUMNS, rows);
    const keys = [...rows.map((r) => r.id), "bulk-keys-unknown", "bulk-keys-7"];
    const read = await db.$transaction((tx) => selectByKeys(bulkTarget(db, tx), "Device", "id", { id: "text", riskScore: "int", spoofSuspected: "bool", lastSeenAt: "date" }, keys));
    const byId = new Map(read.map((r) => [r.id, r]));
    expect(read.length).toBe(1234);
    expect(byId.size).toBe(1234);
    expect(byId.get("bulk-keys-1001")).toEqual({ id: "bulk-keys-1001", riskScore: 7007, spoofSuspected: false, lastSeenAt: at });
    expect(byId.get("bulk-keys-600")).toEqual({ id: "bulk-keys-600", riskScore: 4200, spoofSuspected: true, lastSeenAt: at });
  });

  it("an insert that breaks a key writes nothing of its statement", async () => {
    const target = bulkTarget(getDb());
    await expect(bulkInsert(target, "Device", DEVICE_COLUMNS, [deviceRow("bulk-dup", "first", 0), deviceRow("bulk-dup", "again", 0)])).rejects.toThrow();
    expect(await readBack("bulk-dup")).toEqual([]);
  });
});
