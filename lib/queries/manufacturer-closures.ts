import "server-only";
import { getDb, type Db } from "../db/client";
import { NEWEST_IMPORT_FIRST } from "../db/feed-in-force";
import { readMatchContext } from "../db/advisory-index";
import { componentVendorClosures, deviceTarget, type MatchContext } from "../domain/vulns/device-matches";
import { vendorView, type Advice, type Closure } from "../domain/vulns/vendor-statements";

/**
 * The advisories' products and the manufacturers' VEX, indexed once per change: they change only
 * with an import (a feed release, a rollback, a VEX), so a device page reads two small facts to
 * know whether the index it holds is still the one in force, instead of every product and statement.
 */
let held: { key: string; ctx: MatchContext } | null = null;

async function vendorContext(db: Db): Promise<MatchContext> {
  const [latest, vex] = await Promise.all([
    db.feedImport.findFirst({ orderBy: NEWEST_IMPORT_FIRST, select: { id: true } }),
    db.vexStatement.aggregate({ _count: { _all: true }, _max: { importedAt: true } }),
  ]);
  const key = `${latest?.id ?? "none"}|${vex._count._all}|${vex._max.importedAt?.toISOString() ?? "none"}`;
  if (held?.key === key) return held.ctx;
  const ctx = await readMatchContext(db);
  held = { key, ctx };
  return ctx;
}

/**
 * What the manufacturer says of one device's matches: per open CVE what to do, and the matches
 * its fixes, product statuses and VEX closed (its own name match, and its SBOM or agent-reported
 * components). Recomputed by the same pure code as the risk refresh, so it shows exactly why a
 * match is absent.
 */
export async function getDeviceVendorView(deviceId: string): Promise<{ advice: Map<string, Advice[]>; closed: Closure[] }> {
  const db = getDb();
  const [device, components, ctx] = await Promise.all([
    db.device.findUnique({ where: { id: deviceId }, select: { id: true, claimedVendor: true, vendor: true, claimedModel: true, model: true, firmwareVersion: true, claimedFirmware: true } }),
    db.sbomComponent.findMany({ where: { deviceId }, select: { name: true, version: true, supplier: true, cpe: true, purl: true, source: true, declared: true } }),
    vendorContext(db),
  ]);
  if (!device) return { advice: new Map(), closed: [] };
  const own = vendorView(deviceTarget({ ...device, components: [] }), ctx.index, (id) => ctx.cvesOf.get(id) ?? [], ctx.vendor, device.id);
  return { advice: own.advice, closed: [...own.closed, ...componentVendorClosures(components, ctx)] };
}
