// CSV downloads (GET /api/exports/…): the route handler names who may download and what the
// file holds; this module does the rest the same way for every export.
import { audit } from "../db/audit-trail";
import type { Actor } from "../auth/roles";
import { requirePermission, type SessionUser } from "../auth/session";
import { getDb } from "../db/client";
import { csvFileName, csvHeaders, csvLines, csvStream, UTF8_BOM, type CellValue } from "./csv";
import { route } from "./json-gate";

export type CsvFile = { name: string; body: string | ReadableStream<Uint8Array> };

/** The URL's query, as the views' parameter parsers take it. */
export const searchOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** A GET route handler that answers `make`'s file as an attachment, to the people `allowed` (checked on the server). */
export function csvExportRoute(allowed: (actor: Actor) => boolean, make: (request: Request, actor: SessionUser) => Promise<CsvFile>) {
  return route(async (request: Request) => {
    const actor = await requirePermission(allowed);
    const file = await make(request, actor);
    return new Response(file.body, { headers: csvHeaders(file.name) });
  });
}

export type ViewExport<F, T> = {
  /** "inventory": the file iomt-inventory-YYYY-MM-DD.csv, the audit action export.inventory. */
  what: string;
  /** The view's filters, kept in the audit log. */
  filters: F;
  header: string[];
  /** Every row the filters select, in the view's order, batch by batch; `now` is the export's time. */
  batches: (now: Date) => AsyncIterator<T[]>;
  row: (item: T) => CellValue[];
};

/**
 * A whole filtered view, streamed a batch at a time (see csvStream), so a million devices leave
 * with flat memory. Every export moves data out, so each is audited with its filters, the rows
 * sent and whether the download completed.
 */
export function viewExportFile<F, T>(request: Request, actor: SessionUser, view: ViewExport<F, T>): CsvFile {
  const now = new Date();
  const body = csvStream({
    header: view.header,
    batches: view.batches(now),
    row: view.row,
    signal: request.signal,
    onEnd: (rows, complete) => audit(getDb(), { actor, action: `export.${view.what}`, targetType: "device", after: { filters: JSON.parse(JSON.stringify(view.filters)), rows, complete } }),
  });
  return { name: csvFileName(view.what, now), body };
}

/** A document already in memory (a report), as one CSV text. */
export function documentFile(name: string, rows: CellValue[][]): CsvFile {
  return { name, body: UTF8_BOM + csvLines(rows) };
}
