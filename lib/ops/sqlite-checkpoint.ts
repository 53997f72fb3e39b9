// SQLite in WAL mode appends each commit to the write-ahead log, and every so often copies the
// log back into the database file (a checkpoint). By default the connection whose commit takes
// the log past 1,000 pages does it, inside that COMMIT, on the server's only JavaScript thread:
// with reports of 1,000 observations that was nearly every report's commit. Timed per statement
// under bench:ingest (8,000 devices, 4 agents), COMMIT was the costliest statement the server ran:
// 4.8 s of 30, 35 ms a report. Here a worker thread with a connection of its own copies the log
// back every quarter second, beside the server's writer (a PASSIVE checkpoint takes no lock a
// writer waits for), and the writer's own checkpoint is kept only as the fallback of a worker
// that falls behind or stops. Durability does not change: each commit still syncs the log.
import { Worker } from "node:worker_threads";
import { sqliteConnectionOf, type Db } from "../db/client";
import { log } from "./log";

/** The writer's own checkpoint once the worker runs: at 10,000 pages (40 MiB of log) rather than 1,000. */
export const FALLBACK_CHECKPOINT_PAGES = 10_000;
const SQLITE_DEFAULT_CHECKPOINT_PAGES = 1_000;
const EVERY_MS = 250;

// The worker's whole program. better-sqlite3 is resolved from the server's working directory
// (the checkout), as the server's own copy is: it is not bundled (next.config.mjs).
const PROGRAM = `
const { workerData } = require("node:worker_threads");
const Database = require(require.resolve("better-sqlite3", { paths: [process.cwd()] }));
const db = new Database(workerData.file, { fileMustExist: true });
setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    // Another process checkpointing at that moment (a command-line tool's commit): next time.
    if (error.code !== "SQLITE_BUSY" && error.code !== "SQLITE_LOCKED") throw error;
  }
}, workerData.everyMs);
`;

/**
 * Starts the checkpointing worker for the client's SQLite file and raises its writer's own
 * threshold. If the worker cannot run, the writer checkpoints at SQLite's default again.
 */
export async function checkpointInBackground(db: Db, file: string, everyMs = EVERY_MS): Promise<Worker> {
  await db.$connect();
  const writer = sqliteConnectionOf(db);
  if (!writer) throw new Error("checkpointInBackground needs a SQLite client");
  const worker = new Worker(PROGRAM, { eval: true, workerData: { file, everyMs } });
  worker.unref();
  writer.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
  worker.on("error", (error) => log.warn("the SQLite checkpoint worker failed", { error: String(error) }));
  worker.on("exit", () => {
    if (writer.open) writer.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_CHECKPOINT_PAGES}`);
  });
  return worker;
}
