// Which end-of-life table entry an operating system string names ("Microsoft Windows Embedded
// Standard 7 SP1", "Linux 2.6.32", "VxWorks 6.9"), and whether its support has ended on a day.
// Pure: the table itself is data (lib/reference/eol/end-of-life.json) handed in by the caller.
// First entry whose pattern matches wins, so the table lists specific names before general ones.

export type EolEntry = {
  id: string;
  name: string;
  family: string;
  /** The vendor's end of support (extended support for Microsoft), YYYY-MM-DD. */
  endOfSupport: string;
  precision: "day" | "month" | "year";
  /** "vendor": the date as the vendor's public page gives it; "approximate": see the note. */
  confidence: "vendor" | "approximate";
  source: string;
  patterns: string[];
  exclude?: string[];
  note?: string;
};
export type EolTable = { entries: EolEntry[] };
/** What scoring keeps of a match: the entry's name, end date and source, and the string reported. */
export type EolMatch = { id: string; name: string; reported: string; endOfSupport: string; approximate: boolean; source: string };

type Compiled = { entry: EolEntry; patterns: RegExp[]; exclude: RegExp[] };
const compiledTables = new WeakMap<EolTable, Compiled[]>();

function compile(table: EolTable): Compiled[] {
  let c = compiledTables.get(table);
  if (!c) {
    c = table.entries.map((entry) => ({ entry, patterns: entry.patterns.map((p) => new RegExp(p, "i")), exclude: (entry.exclude ?? []).map((p) => new RegExp(p, "i")) }));
    compiledTables.set(table, c);
  }
  return c;
}

/** Lower case, trademark signs dropped, every run of punctuation one space; dots kept (they separate version parts). */
export function normaliseOs(text: string): string {
  return text
    .toLowerCase()
    .replace(/®|™|\((?:r|tm)\)/g, "")
    .replace(/[^a-z0-9.]+/g, " ")
    .replace(/\s*\.\s+|\s+\.\s*/g, " ")
    .trim();
}

/** The table entry the OS string names, or null when it names none (or a distribution that supports its own kernel). */
export function findEndOfLife(os: string | null | undefined, table: EolTable): EolEntry | null {
  if (!os?.trim()) return null;
  const text = normaliseOs(os);
  for (const c of compile(table)) {
    if (c.patterns.some((p) => p.test(text))) return c.exclude.some((x) => x.test(text)) ? null : c.entry;
  }
  return null;
}

/** The match when the OS's support has ended on `day` (YYYY-MM-DD); a supported release is no risk factor. */
export function endedOn(os: string | null | undefined, table: EolTable, day: string): EolMatch | null {
  const entry = findEndOfLife(os, table);
  if (!entry || entry.endOfSupport > day) return null;
  return { id: entry.id, name: entry.name, reported: os!.trim(), endOfSupport: entry.endOfSupport, approximate: entry.confidence === "approximate", source: entry.source };
}
