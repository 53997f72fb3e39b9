// Which of the migrations shipped in prisma/ (one folder per database kind) the database has not
// applied yet: what readiness (lib/ops/ready.ts) reports. Light on purpose: the migration engine
// itself (migrations.ts) is not loaded by the server's routes.
import { readdirSync } from "node:fs";
import path from "node:path";
import { providerOf, type Db } from "./client";
import type { DatabaseConfig } from "./config";

function shippedMigrations(provider: DatabaseConfig["provider"]): string[] {
  const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", ...(provider === "postgresql" ? ["postgres"] : []), "migrations");
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
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
