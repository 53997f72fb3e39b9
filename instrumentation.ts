// Runs once when a server instance starts: background checks that need no request to trigger.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundJobs } = await import("./lib/jobs/scheduler");
  startBackgroundJobs();
}
