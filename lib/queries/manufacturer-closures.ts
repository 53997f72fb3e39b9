import "server-only";
import { getDb } from "../db/client";
import { deviceTarget, matchContext } from "../domain/vulns/device-matches";
import { vendorView, vexRule, type Advice, type Closure, type RemediationNote } from "../domain/vulns/vendor-statements";

/**
 * What the manufacturer says of one device's matches: per open CVE what to do, and the matches
 * its fixes, product statuses and VEX closed. Recomputed from the stored advisories and VEX by
 * the same pure code as the risk refresh, so it shows exactly why a match is absent.
 */
export async function getDeviceVendorView(deviceId: string): Promise<{ advice: Map<string, Advice[]>; closed: Closure[] }> {
  const db = getDb();
  const [device, products, vex] = await Promise.all([
    db.device.findUnique({ where: { id: deviceId }, select: { id: true, claimedVendor: true, vendor: true, claimedModel: true, model: true, firmwareVersion: true, claimedFirmware: true } }),
    db.affectedProduct.findMany({ select: { id: true, advisoryId: true, vendor: true, product: true, versionRange: true, cves: true, status: true, remediations: true } }),
    db.vexStatement.findMany(),
  ]);
  if (!device) return { advice: new Map(), closed: [] };
  const ctx = matchContext(products.map((p) => ({ ...p, cves: p.cves as string[], remediations: p.remediations as RemediationNote[] | null })), vex.map(vexRule));
  return vendorView(deviceTarget({ ...device, components: [] }), ctx.index, (id) => ctx.cvesOf.get(id) ?? [], ctx.vendor, device.id);
}
