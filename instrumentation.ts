// Runs once when a server instance starts: background checks that need no request to trigger,
// and the heartbeat that tells the command-line tools a dashboard is serving.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startHeartbeat } = await import("./lib/ops/heartbeat");
  startHeartbeat();
  const { startBackgroundJobs } = await import("./lib/jobs/scheduler");
  startBackgroundJobs();
  const [{ startReportSchedule }, { loadCisoReport }, { getDb }] = await Promise.all([import("./lib/jobs/report-schedule"), import("./lib/queries/ciso-report"), import("./lib/db/client")]);
  startReportSchedule(getDb, loadCisoReport);
}
