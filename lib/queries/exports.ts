import "server-only";
// The rows of the CSV exports (the route handlers choose their columns), read in keyset batches in
// the views' own order: each batch starts after the last row of the one before, so a million
// devices cost a thousand indexed reads and the same memory as one, and no row is sent twice or
// skipped when the data moves underneath.
import { getDb, type Prisma } from "../db/client";
import { INVENTORY_ORDER, inventoryOrder, inventoryWhere, type InventoryParams } from "./devices";
import { afterRisk, keyFactorsOf, riskFilterWhere, type RiskParams } from "./risk-priority";

export const EXPORT_BATCH = 1_000;

/** Reads batches until one comes back short; `after` gives the batch after the given last row. */
async function* keyset<T>(read: (last: T | null) => Promise<T[]>, size: number): AsyncGenerator<T[]> {
  let last: T | null = null;
  for (;;) {
    const rows = await read(last);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    last = rows[rows.length - 1];
  }
}

// ─── Inventory ──────────────────────────────────────────────────────────────────────────────

const INVENTORY_SELECT = {
  id: true, displayName: true, category: true, vendor: true, model: true, claimedMac: true, claimedIp: true, claimedSerial: true,
  firmwareVersion: true, claimedFirmware: true, status: true, criticality: true, riskScore: true, riskTier: true, ssvc: true,
  firstSeenAt: true, lastSeenAt: true, site: { select: { name: true } }, segment: { select: { name: true } },
} as const;
export type InventoryExportRow = Prisma.DeviceGetPayload<{ select: typeof INVENTORY_SELECT }>;

/**
 * Every device the inventory's filters select (the page cursor ignored), in the inventory's order:
 * its sort in the direction the page shows (`dir`), so the file lists exactly the page's rows.
 */
export async function* inventoryExportBatches(p: InventoryParams, now = new Date(), size = EXPORT_BATCH): AsyncGenerator<InventoryExportRow[]> {
  const { dir, idDir } = inventoryOrder(p.sort ?? "risk", p.dir);
  const field = INVENTORY_ORDER[p.sort ?? "risk"].field;
  // Awaited: the filter may need a lookup of its own; computed once, so "last seen" means the same for every batch.
  const where = await inventoryWhere({ ...p, cursor: undefined }, now);
  const after = (last: InventoryExportRow): Prisma.DeviceWhereInput => {
    const value = last[field];
    // The outer bound gives the planner an index range to start from; the OR skips the ties sent.
    const bound = dir === "desc" ? { lte: value } : { gte: value };
    const beyond = dir === "desc" ? { lt: value } : { gt: value };
    return { AND: [{ [field]: bound }, { OR: [{ [field]: beyond }, { [field]: value, id: idDir === "desc" ? { lt: last.id } : { gt: last.id } }] }] };
  };
  yield* keyset<InventoryExportRow>(
    (last) => getDb().device.findMany({ where: last ? { AND: [where, after(last)] } : where, orderBy: [{ [field]: dir }, { id: idDir }], take: size, select: INVENTORY_SELECT }),
    size,
  );
}

// ─── Risk ───────────────────────────────────────────────────────────────────────────────────

const RISK_SELECT = {
  id: true, displayName: true, category: true, criticality: true, status: true, riskScore: true, riskTier: true, ssvc: true, riskComputedAt: true,
  riskAcceptedUntil: true, site: { select: { name: true } }, segment: { select: { name: true } },
} as const;
type RiskDevice = Prisma.DeviceGetPayload<{ select: typeof RISK_SELECT }>;
export type RiskExportRow = RiskDevice & { rank: number; factors: string[]; acceptance: { owner: string; expiresAt: Date } | null };

/**
 * The ranking with the same filters, accepted risks included and flagged with their owner and
 * expiry (the page shows them apart; a file keeps one order). Per batch, two more bounded queries:
 * the newest score rows (top factors) and the running acceptances of the batch's accepted devices.
 */
export async function* riskExportBatches(p: RiskParams, now = new Date(), size = EXPORT_BATCH): AsyncGenerator<RiskExportRow[]> {
  const filters = riskFilterWhere(p);
  let rank = 0;
  const read = async (last: RiskDevice | null) => {
    const where = { AND: last ? [...filters, afterRisk({ s: last.riskScore, id: last.id })] : filters };
    return getDb().device.findMany({ where, orderBy: [{ riskScore: "desc" }, { id: "asc" }], take: size, select: RISK_SELECT });
  };
  for await (const devices of keyset<RiskDevice>(read, size)) {
    const accepted = devices.filter((d) => d.riskAcceptedUntil && d.riskAcceptedUntil > now).map((d) => d.id);
    const [factors, acceptances] = await Promise.all([
      keyFactorsOf(devices),
      accepted.length
        ? getDb().riskAcceptance.findMany({ where: { deviceId: { in: accepted }, revokedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: "desc" }, select: { deviceId: true, owner: true, expiresAt: true } })
        : [],
    ]);
    const acceptanceOf = new Map<string, { owner: string; expiresAt: Date }>();
    for (const a of acceptances) if (!acceptanceOf.has(a.deviceId)) acceptanceOf.set(a.deviceId, { owner: a.owner, expiresAt: a.expiresAt });
    yield devices.map((d) => ({ ...d, rank: ++rank, factors: factors.get(d.id) ?? [], acceptance: acceptanceOf.get(d.id) ?? null }));
  }
}
