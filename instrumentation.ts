// Runs once when a server instance starts: background checks that need no request to trigger,
// the heartbeat that tells the command-line tools a dashboard is serving, and on SQLite the
// worker that copies the write-ahead log back into the database file (lib/ops/sqlite-checkpoint.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startHeartbeat } = await import("./lib/ops/heartbeat");
  startHeartbeat();
  const { startBackgroundJobs } = await import("./lib/jobs/scheduler");
  startBackgroundJobs();
  const [{ startReportSchedule }, { loadCisoReport }, { getDb }] = await Promise.all([import("./lib/jobs/report-schedule"), import("./lib/queries/ciso-report"), import("./lib/db/client")]);
  startReportSchedule(getDb, loadCisoReport);
  const { databaseConfig } = await import("./lib/db/config");
  const config = databaseConfig();
  if (config.provider === "sqlite") {
    const [{ checkpointInBackground }, { log }] = await Promise.all([import("./lib/ops/sqlite-checkpoint"), import("./lib/ops/log")]);
    // Without it the writer checkpoints itself, as SQLite does by default: slower, never wrong.
    await checkpointInBackground(getDb(), config.file).catch((error: unknown) => log.warn("SQLite checkpoints stay on the writer", { error: String(error) }));
  }
}
