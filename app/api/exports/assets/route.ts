// GET /api/exports/assets?tab=…&<the Assets view's filters> — the tab as CSV, every row, streamed in
// keyset batches. With tab=shadow&format=register&source=<id>: the shadow devices in that source's
// saved mapping's columns (asset tag empty), for clinical engineering to add to the CMMS. Any
// signed-in user (everyone who can see the view); audited, as every export.
import { canViewDashboard } from "@/lib/auth/roles";
import { CATEGORY_LABELS, label } from "@/lib/domain/words/vocabulary";
import { entryExportBatches, registerColumns, registerFieldsOf, shadowExportBatches, type ShadowExportRow } from "@/lib/queries/asset-exports";
import { parseAssetParams, tabOf, type AssetEntry } from "@/lib/queries/assets";
import type { CellValue } from "@/lib/web/csv";
import { csvExportRoute, searchOf, viewExportFile } from "@/lib/web/csv-export";
import { badRequest } from "@/lib/web/errors";

export const dynamic = "force-dynamic";

const SHADOW_COLUMNS = ["device", "category", "vendor", "model", "MAC", "IP", "hostname", "serial", "site", "department", "location", "status", "risk score", "risk tier", "first seen (UTC)", "last seen (UTC)", "device id"];
const shadowRow = (d: ShadowExportRow): CellValue[] => [
  d.displayName, label(CATEGORY_LABELS, d.category), d.vendor ?? d.claimedVendor, d.model ?? d.claimedModel, d.claimedMac, d.claimedIp, d.claimedHostname, d.claimedSerial,
  d.site?.name, d.department, d.location, d.status, d.riskScore, d.riskTier, d.firstSeenAt, d.lastSeenAt, d.id,
];

const ENTRY_COLUMNS = [
  "asset tag", "source", "state", "serial", "MAC", "hostname", "IP", "manufacturer", "model", "device type", "department", "location", "owner",
  "disagreements", "linked by", "confidence", "device", "device last seen (UTC)", "risk score", "not a network device because", "retired (UTC)", "device id",
];
const entryRow = (e: AssetEntry): CellValue[] => [
  e.assetTag, e.source.name, e.state, e.serial, e.mac, e.hostname, e.ip, e.manufacturer, e.model, e.deviceType, e.department, e.location, e.owner,
  e.mismatches.map((m) => `${m.field}: register ${m.register ?? "—"}, network ${m.network ?? "—"}`).join("; "),
  e.linkKey, e.linkConfidence, e.device?.displayName, e.device?.lastSeenAt, e.device?.riskScore, e.notNetworkReason, e.retiredAt, e.deviceId,
];

export const GET = csvExportRoute(canViewDashboard, async (request, actor) => {
  const search = searchOf(request);
  const filters = { ...parseAssetParams(search), cursor: undefined, size: undefined };
  const tab = tabOf(filters);
  if (search.format === "register") {
    if (tab !== "shadow") throw badRequest("invalid_format", "Only the shadow tab exports for the register.");
    const columns = filters.source ? await registerColumns(filters.source) : null;
    if (!columns) throw badRequest("invalid_source", "Choose a register source imported from a file: its saved mapping gives the columns.");
    const what = "shadow-for-register";
    return viewExportFile(request, actor, {
      what, filters: { ...filters, format: "register" }, header: columns.headers, batches: () => shadowExportBatches({ ...filters, source: undefined }),
      row: (d: ShadowExportRow) => { const fields = registerFieldsOf(d); return columns.fieldOf.map((f) => (f ? fields[f] : "")); },
    });
  }
  if (tab === "shadow") return viewExportFile(request, actor, { what: "assets-shadow", filters, header: SHADOW_COLUMNS, batches: () => shadowExportBatches(filters), row: shadowRow });
  return viewExportFile(request, actor, { what: `assets-${tab.replace("_", "-")}`, filters, header: ENTRY_COLUMNS, batches: () => entryExportBatches(tab, filters), row: entryRow });
});
