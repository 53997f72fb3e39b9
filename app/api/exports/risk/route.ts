// GET /api/exports/risk?<the risk page's filters> — the risk ranking as CSV, streamed in keyset
// batches, with SSVC, the top factors and accepted risks flagged with owner and expiry. Any
// signed-in user; audited like every export.
import { canViewDashboard } from "@/lib/auth/roles";
import { CATEGORY_LABELS, CRITICALITY_LABELS, label } from "@/lib/domain/words/vocabulary";
import type { CellValue } from "@/lib/web/csv";
import { csvExportRoute, searchOf, viewExportFile } from "@/lib/web/csv-export";
import { riskExportBatches, type RiskExportRow } from "@/lib/queries/exports";
import { parseRiskParams } from "@/lib/queries/risk-priority";

export const dynamic = "force-dynamic";

const COLUMNS = [
  "rank", "device", "category", "criticality", "site", "segment", "status", "risk score", "risk tier", "SSVC", "top factors",
  "risk accepted", "accepted until (UTC)", "acceptance owner", "scored at (UTC)", "device id",
];

function csvRow(d: RiskExportRow): CellValue[] {
  return [
    d.rank, d.displayName, label(CATEGORY_LABELS, d.category), label(CRITICALITY_LABELS, d.criticality), d.site?.name, d.segment?.name, d.status,
    d.riskScore, d.riskTier, d.ssvc, d.factors.join("; "), !!d.acceptance, d.acceptance?.expiresAt, d.acceptance?.owner, d.riskComputedAt, d.id,
  ];
}

export const GET = csvExportRoute(canViewDashboard, async (request, actor) => {
  const filters = { ...parseRiskParams(searchOf(request)), after: undefined };
  return viewExportFile(request, actor, { what: "risk", filters, header: COLUMNS, batches: (now) => riskExportBatches(filters, now), row: csvRow });
});
