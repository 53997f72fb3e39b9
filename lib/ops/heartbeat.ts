// Every server instance beats in the database while it serves (lib/db/server-heartbeat.ts), so
// the command-line tools know not to migrate under it. Independent of BACKGROUND_JOBS: an
// instance that runs no jobs still serves.
import { getDb } from "../db/client";
import { beat, HEARTBEAT_EVERY_MS } from "../db/server-heartbeat";
import { log } from "./log";

export function startHeartbeat() {
  const run = () => beat(getDb()).catch((error: unknown) => log.warn("heartbeat not written", { error: String(error) }));
  void run();
  setInterval(run, HEARTBEAT_EVERY_MS).unref();
}
