// GET /api/v1/devices — the inventory for integrations: the same filters, sort and keyset cursor
// as the Inventory view, a page of at most 200, API key only.
import { withApiKey } from "@/lib/web/api-key-gate";
import { parseDeviceQuery } from "@/lib/web/integration/device-params";
import { deviceSummary } from "@/lib/queries/integration-shapes";
import { listDevices, parseInventoryParams } from "@/lib/queries/devices";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async (request) => {
  const { limit, ...filters } = parseDeviceQuery(new URL(request.url));
  // The cursor, already checked, is handed over as is: the view's parser drops one longer than a
  // shared link needs (a name-sorted cursor can be, with a long hostname).
  const { devices, nextCursor } = await listDevices({ ...parseInventoryParams(filters), cursor: filters.cursor }, limit);
  return { data: devices.map(deviceSummary), nextCursor: nextCursor ?? null };
});
