// Every integration test file gets its own fresh database with all migrations applied:
// SQLite by default, or a new database on the PostgreSQL server that DATABASE_URL points at.
import { afterAll, beforeAll } from "vitest";
import { createDb, setDb } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrations";
import { scratchPostgres, scratchSqlite, type ScratchDatabase } from "@/lib/db/scratch";

let scratch: ScratchDatabase;

beforeAll(async () => {
  const configured = databaseConfig();
  scratch = configured.provider === "postgresql" ? await scratchPostgres(configured.url, "iomt_test") : scratchSqlite();
  process.env.DATABASE_URL = scratch.url;
  await applyMigrations(scratch.config);
  await setDb(createDb(scratch.config));
});

afterAll(async () => {
  await setDb(undefined);
  await scratch?.drop();
});
