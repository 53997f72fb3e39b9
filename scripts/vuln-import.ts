// npm run vuln:import -- <files or folders…> [--device <id or MAC>]
// Imports CISA KEV, FIRST EPSS (CSV or .csv.gz), CSAF 2.0 advisories and CycloneDX SBOMs; the
// format is detected from the content. All files are validated before anything is written. Then
// every device the import concerns is rematched and rescored, with a progress bar.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { refreshRisk } from "../lib/jobs/risk-refresh";
import { findDeviceForSbom, importFeeds, type ImportFile } from "../lib/vulns/import";
import { runCli } from "./lib/cli";
import { progressBar } from "./lib/progress";

const FEED_FILE = /\.(?:json|csv|gz)$/i;

function collect(path: string): ImportFile[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new Error(`${path}: no such file or folder`);
  if (!stat.isDirectory()) return [{ name: path, bytes: readFileSync(path) }];
  return readdirSync(path).filter((f) => FEED_FILE.test(f)).sort().flatMap((f) => collect(join(path, f)));
}

runCli(async (db) => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { device: { type: "string" } } });
  if (positionals.length === 0) throw new Error("usage: npm run vuln:import -- <files or folders…> [--device <id or MAC>]");
  const files = positionals.flatMap(collect);
  const deviceId = values.device ? await findDeviceForSbom(db, values.device) : undefined;
  const importing = progressBar("importing");
  const outcomes = await importFeeds(db, files, { actor: { system: "cli" }, deviceId, onProgress: (done, total, file) => importing.update(done, total, file) });
  importing.stop();
  for (const o of outcomes) console.log(`${o.status.padEnd(9)} ${o.feed.padEnd(9)} ${o.file}  ${Object.entries(o.summary).map(([k, v]) => `${k}=${v}`).join(" ")}`);
  const scoring = progressBar("rescoring");
  const summary = await refreshRisk(db, { trigger: "feed", onProgress: (done, total) => scoring.update(done, total) });
  scoring.stop();
  console.log(`rescored ${summary.rescored} of ${summary.devices} devices; ${summary.matches} vulnerability matches, ${summary.needsReview} need review`);
});
