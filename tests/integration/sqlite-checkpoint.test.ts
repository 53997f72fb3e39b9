// On SQLite the server copies the write-ahead log back into the database file from a worker
// thread (lib/ops/sqlite-checkpoint.ts), so the writer's commits no longer do it. What shows it: the
// database file itself grows only when a checkpoint copies pages into it.
import { setTimeout as pause } from "node:timers/promises";
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getDb, sqliteConnectionOf } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { checkpointInBackground, FALLBACK_CHECKPOINT_PAGES } from "@/lib/ops/sqlite-checkpoint";

const MIB = 1024 * 1024;

// About 8 MiB of new pages (2,000 rows of 4,000 bytes): twice SQLite's default checkpoint threshold.
const WRITE_PAGES = `INSERT INTO "CheckpointProbe" SELECT randomblob(4000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT i FROM n)`;

describe.skipIf(databaseConfig().provider !== "sqlite")("SQLite checkpoints in a worker thread", () => {
  it("copy committed pages into the database file without the writer, and hand the job back when the worker stops", async () => {
    const db = getDb();
    const { file } = databaseConfig() as { file: string };
    await db.$executeRawUnsafe(`CREATE TABLE "CheckpointProbe" ("data" BLOB)`);
    const writer = sqliteConnectionOf(db)!;

    // Without the worker, at the raised threshold: the pages stay in the log.
    writer.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
    const before = statSync(file).size;
    await db.$executeRawUnsafe(WRITE_PAGES);
    await pause(600);
    expect(statSync(file).size - before).toBeLessThan(MIB);

    const worker = await checkpointInBackground(db, file, 50);
    expect(Number(writer.pragma("wal_autocheckpoint", { simple: true }))).toBe(FALLBACK_CHECKPOINT_PAGES);
    let grown = 0;
    for (let i = 0; i < 60 && grown < 7 * MIB; i++) {
      await pause(50);
      grown = statSync(file).size - before;
    }
    expect(grown).toBeGreaterThan(7 * MIB);
    // Rows written since are read back whole, through the server's connections.
    await db.$executeRawUnsafe(WRITE_PAGES);
    expect(await db.$queryRawUnsafe(`SELECT count(*) AS n FROM "CheckpointProbe"`)).toEqual([{ n: 4000n }]);

    await worker.terminate();
    await pause(50);
    expect(Number(writer.pragma("wal_autocheckpoint", { simple: true }))).toBe(1000);
  });
});
