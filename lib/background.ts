// Periodic jobs of a server instance. Every instance may run them: each job keeps its progress in
// the database and is idempotent, so two instances only do the same work twice, never wrongly.
import { getDb } from "./db/client";
import { checkSilence } from "./silence";

const SILENCE_EVERY_MS = 60_000;

export function startBackgroundJobs() {
  if (process.env.BACKGROUND_JOBS === "off") return;
  const run = async () => {
    try {
      await checkSilence(getDb());
    } catch (error) {
      console.error(JSON.stringify({ level: "error", msg: "silence check failed", error: String(error) }));
    }
  };
  setTimeout(run, 5_000).unref();
  setInterval(run, SILENCE_EVERY_MS).unref();
}
