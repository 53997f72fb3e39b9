// Migrations without the native Prisma schema engine (it cannot be downloaded on air-gapped
// machines): the same engine compiled to WebAssembly, talking to the database through our driver
// adapters. Folders and the _prisma_migrations table follow Prisma's layout (checksum = sha-256 of
// migration.sql), so the official CLI can take over wherever its binary is available.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Database from "better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { postgresMigrationAdapter, sqliteAdapter } from "./adapters";
import type { DatabaseConfig } from "./config";
import { migrationsDir, shippedMigrations } from "./migration-status";

type Provider = DatabaseConfig["provider"];
// The inventory search's trigram index (SQLite: an FTS5 virtual table and its shadow tables;
// PostgreSQL: a table with a GIN index, kept by triggers), created in migrations' raw SQL, is not
// Prisma's to diff or drop.
const SQLITE_EXTERNAL = ["DeviceSearch", "DeviceSearch_config", "DeviceSearch_data", "DeviceSearch_docsize", "DeviceSearch_idx", "DeviceSearch_content"];
// PostgreSQL wants names with their schema: the dashboard's tables are in "public" (config.ts reads
// no schema from the URL).
const POSTGRES_EXTERNAL = ["public.DeviceSearch"];
const filters = (provider: Provider) => ({ externalTables: provider === "sqlite" ? SQLITE_EXTERNAL : POSTGRES_EXTERNAL, externalEnums: [] });

export function schemaPath(provider: Provider): string {
  return provider === "sqlite" ? "prisma/schema.prisma" : "prisma/postgres/schema.prisma";
}

let wasmReady = false;
function initWasm() {
  if (wasmReady) return;
  const require = createRequire(import.meta.url);
  const wasmFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmFile)), {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  (bg as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(instance.exports);
  (instance.exports as unknown as { __wbindgen_start(): void }).__wbindgen_start();
  wasmReady = true;
}

/**
 * The engine replays whole migration files on the shadow database through executeRaw, which runs
 * one statement only; a parameterless raw call is sent as a script instead.
 */
function scriptAware(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}

// The engine reads a partial index's definition (Device_blocked_idx) with its name as a
// double-quoted string, which SQLite takes for a string only when built to allow that (DQS);
// better-sqlite3 is built without, so describing the database failed with "column not found".
const PARTIAL_INDEX_SQL = /^(SELECT sql FROM sqlite_master WHERE type = 'index' AND name = )"((?:[^"]|"")*)";?$/;

/** SQLite: that one query with the name as a string literal, as the engine means it. */
function partialIndexAware(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const quoted = PARTIAL_INDEX_SQL.exec(query.sql);
    if (!quoted) return queryRaw(query);
    const name = quoted[2].replaceAll('""', '"').replaceAll("'", "''");
    return queryRaw({ ...query, sql: `${quoted[1]}'${name}'` });
  };
  return adapter;
}

type OpenEngine = { engine: SchemaEngine; close(): Promise<void> };

async function openEngine(config: DatabaseConfig): Promise<OpenEngine> {
  initWasm();
  const file = schemaPath(config.provider);
  const inner = config.provider === "sqlite" ? sqliteAdapter(config.file) : postgresMigrationAdapter(config.url);
  // The engine does not close the connections it opens; a lingering SQLite connection would
  // hold locks and time out the next migration, so they are tracked and disposed here.
  const opened: SqlDriverAdapter[] = [];
  const track = async (connection: Promise<SqlDriverAdapter>) => {
    const adapter = await connection;
    opened.push(adapter);
    return config.provider === "sqlite" ? partialIndexAware(adapter) : adapter;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb().then(scriptAware)),
  });
  const log = (line: string) => {
    if (process.env.DEBUG_MIGRATIONS) console.error(line);
  };
  const engine = await bg.SchemaEngine.new({ datamodels: [[file, readFileSync(file, "utf8")]] }, log, factory);
  return {
    engine,
    async close() {
      engine.free();
      await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
    },
  };
}

