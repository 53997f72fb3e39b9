// Where the database is. No configuration means an embedded SQLite file under data/ (ignored by
// git); DATABASE_URL=postgresql://… switches the same app to PostgreSQL.
import os from "node:os";
import path from "node:path";

/** The environment variables read; a plain record so tests can pass their own. */
export type Env = Record<string, string | undefined>;

/** A whole-number setting, checked: `fallback` when unset, an error naming it when not a whole number from `min` to `max`. */
export function wholeNumberSetting(env: Env, name: string, fallback: number, max: number, min = 0): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}

export type DatabaseConfig =
  | { provider: "sqlite"; file: string }
  | { provider: "postgresql"; url: string };

export function dataDir(env: Env = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR || "data");
}

export function databaseConfig(env: Env = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { provider: "sqlite", file: path.join(dataDir(env), "iomt.db") };
  if (url.startsWith("file:")) return { provider: "sqlite", file: path.resolve(/*turbopackIgnore: true*/ url.slice("file:".length)) };
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  throw new Error("DATABASE_URL must start with postgresql://, postgres:// or file:");
}

/** Connection fields from a PostgreSQL URL (the pg pool needs them apart: see adapters.ts). */
export function postgresFields(url: string) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || process.env.PGUSER || os.userInfo().username,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || undefined,
    ssl: u.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
  };
}

/** The PostgreSQL database name alone, for messages that must not echo a password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.provider === "sqlite") return `SQLite ${config.file}`;
  const f = postgresFields(config.url);
  return `PostgreSQL ${f.host}:${f.port}/${f.database ?? ""}`;
}
