// npm run risk:recompute   rematches and rescores every device (after a model change, say).
import { refreshRisk } from "../lib/jobs/risk-refresh";
import { refreshTally } from "../lib/jobs/tally";
import { runCli } from "./lib/cli";
import { progressBar } from "./lib/progress";

runCli(async (db) => {
  const bar = progressBar("recomputing");
  const started = performance.now();
  const summary = await refreshRisk(db, { trigger: "full", all: true, onProgress: (done, total) => bar.update(done, total) });
  bar.stop();
  console.log(`${summary.devices} devices in ${((performance.now() - started) / 1000).toFixed(1)} s: ${summary.rescored} scores changed, ${summary.matches} vulnerability matches, ${summary.needsReview} need review`);
  // The overview's counts follow the new scores at once, not at the server's next recount.
  const tally = await refreshTally(db);
  console.log(`overview counts refreshed in ${(tally.ms / 1000).toFixed(1)} s`);
});
