// The CSAF 2.0 directory distribution (OASIS CSAF 2.0, sections 7.1.13–7.1.18), read without I/O:
// changes.csv lists `"path","timestamp"` per file, newest change first; each file has a
// `<file>.sha512` holding its hex digest, optionally followed by the file name.

export type ChangeEntry = { path: string; timestamp: string; time: number };

/** A CSV field: quoted ("" escapes a quote) or bare. */
function fields(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"' && line[i + 1] === '"') { value += '"'; i += 2; continue; }
        if (line[i] === '"') { i++; break; }
        value += line[i++];
      }
      out.push(value);
      if (i < line.length && line[i] !== ",") return null;
    } else {
      const end = line.indexOf(",", i);
      out.push((end < 0 ? line.slice(i) : line.slice(i, end)).trim());
      i = end < 0 ? line.length : end;
    }
    i++;
  }
  return out;
}

/** Reads changes.csv; a malformed line refuses the whole file with its number. */
export function parseChangesCsv(text: string): ChangeEntry[] {
  const entries: ChangeEntry[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (const [n, raw] of lines.entries()) {
    if (!raw.trim()) continue;
    const f = fields(raw.trim());
    const time = f?.length === 2 ? Date.parse(f[1]) : NaN;
    if (!f || f.length !== 2 || !f[0] || f[0].length > 500 || Number.isNaN(time)) {
      throw new Error(`changes.csv line ${n + 1}: expected "path","timestamp", got "${raw.slice(0, 80)}"`);
    }
    entries.push({ path: f[0], timestamp: f[1], time });
  }
  return entries;
}

/** The digest in a .sha512 file ("<hex>" or "<hex>  <name>" or "<hex> *<name>"), lower case. */
export function parseSha512(text: string): string | null {
  const m = /^\s*([0-9a-fA-F]{128})(?:\s+\*?\S.*)?\s*$/.exec(text.split(/\r?\n/).find((l) => l.trim()) ?? "");
  return m ? m[1].toLowerCase() : null;
}

/** CISA's medical advisories are ICSMA: the only ones this product takes. */
export function isMedicalAdvisory(path: string): boolean {
  return /icsma/i.test(path.split("/").pop() ?? "");
}

/**
 * The entries to take this run: changed after the cursor, newest change per path, oldest first,
 * at most `cap`. A batch never splits one timestamp, so the cursor can advance to the last one
 * taken without skipping a file changed at the same instant.
 */
export function takeBatch(entries: ChangeEntry[], cursor: string | null, cap: number): { batch: ChangeEntry[]; remaining: number } {
  const after = cursor ? Date.parse(cursor) : -Infinity;
  const newest = new Map<string, ChangeEntry>();
  for (const e of entries) if (e.time > after && (newest.get(e.path)?.time ?? -Infinity) < e.time) newest.set(e.path, e);
  const pending = [...newest.values()].sort((a, b) => a.time - b.time || a.path.localeCompare(b.path));
  if (pending.length <= cap) return { batch: pending, remaining: 0 };
  let end = cap;
  const boundary = pending[cap].time;
  while (end > 0 && pending[end - 1].time === boundary) end--;
  if (end === 0) while (end < pending.length && pending[end].time === boundary) end++;
  return { batch: pending.slice(0, end), remaining: pending.length - end };
}

/**
 * The URL of a changes.csv entry, inside the directory. Paths are relative to the directory; some
 * providers (CISA's repository) write them from a parent folder, e.g. `csaf_files/OT/white/2024/x.json`
 * in `…/csaf_files/OT/white/`, so a path that repeats the directory's own tail is read from there.
 * Null for anything that would leave the directory (another host, `..`, an absolute path).
 */
export function entryUrl(directoryUrl: string, path: string): string | null {
  const dir = new URL(directoryUrl.endsWith("/") ? directoryUrl : `${directoryUrl}/`);
  if (/^[a-z][a-z0-9+.-]*:|^\/|(?:^|\/)\.\.(?:\/|$)|\\/i.test(path)) return null;
  const segments = dir.pathname.split("/").filter(Boolean);
  let relative = path.replace(/^\.\//, "");
  for (let k = segments.length; k > 0; k--) {
    const tail = `${segments.slice(-k).join("/")}/`;
    if (relative.startsWith(tail)) {
      relative = relative.slice(tail.length);
      break;
    }
  }
  const url = new URL(relative, dir);
  return url.origin === dir.origin && url.pathname.startsWith(dir.pathname) ? url.toString() : null;
}
