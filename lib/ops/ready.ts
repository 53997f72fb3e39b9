// Readiness: the database answers and every migration in the folder has been applied to it. A
// load balancer sends no traffic to an instance that is not ready (e.g. a new version started
// before `npm run db:migrate`), and an orchestrator does not restart it for that (liveness is
// /api/health).
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Db } from "../db/client";
import { providerOf } from "../db/client";

export type Readiness = { ready: boolean; database: "ok" | "unreachable"; pendingMigrations: string[] };

function migrationNames(provider: string): string[] {
  const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", ...(provider === "postgresql" ? ["postgres"] : []), "migrations");
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
}

export async function readiness(db: Db): Promise<Readiness> {
  let applied: string[];
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`);
    applied = rows.map((r) => r.migration_name);
  } catch {
    return { ready: false, database: "unreachable", pendingMigrations: [] };
  }
  const done = new Set(applied);
  const pendingMigrations = migrationNames(providerOf(db)).filter((name) => !done.has(name));
  return { ready: pendingMigrations.length === 0, database: "ok", pendingMigrations };
}
