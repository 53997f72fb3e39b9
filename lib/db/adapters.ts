// Prisma driver adapters for both databases, shared by the app's client and the migration runner.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { DriverAdapterError, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { postgresFields, type DatabaseConfig } from "./config";
import { adminQuery } from "./scratch";

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;
/**
 * A command-line tool beside a serving dashboard waits its turn for SQLite's single writer: under
 * agent load the server holds it most of the time, and SQLite's busy handler only polls for it.
 */
export const SQLITE_TOOL_BUSY_TIMEOUT_MS = 120_000;

// The schema engine's catalog queries return columns of type "char" (OID 18), which adapter-pg
// refuses. Reporting them as text (OID 25) is exact for the single-byte values involved.
class CharAsTextClient extends pg.Client {
  // pg's query() is heavily overloaded (promise or callback); this only rewrites result metadata.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      args[last] = (err: unknown, res: any) => callback(err, charAsText(res));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    return result && typeof result.then === "function" ? result.then(charAsText) : result;
  }
}

function charAsText<T extends { fields?: { dataTypeID: number }[] } | undefined>(res: T): T {
  for (const field of res?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
  return res;
}

export function sqliteAdapter(file: string, busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS) {
  mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaBetterSqlite3({ url: file, timeout: busyTimeoutMs });
}

/**
 * No JIT compilation: PostgreSQL compiles the expressions of any statement the planner costs above
 * jit_above_cost before running it, 50–70 ms at a million devices (even for an EXPLAIN), while the
 * dashboard's statements run in milliseconds to a few hundred; a common search paid it twice.
 */
const SESSION_OPTIONS = "-c jit=off";

export function postgresAdapter(url: string, options: { max?: number } = {}) {
  // Separate fields rather than a connection string: adapter-pg derives the shadow database by
  // overriding `database`, which a connection string would silently win over.
  return new PrismaPg({ ...postgresFields(url), options: SESSION_OPTIONS, max: options.max ?? 10, Client: CharAsTextClient });
}

export function adapterFor(config: DatabaseConfig, options: { max?: number } = {}) {
  return config.provider === "sqlite" ? sqliteAdapter(config.file) : postgresAdapter(config.url, options);
}

/**
 * For the schema engine on PostgreSQL: adapter-pg drops its shadow database before closing the
 * pool that still uses it, so the drop fails. Here the pool is closed first, then the database
 * is dropped.
 */
export function postgresMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const main = postgresAdapter(url, { max: 2 });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => wholeScripts(await main.connect()),
    async connectToShadowDb() {
      const name = `iomt_shadow_${randomBytes(6).toString("hex")}`;
      await adminQuery(url, `CREATE DATABASE "${name}"`);
      const adapter = wholeScripts(await new PrismaPg({ ...postgresFields(url), database: name, max: 2, Client: CharAsTextClient }).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return adapter;
    },
  };
}

/**
 * adapter-pg runs a migration script by splitting it at every ";", which cuts a function body
 * (`$body$ … ; … $body$`) in pieces. PostgreSQL takes the whole script as one simple query, as
 * Prisma's native engine sends it: its statements then run in one implicit transaction, so a
 * migration that fails leaves nothing half-applied.
 */
function wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const pool = (adapter as SqlDriverAdapter & { underlyingDriver?(): unknown }).underlyingDriver?.();
  if (!(pool instanceof pg.Pool)) throw new Error("adapter-pg no longer exposes its pool: migrations with function bodies cannot be applied");
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      if (!(error instanceof pg.DatabaseError)) throw error;
      throw new DriverAdapterError({
        kind: "postgres", code: error.code ?? "", severity: error.severity ?? "ERROR", message: error.message,
        detail: error.detail, column: error.column, hint: error.hint, originalCode: error.code, originalMessage: error.message,
      });
    }
  };
  return adapter;
}
