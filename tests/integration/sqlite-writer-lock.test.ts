// SQLite transactions take the write lock when they begin (lib/db/client.ts beginImmediate), so a
// command-line tool and the server in two processes wait for each other instead of failing with
// SQLITE_BUSY on a stale snapshot.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
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
