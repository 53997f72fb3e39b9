import { describe, expect, it } from "vitest";
import { databaseConfig } from "@/lib/db/config";
import { applyMigrations, migrationStatus, readMigrationList } from "@/lib/db/migrations";
import { getDb } from "@/lib/db/client";

describe("migrations", () => {
  it("a fresh database is up to date after npm run db:migrate, and applying again changes nothing", async () => {
    const config = databaseConfig();
    expect(await migrationStatus(config)).toEqual({ applied: true, pending: [], problems: [] });
    expect(await applyMigrations(config)).toEqual([]);
  });

  it("records each migration in Prisma's table with the sha-256 checksum of its SQL", async () => {
    const list = readMigrationList(databaseConfig().provider);
    const rows = await getDb().$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const { createHash } = await import("node:crypto");
    expect(rows.map((r) => r.migration_name)).toEqual(list.migrationDirectories.map((d) => d.path));
    for (const dir of list.migrationDirectories) {
      const sql = dir.migrationFile.content.tag === "ok" ? dir.migrationFile.content.value : "";
      expect(rows.find((r) => r.migration_name === dir.path)?.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    }
  });

  it("the migrations produce exactly the schema (no change left to migrate)", async () => {
    // createMigration against this database would write a folder if the schema had drifted
    // from the migrations; diff through the engine instead and expect nothing.
    const { schemaDiffAgainst } = await import("@/lib/db/migrations");
    expect(await schemaDiffAgainst(databaseConfig())).toBe("");
  });

  it("runs SQLite in WAL mode with a busy timeout", async () => {
    const config = databaseConfig();
    if (config.provider !== "sqlite") return;
    const mode = await getDb().$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode[0].journal_mode).toBe("wal");
    const timeout = await getDb().$queryRawUnsafe<{ timeout: number | bigint }[]>("PRAGMA busy_timeout");
    expect(Number(timeout[0].timeout)).toBeGreaterThanOrEqual(5000);
  });
});
