// The migration step of the command-line tools. A tool run beside a serving dashboard (enrolling
// a sensor while agents report is the most ordinary thing an operator does) must not open the
// migration engine, which takes the database to itself: when nothing is pending, reading the
// applied list is enough. Pending migrations are applied only when no dashboard is serving;
// otherwise the tool stops with one line saying what to do.
import { createDb } from "./client";
import type { DatabaseConfig } from "./config";
import { shippedMigrations, unappliedMigrations } from "./migration-status";
import { applyMigrations } from "./migrations";
import { servingNow, type Heartbeat } from "./server-heartbeat";

export class MigrationsPending extends Error {}

function pendingMessage(pending: string[], why: string): string {
  const count = `${pending.length} database migration${pending.length === 1 ? " is" : "s are"} pending (${pending.join(", ")})`;
  return `${count} and ${why}: stop the dashboard, run "npm run db:migrate" (or restart it with "npm start", which applies them), then run this command again.`;
}

const servingText = (h: Heartbeat) => `a dashboard is serving this database (${h.host}, process ${h.pid}, seen ${h.at.toISOString()})`;

/** Pending migrations and whether a server is serving; null pending means no migration table yet. */
async function look(config: DatabaseConfig): Promise<{ pending: string[] | null; serving: Heartbeat | null }> {
  const db = createDb(config);
  try {
    const pending = await unappliedMigrations(db).catch(() => null);
    if (pending !== null && pending.length === 0) return { pending, serving: null };
    return { pending, serving: pending === null ? null : await servingNow(db) };
  } finally {
    await db.$disconnect();
  }
}

/**
 * Applies pending migrations when that is safe; returns their names (empty when up to date).
 * `starting`: a server starting (npm start) applies them even while another instance serves, as
 * an upgrade on PostgreSQL does (README, Deployment); a tool refuses instead.
 */
export async function migrateIfNeeded(config: DatabaseConfig, options: { starting?: boolean } = {}): Promise<string[]> {
  const { pending, serving } = await look(config);
  if (pending !== null && pending.length === 0) return [];
  if (pending && serving && !options.starting) throw new MigrationsPending(pendingMessage(pending, servingText(serving)));
  try {
    return await applyMigrations(config);
  } catch (error) {
    // The engine's own words ("unknown variant 'SocketTimeout'") tell an operator nothing.
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new MigrationsPending(pendingMessage(pending ?? shippedMigrations(config.provider), `they could not be applied now (${detail.slice(0, 200)})`));
  }
}