/** The shipped migrations; `before`: only those older than the one named `<timestamp>_<before>` (a migration's test starts there). */
export function readMigrationList(provider: Provider, before?: string): MigrationList {
  const baseDir = migrationsDir(provider);
  const shipped = shippedMigrations(provider);
  const cut = before ? shipped.findIndex((name) => name.endsWith(`_${before}`)) : -1;
  if (before && cut < 0) throw new Error(`no migration named ${before}`);
  const names = before ? shipped.slice(0, cut) : shipped;
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(baseDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file) ? { tag: "ok", value: readFileSync(file, "utf8") } : { tag: "error", value: "missing migration.sql" },
        },
      };
    }),
  };
}

export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

// WAL lets the views read while ingestion writes; the mode is stored in the file itself.
function enableWal(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
}

async function withEngine<T>(config: DatabaseConfig, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  if (config.provider === "sqlite") enableWal(config.file);
  const { engine, close } = await openEngine(config);
  try {
    return await run(engine);
  } finally {
    await close();
  }
}

/**
 * Applies pending migrations; returns the names applied (empty when up to date). `before`: stop
 * short of the migration of that name, so a test can write data as an older release stored it.
 */
export async function applyMigrations(config: DatabaseConfig, options: { before?: string } = {}): Promise<string[]> {
  return withEngine(config, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrationList(config.provider, options.before), filters: filters(config.provider) });
    return out.appliedMigrationNames;
  });
}

export type MigrationStatus = { applied: boolean; pending: string[]; problems: string[] };

export async function migrationStatus(config: DatabaseConfig): Promise<MigrationStatus> {
  return withEngine(config, async (engine) => {
    const list = readMigrationList(config.provider);
    const out = await engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: filters(config.provider) });
    const problems = [
      ...out.editedMigrationNames.map((n) => `migration ${n} was edited after it was applied`),
      ...out.failedMigrationNames.map((n) => `migration ${n} failed`),
    ];
    const history = out.history;
    let pending: string[] = [];
    if (!out.hasMigrationsTable) pending = list.migrationDirectories.map((d) => d.path);
    else if (history?.diagnostic === "databaseIsBehind") pending = history.unappliedMigrationNames;
    else if (history?.diagnostic === "historiesDiverge") {
      pending = history.unappliedMigrationNames;
      problems.push(`database has migrations not in the folder: ${history.unpersistedMigrationNames.join(", ")}`);
    } else if (history?.diagnostic === "migrationsDirectoryIsBehind") {
      problems.push(`database has migrations not in the folder: ${history.unpersistedMigrationNames.join(", ")}`);
    }
    return { applied: pending.length === 0 && problems.length === 0, pending, problems };
  });
}

/**
 * Creates a migration from the difference between the migrations folder and the schema, against
 * the given scratch database, and writes it in Prisma's layout. Returns the folder name, or null
 * when the schema has no changes.
 */
export async function createMigration(config: DatabaseConfig, name: string): Promise<string | null> {
  return withEngine(config, async (engine) => {
    const list = readMigrationList(config.provider);
    // On a fresh database the engine needs the history applied before it can diagnose (P1014).
    await engine.applyMigrations({ migrationsList: list, filters: filters(config.provider) });
    const diagnostic = await engine.devDiagnostic({ migrationsList: list, filters: filters(config.provider) });
    if (diagnostic.action.tag === "reset") throw new Error(`the scratch database needs a reset: ${diagnostic.action.reason}`);
    const file = schemaPath(config.provider);
    const out = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList: list,
      schema: { files: [{ path: file, content: readFileSync(file, "utf8") }] },
      filters: filters(config.provider),
    });
    if (!out.migrationScript) return null;
    const dir = path.join(list.baseDir, out.generatedMigrationName);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), out.migrationScript);
    const lock = path.join(list.baseDir, "migration_lock.toml");
    if (!existsSync(lock)) writeFileSync(lock, `# Written by npm run db:migrate:dev\nprovider = "${out.connectorType}"\n`);
    return out.generatedMigrationName;
  });
}

/**
 * The SQL that would take the database to the Prisma schema; empty when they agree. Used by the
 * drift test: migrations applied to a fresh database must produce exactly the schema.
 */
export async function schemaDiffAgainst(config: DatabaseConfig): Promise<string> {
  return withEngine(config, async (engine) => {
    const file = schemaPath(config.provider);
    const files = [{ path: file, content: readFileSync(file, "utf8") }];
    const out = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: path.resolve(".") },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: filters(config.provider),
    });
    return (out.stdout ?? "").replace(/^-- This is an empty migration\.\s*$/m, "").trim();
  });
}
