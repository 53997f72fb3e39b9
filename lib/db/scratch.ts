// Throw-away databases: for creating migrations against an empty schema, and for tests.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { postgresFields, type DatabaseConfig } from "./config";

export type ScratchDatabase = { config: DatabaseConfig; url: string; drop(): Promise<void> };

export function scratchSqlite(): ScratchDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), "iomt-db-"));
  const file = path.join(dir, "scratch.db");
  return {
    config: { provider: "sqlite", file },
    url: `file:${file}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Creates an empty database on the server that `serverUrl` points at. */
export async function scratchPostgres(serverUrl: string, prefix = "iomt_scratch"): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { provider: "postgresql", url: url.toString() },
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/**
 * A scratch database of either kind, for benchmarks and the proving scripts: PostgreSQL on the
 * server DATABASE_URL names (default: the local one), else a SQLite file.
 */
export function scratchDatabase(kind: string | undefined, prefix: string): Promise<ScratchDatabase> {
  if (kind === "postgres") return scratchPostgres(process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "postgresql://localhost:5432/postgres", prefix);
  if (kind !== "sqlite") throw new Error("--db must be sqlite or postgres");
  return Promise.resolve(scratchSqlite());
}

export async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ ...postgresFields(serverUrl) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
