// Periodic jobs of a server instance. Every instance may run them: each job keeps its progress in
// the database and is idempotent, so two instances only do the same work twice, never wrongly.
import { getDb } from "./db/client";
import { refreshRisk } from "./risk/refresh";
import { expireAcceptances } from "./risk/edits";
import { applyRetention } from "./retention";
import { checkSilence } from "./silence";
import { log } from "./log";

const SILENCE_EVERY_MS = 60_000;
// Ingestion marks devices stale; this pass rescores them shortly after, off the request path.
const RISK_EVERY_MS = 5_000;
const RETENTION_EVERY_MS = 3_600_000;

function every(name: string, ms: number, job: () => Promise<unknown>, firstAfterMs = 5_000) {
  let running = false;
  const run = async () => {
    if (running) return; // a long pass (a feed import's full rematch) is never run twice at once
    running = true;
    try {
      await job();
    } catch (error) {
      log.error(`${name} failed`, { error: String(error) });
    } finally {
      running = false;
    }
  };
  setTimeout(run, firstAfterMs).unref();
  setInterval(run, ms).unref();
}

export function startBackgroundJobs() {
  if (process.env.BACKGROUND_JOBS === "off") return;
  every("silence check", SILENCE_EVERY_MS, () => checkSilence(getDb()));
  every("risk refresh", RISK_EVERY_MS, async () => {
    await expireAcceptances(getDb());
    await refreshRisk(getDb(), { trigger: "ingest" });
  }, 2_000);
  every("observation retention", RETENTION_EVERY_MS, () => applyRetention(getDb()), 60_000);
}
