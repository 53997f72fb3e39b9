// GET /api/v1/alerts — alerts for integrations: the Alerts view's filters and keyset cursor,
// most recently raised first, a page of at most 200, API key only.
import { parseAlertQuery } from "@/lib/web/integration/alert-params";
import { withApiKey } from "@/lib/web/api-key-gate";
import { alertSummary } from "@/lib/queries/integration-shapes";
import { listAlerts, parseAlertParams } from "@/lib/queries/alerts";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async (request) => {
  const { limit, ...filters } = parseAlertQuery(new URL(request.url));
  const { alerts, nextCursor } = await listAlerts({ ...parseAlertParams(filters), cursor: filters.cursor }, limit);
  return { data: alerts.map(alertSummary), nextCursor: nextCursor ?? null };
});
