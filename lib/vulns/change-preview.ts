// What a planned firmware change would clear (issue 17), read by the risk refresh's own loaders
// (lib/jobs/risk-refresh.ts) and computed by its matcher and risk model
// (lib/domain/changes/risk-preview.ts): the score after is the model's, not an estimate.
import type { Db } from "../db/client";
import { bulkTarget } from "../db/bulk";
import { desiredMatches } from "../domain/vulns/device-matches";
import { previewDevice, suggestFromMatches, summarizePreview, type ChangePreview, type PreviewContext, type PreviewDevice, type Suggestions } from "../domain/changes/risk-preview";
import { loadContext, loadVulns, readDevices } from "../jobs/risk-refresh";

export type { AdvisorySuggestion, ChangePreview, DevicePreview } from "../domain/changes/risk-preview";

/** The devices and the context with every fact their scoring needs, read as the refresh reads a batch. */
async function readForPreview(db: Db, deviceIds: string[]): Promise<{ devices: PreviewDevice[]; ctx: PreviewContext }> {
  const [ctx, devices] = await Promise.all([loadContext(db), readDevices(bulkTarget(db), [...new Set(deviceIds)])]);
  await loadVulns(db, ctx, devices.flatMap((d) => desiredMatches(d, ctx).map((m) => m.cve)));
  return { devices, ctx };
}

/** Each device's score now and with the target version, and what the change closes. Unknown ids are left out. */
export async function previewChange(db: Db, deviceIds: string[], targetVersion: string): Promise<ChangePreview> {
  const { devices, ctx } = await readForPreview(db, deviceIds);
  return summarizePreview(devices.map((d) => previewDevice(d, targetVersion.trim(), ctx)));
}

/** The advisories matched on the devices with the versions that fix them, and the target that closes the most. */
export async function suggestAdvisories(db: Db, deviceIds: string[]): Promise<Suggestions> {
  const { devices, ctx } = await readForPreview(db, deviceIds);
  const ids = new Set(devices.flatMap((d) => desiredMatches(d, ctx).flatMap((m) => (m.advisoryId ? [m.advisoryId] : []))));
  const titles = ids.size ? await db.advisory.findMany({ where: { id: { in: [...ids] } }, select: { id: true, title: true } }) : [];
  return suggestFromMatches(devices, ctx, new Map(titles.map((a) => [a.id, a.title])));
}
