// Every integration test file gets its own fresh database with all migrations applied:
// SQLite by default, or a new database on the PostgreSQL server that DATABASE_URL points at.
import { afterAll, beforeAll } from "vitest";
import { createDb, setDb } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrations";
import { scratchPostgres, scratchSqlite, type ScratchDatabase } from "@/lib/db/scratch";

let scratch: ScratchDatabase;

beforeAll(async () => {
  // Tests sign in as administrators without a second factor all the time; the rule that they must
  // enrol one (lib/auth/identity-config.ts) is tested where a test deletes this (sessions, two-factor).
  process.env.ADMIN_TWO_FACTOR ??= "optional";
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
