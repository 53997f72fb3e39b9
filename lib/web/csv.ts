// CSV for people who open it in a spreadsheet: cells safe against formula injection, quoting by
// csv-stringify (never by hand), and a stream that pulls one batch at a time so a million rows
// leave with flat memory and the first bytes leave at once.
import { stringify } from "csv-stringify/sync";

/** A spreadsheet runs a cell that starts with one of these as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** "=HYPERLINK(…)" → "'=HYPERLINK(…)": shown as text, never run. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CellValue = string | number | boolean | Date | null | undefined;

/** One cell as text: dates in UTC ISO, numbers as they are, strings neutralised, nothing as empty. */
export function csvCell(value: CellValue): string | number {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return neutralise(value);
}

/** Rows of cells to CSV text (CRLF line ends, RFC 4180), every cell through csvCell. */
export function csvLines(rows: CellValue[][]): string {
  // With CR LF records csv-stringify quotes a cell only for a whole CR LF: quote a lone CR or LF too.
  return stringify(rows.map((row) => row.map(csvCell)), { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

/** Spreadsheets read UTF-8 (names in any script) only when the file opens with a byte-order mark. */
export const UTF8_BOM = "\uFEFF";

export type CsvExport<T> = {
  header: string[];
  /** Batches in order; an empty batch ends the export. */
  batches: AsyncIterator<T[]>;
  row: (item: T) => CellValue[];
  /** Called once, whether the export finished or the client went away, with the rows sent. */
  onEnd?: (rows: number, complete: boolean) => Promise<void>;
  signal?: AbortSignal;
};

/**
 * A pull stream: the next batch is read only when the client has taken the previous one, and a
 * client that disconnects stops the reading (cancel, or the request's abort signal).
 */
export function csvStream<T>({ header, batches, row, onEnd, signal }: CsvExport<T>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let rows = 0;
  let ended = false;
  const end = async (complete: boolean) => {
    if (ended) return;
    ended = true;
    await batches.return?.();
    await onEnd?.(rows, complete);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(UTF8_BOM + csvLines([header])));
      },
      async pull(controller) {
        try {
          const next = signal?.aborted ? null : await batches.next();
          if (ended) return; // cancelled while this batch was read: nothing more leaves
          if (!next || next.done || next.value.length === 0) {
            await end(!!next);
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(csvLines(next.value.map(row))));
          rows += next.value.length;
        } catch (error) {
          // The file is cut short: the client sees a failed download, and the audit what left.
          if (ended) return;
          await end(false).catch(() => undefined);
          controller.error(error);
        }
      },
      async cancel() {
        await end(false);
      },
    },
    { highWaterMark: 1 },
  );
}

/** "iomt-inventory-2026-11-29.csv" */
export function csvFileName(what: string, now = new Date()): string {
  return `iomt-${what}-${now.toISOString().slice(0, 10)}.csv`;
}

export function csvHeaders(fileName: string): HeadersInit {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${fileName}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}
