// GET /api/exports/ciso-report?period=…&site=… — the CISO report as CSV, one fact per row, for
// anyone signed in. Same parameters (and same fallbacks for bad ones) as the /reports page.
import { canViewDashboard } from "@/lib/auth/roles";
import { CISO_REPORT_CSV_HEADER, cisoReportCsvRows } from "@/lib/domain/risk/ciso-report-figures";
import { csvExportRoute, documentFile, searchOf } from "@/lib/web/csv-export";
import { cisoReportFileName, loadCisoReport, parseCisoReportParams } from "@/lib/queries/ciso-report";

export const dynamic = "force-dynamic";

export const GET = csvExportRoute(canViewDashboard, async (request) => {
  const cisoReport = await loadCisoReport(parseCisoReportParams(searchOf(request)));
  return documentFile(cisoReportFileName(cisoReport), [CISO_REPORT_CSV_HEADER, ...cisoReportCsvRows(cisoReport)]);
});
