// GET /api/exports/audit?<the audit log's filters> — the filtered audit log as CSV, with names
// beside ids and each entry's reason, streamed in keyset batches. Admins and analysts (those who
// may read the log); audited like every export.
import { canViewAuditLog } from "@/lib/auth/roles";
import { auditExportBatches, parseAuditParams, type AuditRow } from "@/lib/queries/audit";
import { auditNames, auditReason, type AuditNames } from "@/lib/queries/audit-names";
import type { CellValue } from "@/lib/web/csv";
import { csvExportRoute, searchOf, viewExportFile } from "@/lib/web/csv-export";

export const dynamic = "force-dynamic";

const COLUMNS = ["when (UTC)", "who", "who (account id)", "action", "object", "object name", "object id", "reason", "before", "after", "IP", "entry id"];

type NamedEntry = { entry: AuditRow; names: AuditNames };

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

function csvRow({ entry: e, names }: NamedEntry): CellValue[] {
  return [
    e.at, e.actorLabel, e.actorId, e.action, e.targetType, names.target(e.targetType, e.targetId), e.targetId,
    auditReason(e.after), json(e.before), json(e.after), e.ip, e.id,
  ];
}

/** Each batch with the names its entries mention, read once per batch. */
async function* named(batches: AsyncGenerator<AuditRow[]>): AsyncGenerator<NamedEntry[]> {
  for await (const batch of batches) {
    const names = await auditNames(batch);
    yield batch.map((entry) => ({ entry, names }));
  }
}

export const GET = csvExportRoute(canViewAuditLog, async (request, actor) => {
  const filters = { ...parseAuditParams(searchOf(request)), cursor: undefined };
  return viewExportFile(request, actor, { what: "audit", filters, header: COLUMNS, batches: () => named(auditExportBatches(filters)), row: csvRow });
});
