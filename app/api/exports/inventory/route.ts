// GET /api/exports/inventory?<the inventory's filters> — the filtered inventory as CSV, streamed in
// keyset batches. Any signed-in user (everyone who can see the inventory); audited, since it moves
// the whole inventory out.
import { canViewDashboard } from "@/lib/auth/roles";
import { CATEGORY_LABELS, CRITICALITY_LABELS, label } from "@/lib/domain/words/vocabulary";
import type { CellValue } from "@/lib/web/csv";
import { csvExportRoute, searchOf, viewExportFile } from "@/lib/web/csv-export";
import { parseInventoryParams } from "@/lib/queries/devices";
import { inventoryExportBatches, type InventoryExportRow } from "@/lib/queries/exports";

export const dynamic = "force-dynamic";

const COLUMNS = [
  "device", "category", "vendor", "model", "MAC", "IP", "serial", "firmware", "site", "segment", "status", "criticality",
  "risk score", "risk tier", "SSVC", "first seen (UTC)", "last seen (UTC)", "device id",
];

function csvRow(d: InventoryExportRow): CellValue[] {
  return [
    d.displayName, label(CATEGORY_LABELS, d.category), d.vendor, d.model, d.claimedMac, d.claimedIp, d.claimedSerial, d.firmwareVersion ?? d.claimedFirmware,
    d.site?.name, d.segment?.name, d.status, label(CRITICALITY_LABELS, d.criticality), d.riskScore, d.riskTier, d.ssvc, d.firstSeenAt, d.lastSeenAt, d.id,
  ];
}

export const GET = csvExportRoute(canViewDashboard, async (request, actor) => {
  const filters = { ...parseInventoryParams(searchOf(request)), cursor: undefined };
  return viewExportFile(request, actor, { what: "inventory", filters, header: COLUMNS, batches: (now) => inventoryExportBatches(filters, now), row: csvRow });
});
