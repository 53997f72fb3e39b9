// GET /api/exports/inventory?<the inventory's filters> — the filtered inventory as CSV, streamed in
// keyset batches. Any signed-in user (everyone who can see the inventory); audited, since it moves
// the whole inventory out.
import { audit } from "@/lib/commands/audit-trail";
import { canViewDashboard } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { csvFileName, csvHeaders, csvStream } from "@/lib/web/csv";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/web/json-gate";
import { parseInventoryParams } from "@/lib/queries/devices";
import { INVENTORY_COLUMNS, inventoryCsvRow, inventoryExportBatches } from "@/lib/queries/exports";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  const actor = await requirePermission(canViewDashboard);
  const filters = { ...parseInventoryParams(Object.fromEntries(new URL(request.url).searchParams)), cursor: undefined };
  const now = new Date();
  const body = csvStream({
    header: INVENTORY_COLUMNS,
    batches: inventoryExportBatches(filters, now),
    row: inventoryCsvRow,
    signal: request.signal,
    onEnd: (rows, complete) => audit(getDb(), { actor, action: "export.inventory", targetType: "device", after: { filters: JSON.parse(JSON.stringify(filters)), rows, complete } }),
  });
  return new Response(body, { headers: csvHeaders(csvFileName("inventory", now)) });
});
