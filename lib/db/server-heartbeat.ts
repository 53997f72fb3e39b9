// A serving dashboard says so in the database every HEARTBEAT_EVERY_MS. The command-line tools
// read it before migrating: the migration engine wants the database to itself, which it cannot
// have beside a server taking agent reports.
import { hostname } from "node:os";
import type { Db } from "./client";

const KEY = "server.heartbeat";
export const HEARTBEAT_EVERY_MS = 30_000;
/** A beat older than this is a server that has stopped (three missed beats). */
const STALE_AFTER_MS = 3 * HEARTBEAT_EVERY_MS;

export type Heartbeat = { at: Date; host: string; pid: number };

export async function beat(db: Db, at = new Date()): Promise<void> {
  const value = JSON.stringify({ at: at.toISOString(), host: hostname(), pid: process.pid });
  await db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
}

/** The newest beat if a server beat within the last 90 seconds, else null. */
export async function servingNow(db: Db, now = new Date()): Promise<Heartbeat | null> {
  const row = await db.setting.findUnique({ where: { key: KEY }, select: { value: true } });
  if (!row) return null;
  try {
    const parsed = JSON.parse(row.value) as { at: string; host: string; pid: number };
    const at = new Date(parsed.at);
    return now.getTime() - at.getTime() < STALE_AFTER_MS ? { at, host: String(parsed.host), pid: Number(parsed.pid) } : null;
  } catch {
    return null;
  }
}
