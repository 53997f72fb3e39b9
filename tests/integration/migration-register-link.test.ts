// The migration that moved a device's register link from Device."assetId" into DeviceRegisterLink
// keeps every link an older release made: a scratch database migrated up to just before it, given
// data as that release stored it, then migrated to the end. On SQLite the column is dropped in
// place, so the full-text search table still finds devices by their rowids (a deleted device leaves
// a gap a table copy would close) and its triggers still follow updates.
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrations";
import { devicesWithSearchText } from "@/lib/db/device-search";
import { scratchPostgres, scratchSqlite, type ScratchDatabase } from "@/lib/db/scratch";

const config = databaseConfig();
const sqlite = config.provider === "sqlite";
let scratch: ScratchDatabase;
let db: Db;

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

/** Inserts a row as raw SQL, in whichever placeholder style the database takes. */
async function insert(table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row);
  const marks = columns.map((_, i) => (sqlite ? "?" : `$${i + 1}`));
  await db.$executeRawUnsafe(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${marks.join(", ")})`, ...Object.values(row));
}

describe("the register link migration", () => {
  it("moves the links an older release stored on Device into DeviceRegisterLink, and the search still finds devices", async () => {
    scratch = sqlite ? scratchSqlite() : await scratchPostgres(config.url, "iomt_test_link");
    await applyMigrations(scratch.config, { before: "device_register_link" });
    db = createDb(scratch.config);
    const now = sqlite ? new Date().toISOString() : new Date();
    await insert("AssetSource", { id: "src-1", name: "Nuvolo", updatedAt: now });
    await insert("Asset", { id: "asset-1", sourceId: "src-1", assetTag: "AT-1", assetTagKey: "AT-1", updatedAt: now });
    await insert("Device", { id: "dev-1", displayName: "Pump", searchText: "pump alaris 8015", assetId: "asset-1", updatedAt: now });
    await insert("Device", { id: "dev-2", displayName: "Monitor", searchText: "monitor intellivue", updatedAt: now });
    await insert("Device", { id: "dev-3", displayName: "Printer", searchText: "printer laserjet", updatedAt: now });
    await db.$executeRawUnsafe(`DELETE FROM "Device" WHERE "id" = 'dev-2'`);

    // The migration engine wants the database to itself.
    await db.$disconnect();
    expect((await applyMigrations(scratch.config))[0]).toMatch(/_device_register_link$/);
    db = createDb(scratch.config);
    expect(await db.deviceRegisterLink.findMany()).toEqual([{ deviceId: "dev-1", assetId: "asset-1" }]);
    expect(await devicesWithSearchText(db, "laserjet", 10)).toEqual(["dev-3"]);
    await db.device.update({ where: { id: "dev-3" }, data: { searchText: "printer colorjet" } });
    expect(await devicesWithSearchText(db, "colorjet", 10)).toEqual(["dev-3"]);
    expect(await devicesWithSearchText(db, "laserjet", 10)).toEqual([]);
  });
});
