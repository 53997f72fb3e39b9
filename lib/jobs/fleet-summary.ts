// The Fleets view's counts, recounted ahead (FleetSummary): grouping a million devices and their
// matches per page load cannot answer in 300 ms, so the tally pass (lib/jobs/tally.ts) recounts
// them on its cadence, every minute and within seconds after agents report, and the view
// (lib/queries/fleets.ts) reads the few thousand counted rows. How they are counted:
// lib/db/fleet-counts.ts.
import type { Db } from "../db/client";
import { countFleetGroups, replaceFleetSummary } from "../db/fleet-counts";

/**
 * Recounts every (vendor, model, firmware, site, category) group of non-retired devices and
 * replaces the summary with the result, stamped `now`. Returns how long it took and how many
 * rows it wrote.
 */
export async function refreshFleetSummary(db: Db, now = new Date(), options: { scanChunk?: number } = {}): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const groups = await countFleetGroups(db, options.scanChunk);
  await replaceFleetSummary(db, groups, now);
  return { ms: Math.round(performance.now() - started), rows: groups.length };
}
