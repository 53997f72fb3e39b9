// Online backup of the embedded SQLite database with SQLite's own backup API: consistent while
// the dashboard keeps running and agents keep reporting (pages are copied in steps; writes made
// meanwhile restart the copy of what they touched). PostgreSQL has its own tools (pg_dump).
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import type { DatabaseConfig } from "./config";

export type BackupResult = { file: string; bytes: number; pages: number };

export async function backupDatabase(config: DatabaseConfig, destination: string): Promise<BackupResult> {
  if (config.provider !== "sqlite") throw new Error("this database is PostgreSQL: see postgres-backup.ts");
  if (!existsSync(config.file)) throw new Error(`no database at ${config.file}`);
  const target = path.resolve(destination);
  if (existsSync(target)) throw new Error(`${target} already exists; a backup never overwrites a file`);
  await mkdir(path.dirname(target), { recursive: true });
  const source = new Database(config.file, { readonly: true, fileMustExist: true });
  try {
    const progress = await source.backup(target);
    const copy = new Database(target, { readonly: true });
    try {
      const check = copy.pragma("quick_check", { simple: true });
      if (check !== "ok") throw new Error(`the backup failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    const pageSize = source.pragma("page_size", { simple: true }) as number;
    return { file: target, bytes: progress.totalPages * pageSize, pages: progress.totalPages };
  } finally {
    source.close();
  }
}
