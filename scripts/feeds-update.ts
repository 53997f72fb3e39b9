// npm run feeds:update [-- --feed kev|epss|csaf] [--json]
// Fetches the CISA KEV catalog, the FIRST EPSS scores and new CISA medical advisories (CSAF) from
// their sources (feed page setting, else FEEDS_KEV_URL / FEEDS_EPSS_URL / FEEDS_CSAF_URL, else the
// official URL), imports what changed, then rescores the devices concerned. One line per feed;
// exit 1 if any feed failed. Another update already running: says so and exits 0.
import { parseArgs } from "node:util";
import { refreshRisk } from "../lib/jobs/risk-refresh";
import { UPDATABLE_FEEDS, type UpdatableFeed } from "../lib/domain/words/feed-sources";
import { updateFeeds, type FeedRun } from "../lib/feeds/update";
import { runCli } from "./lib/cli";

const USAGE = "usage: npm run feeds:update [-- --feed kev|epss|csaf] [--json]";

function line(run: FeedRun): string {
  const what = run.summary ? Object.entries(run.summary).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : String(v)}`).join(" ") : "";
  return `${run.outcome.padEnd(9)} ${run.feed.padEnd(5)} ${run.error ?? what}  (${run.url})`;
}

runCli(async (db) => {
  const { values } = parseArgs({ options: { feed: { type: "string", multiple: true }, json: { type: "boolean" } } });
  const feeds = (values.feed ?? []).flatMap((f) => f.split(","));
  const unknown = feeds.filter((f) => !UPDATABLE_FEEDS.includes(f as UpdatableFeed));
  if (unknown.length) throw new Error(`unknown feed ${unknown.join(", ")}; ${USAGE}`);
  const result = await updateFeeds(db, { trigger: "cli", feeds: feeds.length ? (feeds as UpdatableFeed[]) : undefined });
  if (result.status === "busy") {
    if (values.json) console.log(JSON.stringify(result));
    else console.log(result.message);
    return;
  }
  const rescore = result.runs.some((r) => r.outcome === "updated") ? await refreshRisk(db, { trigger: "feed" }) : null;
  if (values.json) console.log(JSON.stringify({ ...result, rescored: rescore?.rescored ?? 0 }));
  else {
    for (const run of result.runs) console.log(line(run));
    if (rescore) console.log(`rescored ${rescore.rescored} of ${rescore.devices} devices; ${rescore.matches} vulnerability matches, ${rescore.needsReview} need review`);
  }
  // runCli exits 0 on return: a failed feed is reported as the CLI's error, hence exit 1.
  const failed = result.runs.filter((r) => r.outcome === "failed");
  if (failed.length) throw new Error(`${failed.map((r) => r.feed).join(", ")} failed; nothing of ${failed.length === 1 ? "it" : "them"} was changed`);
});
