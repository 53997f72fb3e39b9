// npm run db:migrate                     apply pending migrations to the configured database
// npm run db:status                      show whether the database is current
// npm run db:migrate:dev -- --name x     create migrations (SQLite and PostgreSQL) from schema changes
import { parseArgs } from "node:util";
import { databaseConfig, describeDatabase } from "../../lib/db/config";
import { applyMigrations, createMigration, migrationStatus } from "../../lib/db/migrations";
import { scratchPostgres, scratchSqlite } from "../../lib/db/scratch";
import { createDb } from "../../lib/db/client";
import type { DatabaseConfig } from "../../lib/db/config";
import { servingNow } from "../../lib/db/server-heartbeat";
import { unappliedMigrations } from "../../lib/db/migration-status";

const DEFAULT_POSTGRES_SERVER = "postgresql://localhost:5432/postgres";

async function deploy() {
  const config = databaseConfig();
  const applied = await applyMigrations(config).catch(async (error: unknown) => {
    // The engine wants the database to itself; its own words ("SocketTimeout") do not say why.
    const serving = await servingNowOn(config).catch(() => null);
    if (!serving) throw error;
    throw new Error(`migrations cannot be applied while a dashboard serves this database (${serving.host}, process ${serving.pid}): stop it, then run "npm run db:migrate" again, or restart it with "npm start", which applies them`);
  });
  console.log(applied.length ? `applied ${applied.join(", ")} to ${describeDatabase(config)}` : `${describeDatabase(config)} is up to date`);
}

async function servingNowOn(config: DatabaseConfig) {
  const db = createDb(config);
  try {
    return await servingNow(db);
  } finally {
    await db.$disconnect();
  }
}

async function status() {
  const config = databaseConfig();
  const s = await migrationStatus(config).catch(async (error: unknown) => {
    // Beside a serving dashboard the engine may not get the database: the applied list is enough.
    if (!(await servingNowOn(config).catch(() => null))) throw error;
    const db = createDb(config);
    try {
      const pending = await unappliedMigrations(db);
      return { applied: pending.length === 0, pending, problems: [] };
    } finally {
      await db.$disconnect();
    }
  });
  console.log(`${describeDatabase(config)}: ${s.applied ? "up to date" : "NOT up to date"}`);
  for (const name of s.pending) console.log(`  pending: ${name}`);
  for (const problem of s.problems) console.log(`  problem: ${problem}`);
  return s.applied ? 0 : 1;
}

async function dev(name: string) {
  if (!/^[a-z0-9_]{1,60}$/.test(name)) throw new Error("--name must be 1-60 characters of a-z, 0-9 and _");
  // Each provider's migration is diffed against a scratch database holding the existing history,
  // so the developer's own data never matters.
  const sqlite = scratchSqlite();
  try {
    console.log(`sqlite: ${(await createMigration(sqlite.config, name)) ?? "no schema changes"}`);
  } finally {
    await sqlite.drop();
  }
  const server = process.env.MIGRATE_POSTGRES_URL || DEFAULT_POSTGRES_SERVER;
  const postgres = await scratchPostgres(server, "iomt_migrate");
  try {
    console.log(`postgresql: ${(await createMigration(postgres.config, name)) ?? "no schema changes"}`);
  } finally {
    await postgres.drop();
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "deploy") return deploy().then(() => 0);
  if (command === "status") return status();
  if (command === "dev") {
    const { values } = parseArgs({ args: rest, options: { name: { type: "string" } } });
    if (!values.name) throw new Error("usage: npm run db:migrate:dev -- --name <migration_name>");
    return dev(values.name).then(() => 0);
  }
  throw new Error("usage: migrate.ts deploy | status | dev --name <name>");
}

// The schema engine keeps the event loop alive; exit explicitly.
main().then(
  (code) => process.exit(code ?? 0),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
