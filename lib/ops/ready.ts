// Readiness: the database answers and every migration in the folder has been applied to it. A
// load balancer sends no traffic to an instance that is not ready (e.g. a new version started
// before `npm run db:migrate`), and an orchestrator does not restart it for that (liveness is
// /api/health).
import type { Db } from "../db/client";
import { unappliedMigrations } from "../db/migration-status";

export type Readiness = { ready: boolean; database: "ok" | "unreachable"; pendingMigrations: string[] };

export async function readiness(db: Db): Promise<Readiness> {
  let pendingMigrations: string[];
  try {
    pendingMigrations = await unappliedMigrations(db);
  } catch {
    return { ready: false, database: "unreachable", pendingMigrations: [] };
  }
  return { ready: pendingMigrations.length === 0, database: "ok", pendingMigrations };
}
