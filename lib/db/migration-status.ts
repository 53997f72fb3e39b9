// Which migrations are shipped in prisma/ (one folder per database kind), and which of them the
// database has not applied yet: what readiness (lib/ops/ready.ts) reports. Light on purpose: the
// migration engine (migrations.ts, which takes its folder list from here) is not loaded by the
// server's routes.
import { readdirSync } from "node:fs";
import path from "node:path";
import { providerOf, type Db } from "./client";
import type { DatabaseConfig } from "./config";

/** Where the migrations of a database kind live: prisma/migrations, or prisma/postgres/migrations. */
export function migrationsDir(provider: DatabaseConfig["provider"]): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", ...(provider === "postgresql" ? ["postgres"] : []), "migrations");
}

/** The migrations shipped for a database kind, oldest first (their folders' names sort by date). */
export function shippedMigrations(provider: DatabaseConfig["provider"]): string[] {
  try {
    return readdirSync(migrationsDir(provider), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
}

/** The shipped migrations the database has not applied, in order. Throws when the database does not answer. */
export async function unappliedMigrations(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`);
  const applied = new Set(rows.map((r) => r.migration_name));
  return shippedMigrations(providerOf(db)).filter((name) => !applied.has(name));
}
