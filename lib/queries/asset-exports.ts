import "server-only";
// The Assets view's CSV rows, read in keyset batches in the view's own order (as lib/queries/exports.ts
// reads the inventory): every shadow device or register entry the tab and filters select, and the
// shadow devices written "for the register", in a source's saved mapping's columns.
import { getDb, type Prisma } from "../db/client";
import { parseSavedMapping, type RegisterField } from "../domain/assets/register-mapping";
import { entriesBeyond, entryOrder, entrySelect, entryWhere, shadowWhere, withDevices, type AssetEntry, type EntryRow, type AssetParams, type EntryTab } from "./assets";
import { EXPORT_BATCH } from "./exports";

const SHADOW_SELECT = {
  id: true, displayName: true, category: true, vendor: true, model: true, claimedVendor: true, claimedModel: true, claimedMac: true, claimedIp: true,
  claimedHostname: true, claimedSerial: true, firmwareVersion: true, claimedFirmware: true, department: true, location: true, owner: true, status: true,
  riskScore: true, riskTier: true, firstSeenAt: true, lastSeenAt: true, site: { select: { name: true } },
} as const;
export type ShadowExportRow = Prisma.DeviceGetPayload<{ select: typeof SHADOW_SELECT }>;

/** Every shadow device the filters select, riskiest first (the tab's order). */
export async function* shadowExportBatches(p: AssetParams, size = EXPORT_BATCH): AsyncGenerator<ShadowExportRow[]> {
  const where = shadowWhere(p);
  let last: ShadowExportRow | null = null;
  for (;;) {
    // The outer bound gives the planner an index range to start from; the OR skips the ties sent.
    const after: Prisma.DeviceWhereInput | null = last
      ? { AND: [{ riskScore: { lte: last.riskScore } }, { OR: [{ riskScore: { lt: last.riskScore } }, { riskScore: last.riskScore, id: { gt: last.id } }] }] }
      : null;
    const rows: ShadowExportRow[] = await getDb().device.findMany({ where: after ? { AND: [where, after] } : where, orderBy: [{ riskScore: "desc" }, { id: "asc" }], take: size, select: SHADOW_SELECT });
    if (rows.length) yield rows;
    if (rows.length < size) return;
    last = rows[rows.length - 1];
  }
}

/** Every register entry of the tab the filters select, in asset-tag order, with its device. */
export async function* entryExportBatches(tab: EntryTab, p: AssetParams, size = EXPORT_BATCH): AsyncGenerator<AssetEntry[]> {
  const where = entryWhere(tab, p);
  let last: { v: string; id: string } | null = null;
  for (;;) {
    const rows: EntryRow[] = await getDb().asset.findMany({ where: last ? { AND: [where, entriesBeyond(last, "asc")] } : where, orderBy: entryOrder("asc"), take: size, select: entrySelect });
    if (rows.length) yield await withDevices(rows);
    if (rows.length < size) return;
    const end: EntryRow = rows[rows.length - 1];
    last = { v: end.assetTagKey, id: end.id };
  }
}

/** What the network knows of a shadow device, for each register field (the asset tag is left for the register to give). */
export function registerFieldsOf(d: ShadowExportRow): Record<RegisterField, string> {
  return {
    assetTag: "", serial: d.claimedSerial ?? "", mac: d.claimedMac ?? "", hostname: d.claimedHostname ?? "", ip: d.claimedIp ?? "",
    manufacturer: d.vendor ?? d.claimedVendor ?? "", model: d.model ?? d.claimedModel ?? "", deviceType: d.category, department: d.department ?? "",
    location: d.location ?? "", site: d.site?.name ?? "", owner: d.owner ?? "", purchasedOn: "", endOfSupportOn: "",
  };
}

/**
 * The source's columns for the shadow export "for the register": the file's own headers, in its
 * order, each filled from the field mapped to it (other columns left empty); null when the source
 * is unknown or has no saved mapping (pushed through the API, never imported from a file).
 */
export async function registerColumns(sourceId: string): Promise<{ name: string; headers: string[]; fieldOf: (RegisterField | null)[] } | null> {
  const source = await getDb().assetSource.findUnique({ where: { id: sourceId }, select: { name: true, mapping: true } });
  const saved = source ? parseSavedMapping(source.mapping) : null;
  if (!source || !saved) return null;
  const byColumn = new Map(Object.entries(saved.fields).map(([field, column]) => [column, field as RegisterField]));
  const headers = saved.headers.length ? saved.headers : [...byColumn.keys()].filter((c): c is string => !!c);
  return { name: source.name, headers, fieldOf: headers.map((h) => byColumn.get(h) ?? null) };
}
