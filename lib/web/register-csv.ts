// An asset register CSV as CMMS exports write it: a byte-order mark or not, quoted fields, CRLF or
// LF, and "," or ";" (European spreadsheets) as the delimiter, detected from the header line.
// Parsing is csv-parse's; this module only bounds it and names the problems by row, as a
// spreadsheet numbers them (the header is row 1).
import { CsvError, parse } from "csv-parse/sync";
import { MAX_COLUMNS, MAX_HEADER_LENGTH, type RegisterProblem } from "../domain/assets/register-mapping";

/** Beyond these the upload is refused before it is parsed row by row. */
export const MAX_REGISTER_BYTES = 64 * 1024 * 1024;
export const MAX_REGISTER_ROWS = 500_000;
/** One record (all its cells) may not exceed this: a runaway quote would otherwise swallow the file. */
const MAX_RECORD_CHARACTERS = 64 * 1024;

export type RegisterCsv = { headers: string[]; rows: string[][]; problems: RegisterProblem[] };

/** ";" when the header line has more of them than of ",", tab likewise; else ",". Quoted text is skipped. */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.keys(counts) as (keyof typeof counts)[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ",");
  return counts[best] > 0 ? best : ",";
}

/** The header and the data rows, or the problems that stop the file from being read at all. */
export function parseRegisterCsv(text: string): RegisterCsv {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) return { headers: [], rows: [], problems: [{ row: 1, column: "", message: "the file is empty" }] };
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: detectDelimiter(body),
      relax_column_count: true,
      // Blank lines stay (as empty records) so row numbers match the spreadsheet's; mapRows skips them.
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARACTERS,
      to: MAX_REGISTER_ROWS + 2,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      // csv-parse counts lines; a quoted field may span several, so say "near".
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      return { headers: [], rows: [], problems: [{ row: line, column: "", message: `the file is not valid CSV near line ${line}: ${error.message.replace(/^Invalid [^:]*: /, "").slice(0, 200)}` }] };
    }
    throw error;
  }
  const [headerRow = [], ...rows] = records;
  const headers = headerRow.map((h) => h.trim());
  const problems: RegisterProblem[] = [];
  if (rows.length > MAX_REGISTER_ROWS) problems.push({ row: MAX_REGISTER_ROWS + 2, column: "", message: `more than ${MAX_REGISTER_ROWS.toLocaleString("en-US")} rows: split the register into several sources` });
  if (headers.length > MAX_COLUMNS) problems.push({ row: 1, column: "", message: `more than ${MAX_COLUMNS} columns` });
  const seen = new Set<string>();
  headers.forEach((header) => {
    if (header.length > MAX_HEADER_LENGTH) problems.push({ row: 1, column: header.slice(0, 40), message: `a column name longer than ${MAX_HEADER_LENGTH} characters` });
    else if (header && seen.has(header)) problems.push({ row: 1, column: header, message: "two columns have this name" });
    seen.add(header);
  });
  // A row wider than the header has cells no column names: its columns have shifted.
  for (let i = 0; i < rows.length && problems.length < 1000; i++) {
    const extra = rows[i].slice(headers.length);
    if (extra.some((cell) => cell.trim() !== "")) problems.push({ row: i + 2, column: "", message: `${rows[i].length} cells, but the header has ${headers.length} columns` });
  }
  return { headers, rows: rows.slice(0, MAX_REGISTER_ROWS), problems };
}
