// Periodic jobs of a server instance. Every instance may run them: each job keeps its progress in
// the database and is idempotent, so two instances only do the same work twice, never wrongly.
import { getDb } from "../db/client";
import { refreshRisk } from "./risk-refresh";
import { expireAcceptances } from "./acceptance-expiry";
import { applyRetention } from "./retention";
import { checkSilence } from "./silence";
import { tallyTick } from "./tally";
import { log } from "../ops/log";
import { parseFeedsInterval } from "../feeds/interval";
import { updateFeeds } from "../feeds/update";
import { fanOut } from "../outbound/fan-out";
import { deliverDue } from "../outbound/delivery-job";
import { runPolicyReevaluations } from "./policy-reevaluation";
import { reconcileChangedDevices } from "./asset-reconciliation";
import { watchFirmware } from "./firmware-watch";

const SILENCE_EVERY_MS = 60_000;
// Ingestion marks devices stale; this pass rescores them shortly after, off the request path.
const RISK_EVERY_MS = 5_000;
const RETENTION_EVERY_MS = 3_600_000;
// The overview's counts (lib/jobs/tally.ts): checked this often, recounted when due (see tallyDue).
const TALLY_TICK_MS = 5_000;
const OUTBOUND_EVERY_MS = 2_000;
const FIRMWARE_WATCH_EVERY_MS = 10_000;

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
  every("policy re-evaluation", 2_000, () => runPolicyReevaluations(getDb()), 2_000); // a saved policy also starts it at once (settings/policies/actions.ts); this resumes an interrupted one
  // Devices seen since the last pass, against the asset register (an import runs a full pass itself).
  every("asset reconciliation", 10_000, () => reconcileChangedDevices(getDb()), 10_000);
  // Firmware change plans: windows opening and closing, devices verified or failed, changes classified.
  every("firmware watch", FIRMWARE_WATCH_EVERY_MS, () => watchFirmware(getDb()), 10_000);
  // Set when something changed the counts (the risk pass rescored devices, or the server just
  // started); cleared by the recount that follows.
  let tallyChanged = true;
  every("risk refresh", RISK_EVERY_MS, async () => {
    await expireAcceptances(getDb());
    const summary = await refreshRisk(getDb(), { trigger: "ingest" });
    if (summary.devices > 0) tallyChanged = true;
  }, 2_000);
  every("tally", TALLY_TICK_MS, async () => {
    // Cleared before the recount, so a change that lands during it is counted by the next one.
    const changed = tallyChanged;
    tallyChanged = false;
    let counted = false;
    try {
      counted = (await tallyTick(getDb(), changed)) !== null;
    } finally {
      if (!counted && changed) tallyChanged = true;
    }
  }, 1_000);
  // Webhooks and syslog (lib/outbound): queue new alerts and audit entries, then send what is due.
  const outboundEvery = Number(process.env.OUTBOUND_EVERY_MS) > 0 ? Number(process.env.OUTBOUND_EVERY_MS) : OUTBOUND_EVERY_MS;
  every("outbound fan-out", outboundEvery, () => fanOut(getDb()), 3_000);
  every("outbound delivery", outboundEvery, () => deliverDue(getDb()), 3_000);
  every("observation retention", RETENTION_EVERY_MS, () => applyRetention(getDb()), 60_000);
  scheduleFeedUpdates();
}

/** FEEDS_UPDATE_INTERVAL: off unless set; a bad value is logged and leaves it off. */
function scheduleFeedUpdates() {
  const interval = parseFeedsInterval(process.env.FEEDS_UPDATE_INTERVAL);
  if ("error" in interval) {
    log.error("feeds update schedule is off", { error: interval.error });
    return;
  }
  if (interval.ms === null) return;
  log.info("feeds update scheduled", { everyMinutes: interval.ms / 60_000 });
  // The risk refresh above rescores what an import marks stale.
  every("feeds update", interval.ms, async () => {
    const result = await updateFeeds(getDb(), { trigger: "schedule" });
    if (result.status === "busy") log.info("feeds update skipped", { reason: result.message });
    else for (const run of result.runs) (run.outcome === "failed" ? log.warn : log.info)(`feeds update: ${run.feed} ${run.outcome}`, { url: run.url, error: run.error ?? undefined, summary: run.summary ?? undefined });
  }, 60_000);
}
