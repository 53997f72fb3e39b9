// SQLite transactions take the write lock when they begin (lib/db/client.ts beginImmediate), so a
// command-line tool and the server in two processes wait for each other instead of failing with
// SQLITE_BUSY on a stale snapshot. Within the process, statements outside a transaction neither
// read an open transaction's rows nor join it (lib/db/sqlite-reads.ts); on both databases.
import { setTimeout as pause } from "node:timers/promises";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { bulkTarget, bulkUpdate } from "@/lib/db/bulk";
import { getDb } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";

describe("SQLite write transactions", () => {
  it("hold the writer lock from their first statement, even one that only reads", async () => {
    const config = databaseConfig();
    if (config.provider !== "sqlite") return;
    const other = new Database(config.file, { timeout: 0 });
    try {
      let attempt: unknown = "not tried";
      await getDb().$transaction(async (tx) => {
        await tx.user.count();
        try {
          other.prepare("BEGIN IMMEDIATE").run();
          other.prepare("ROLLBACK").run();
          attempt = "got the lock";
        } catch (error) {
          attempt = (error as { code?: string }).code;
        }
      });
      expect(attempt).toBe("SQLITE_BUSY");
      // Released at commit: the other process gets it now.
      other.prepare("BEGIN IMMEDIATE").run();
      other.prepare("ROLLBACK").run();
    } finally {
      other.close();
    }
  });
});

describe("statements outside a transaction, while one is open", () => {
  it("read only what was committed, and a write made meanwhile outlives the transaction's rollback", async () => {
    const db = getDb();
    await db.device.createMany({ data: [{ id: "iso-a", displayName: "a" }, { id: "iso-b", displayName: "b" }, { id: "iso-c", displayName: "c" }] });
    const open = db
      .$transaction(async (tx) => {
        await tx.device.update({ where: { id: "iso-a" }, data: { displayName: "a, uncommitted" } });
        await pause(300);
        throw new Error("the report's transaction fails");
      })
      .catch((error: Error) => error.message);
    await pause(50);
    expect((await db.device.findUniqueOrThrow({ where: { id: "iso-a" } })).displayName).toBe("a");
    expect((await db.$queryRawUnsafe<{ displayName: string }[]>(`SELECT "displayName" FROM "Device" WHERE "id" = 'iso-a'`))[0].displayName).toBe("a");
    // A person's edit, an ORM bulk write and a raw write, made while the transaction is open.
    await db.device.update({ where: { id: "iso-b" }, data: { displayName: "b, a person's edit" } });
    await db.device.updateMany({ where: { id: "iso-b" }, data: { vendor: "edited too" } });
    await db.$executeRawUnsafe(`UPDATE "Device" SET "model" = 'raw' WHERE "id" = 'iso-b'`);
    await bulkUpdate(bulkTarget(db), "Device", "id", { location: "text" }, [{ id: "iso-c", location: "ward 4" }]);
    expect(await open).toBe("the report's transaction fails");
    const [a, b, c] = await db.device.findMany({ where: { id: { in: ["iso-a", "iso-b", "iso-c"] } }, orderBy: { id: "asc" } });
    expect(a.displayName).toBe("a");
    expect([b.displayName, b.vendor, b.model]).toEqual(["b, a person's edit", "edited too", "raw"]);
    expect(c.location).toBe("ward 4");
  });

  it("a write outside a transaction that fails changes nothing and leaves the next one working", async () => {
    const db = getDb();
    await db.device.create({ data: { id: "iso-d", displayName: "d" } });
    await expect(db.device.create({ data: { id: "iso-d", displayName: "again" } })).rejects.toThrow();
    await db.device.update({ where: { id: "iso-d" }, data: { displayName: "d2" } });
    expect((await db.device.findUniqueOrThrow({ where: { id: "iso-d" } })).displayName).toBe("d2");
  });
});
