// GET /api/exports/risk?<the risk page's filters> — the risk ranking as CSV, streamed in keyset
// batches, with SSVC, the top factors and accepted risks flagged with owner and expiry. Any
// signed-in user; audited like every export.
import { audit } from "@/lib/commands/audit-trail";
import { canViewDashboard } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { csvFileName, csvHeaders, csvStream } from "@/lib/web/csv";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/web/json-gate";
import { RISK_COLUMNS, riskCsvRow, riskExportBatches } from "@/lib/queries/exports";
import { parseRiskParams } from "@/lib/queries/risk";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  const actor = await requirePermission(canViewDashboard);
  const filters = { ...parseRiskParams(Object.fromEntries(new URL(request.url).searchParams)), after: undefined };
  const now = new Date();
  const body = csvStream({
    header: RISK_COLUMNS,
    batches: riskExportBatches(filters, now),
    row: riskCsvRow,
    signal: request.signal,
    onEnd: (rows, complete) => audit(getDb(), { actor, action: "export.risk", targetType: "device", after: { filters: JSON.parse(JSON.stringify(filters)), rows, complete } }),
  });
  return new Response(body, { headers: csvHeaders(csvFileName("risk", now)) });
});
