// GET /api/exports/ciso-report?period=…&site=… — the CISO report as CSV, one fact per row, for
// anyone signed in. Same parameters (and same fallbacks for bad ones) as the /reports page.
import { canViewDashboard } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { csvHeaders, csvLines, UTF8_BOM } from "@/lib/web/csv";
import { CSV_HEADER, reportCsvRows } from "@/lib/domain/risk/ciso-report";
import { route } from "@/lib/web/json-gate";
import { loadReport, parseReportParams, reportFileName } from "@/lib/queries/ciso-report";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  await requirePermission(canViewDashboard);
  const params = parseReportParams(Object.fromEntries(new URL(request.url).searchParams));
  const report = await loadReport(params);
  return new Response(UTF8_BOM + csvLines([CSV_HEADER, ...reportCsvRows(report)]), { headers: csvHeaders(reportFileName(report)) });
});
