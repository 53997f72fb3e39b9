// Operations: readiness and the online backup (SQLite backup API, PostgreSQL pg_dump).
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { GET as ready } from "@/app/api/ready/route";
import { backupDatabase } from "@/lib/db/sqlite-backup";
import { backupPostgres } from "@/lib/db/postgres-backup";
import { scratchPostgres } from "@/lib/db/scratch";
import { spawnSync } from "node:child_process";
import { databaseConfig, postgresFields } from "@/lib/db/config";
import { getDb } from "@/lib/db/client";
import { enrol, postReport, pump, report } from "./agent-api";

describe("GET /api/ready", () => {
  it("is ready when the database answers and every migration is applied", async () => {
    const res = await ready();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, database: "ok", pendingMigrations: [] });
  });

  it("is not ready (503) when a migration in the folder has not been applied", async () => {
    const db = getDb();
    const [latest] = await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT "migration_name" FROM "_prisma_migrations" ORDER BY "migration_name" DESC LIMIT 1`);
    await db.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET "migration_name" = 'renamed' WHERE "migration_name" = '${latest.migration_name}'`);
    try {
      const res = await ready();
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ready: false, pendingMigrations: [latest.migration_name] });
    } finally {
      await db.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET "migration_name" = '${latest.migration_name}' WHERE "migration_name" = 'renamed'`);
    }
  });
});

describe.runIf(databaseConfig().provider === "sqlite")("npm run backup (SQLite)", () => {
  it("copies a consistent database while agents keep reporting, and never overwrites a file", async () => {
    const agent = await enrol();
    expect((await postReport(agent.token, report([pump(1), pump(2)]))).status).toBe(202);
    const file = path.join(os.tmpdir(), `iomt-backup-${process.pid}-${Date.now()}.db`);
    try {
      const writing = postReport(agent.token, report([pump(3), pump(4), pump(5)]));
      const result = await backupDatabase(databaseConfig(), file);
      expect((await writing).status).toBe(202);
      expect(result.pages).toBeGreaterThan(0);
      const copy = new Database(file, { readonly: true });
      const devices = (copy.prepare(`SELECT count(*) AS n FROM "Device"`).get() as { n: number }).n;
      const reports = (copy.prepare(`SELECT count(*) AS n FROM "Report"`).get() as { n: number }).n;
      copy.close();
      // Either before or after the concurrent report, never half of it.
      expect([[2, 1], [5, 2]]).toContainEqual([devices, reports]);
      await expect(backupDatabase(databaseConfig(), file)).rejects.toThrow(/never overwrites/);
    } finally {
      rmSync(file, { force: true });
    }
  });
});

describe.runIf(databaseConfig().provider === "postgresql")("npm run backup (PostgreSQL)", () => {
  it("dumps a consistent snapshot with pg_dump while agents keep reporting, restorable with pg_restore, and never overwrites a file", async () => {
    const config = databaseConfig();
    if (config.provider !== "postgresql") return;
    const agent = await enrol();
    expect((await postReport(agent.token, report([pump(1), pump(2)]))).status).toBe(202);
    const file = path.join(os.tmpdir(), `iomt-backup-${process.pid}-${Date.now()}.dump`);
    const restored = await scratchPostgres(config.url, "iomt_test_restore");
    try {
      const writing = postReport(agent.token, report([pump(3), pump(4), pump(5)]));
      const result = await backupPostgres(config, file);
      expect((await writing).status).toBe(202);
      expect(result.entries).toBeGreaterThan(20);
      const restore = spawnSync("pg_restore", ["--no-owner", `--dbname=${restored.url}`, file], { encoding: "utf8" });
      expect(restore.stderr).toBe("");
      const copy = new pg.Client(postgresFields(restored.url));
      await copy.connect();
      const devices = Number((await copy.query(`SELECT count(*) AS n FROM "Device"`)).rows[0].n);
      const reports = Number((await copy.query(`SELECT count(*) AS n FROM "Report"`)).rows[0].n);
      await copy.end();
      expect([[2, 1], [5, 2]]).toContainEqual([devices, reports]);
      await expect(backupPostgres(config, file)).rejects.toThrow(/never overwrites/);
    } finally {
      rmSync(file, { force: true });
      await restored.drop();
    }
  });
});
