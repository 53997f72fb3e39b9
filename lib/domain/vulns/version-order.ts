// Firmware versions in order. Firmware is not semver, so versions are compared token by token:
// numbers as numbers, letters after a number as a later revision, pre-release words before the
// release, a build number as the fourth number, dates as dates, and only versions of the same
// numbering with each other (versionsComparable). Pure;
// the ranges advisories write are versions.ts.

export type VersionToken = { kind: "pre" | "word" | "num"; value: string };
type Token = VersionToken;

/** Pre-release words sort before the release they precede (1.0rc1 < 1.0); in this order. */
const PRE_RELEASE = ["dev", "alpha", "beta", "pre", "preview", "rc"];

/** Lower case; "v2", "R9.5", "Rev. 3", "version 2.1" → the number; "Service Pack" → "sp". */
export function bare(version: string): string {
  return version
    .trim()
    .toLowerCase()
    .replace(/^(?:version|ver\.?|release|rev(?:ision)?\.?)\s*(?=\d|[a-z](?:\.|$))/, "")
    .replace(/^[vr](?=\d)/, "")
    .replace(/service\s*pack/g, "sp");
}

/**
 * Numeric and alphabetic runs; separators (. - _ space) only split. Trailing zeros of each
 * numeric run are dropped, so 1.2 = 1.2.0 and 5.1 SP2 = 5.1.0 SP2.
 */
export function versionTokens(version: string): Token[] {
  const out: Token[] = [];
  let runStart = 0;
  const trimRun = () => {
    while (out.length > runStart && /^0+$/.test(out[out.length - 1].value)) out.pop();
  };
  for (const t of (asDate(version) ?? bare(version)).match(/\d+|[a-z]+/g) ?? []) {
    if (t === "build") {
      // "12.1.3 Build 4411" = "12.1.3_Build_4411" = "12.1.3.4411": the build is the fourth number.
      if (out.length > runStart) while (out.length - runStart < 3) out.push({ kind: "num", value: "0" });
      continue;
    }
    if (/^\d/.test(t)) {
      out.push({ kind: "num", value: t.replace(/^0+(?=\d)/, "") });
      continue;
    }
    trimRun();
    out.push({ kind: PRE_RELEASE.includes(t) ? "pre" : "word", value: t });
    runStart = out.length;
  }
  trimRun();
  return out;
}

// Order at one position: pre-release word < end of version < other letters < number. So
// 1.0beta < 1.0 < 1.0a < 1.0b < 1.0.1, and 2.6 < 2.6A (a later revision, as firmware uses it).
const RANK = { pre: 0, end: 1, word: 2, num: 3 } as const;

function compareTokens(a: Token | undefined, b: Token | undefined): number {
  const byRank = RANK[a?.kind ?? "end"] - RANK[b?.kind ?? "end"];
  if (byRank !== 0 || !a || !b) return byRank;
  if (a.kind === "num" && a.value.length !== b.value.length) return a.value.length - b.value.length;
  if (a.kind === "pre") return PRE_RELEASE.indexOf(a.value) - PRE_RELEASE.indexOf(b.value);
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/**
 * Total order on firmware versions: numbers compare as numbers (1.10 > 1.9, 8.00.01 = 8.0.1,
 * any length), a v/R prefix is ignored, missing trailing parts are 0 (1.2 = 1.2.0), letters
 * after a number are a later revision (2.6 < 2.6A < 2.6B < 2.7) except pre-release words.
 * It always answers; whether the answer means anything is versionsComparable's question.
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const x = versionTokens(a);
  const y = versionTokens(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const c = compareTokens(x[i], y[i]);
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * The numbering a version belongs to: "numeric" (12.1.3, 2.6A), "letter" (Philips-style
 * revisions B.06.18, K) or a letter prefix glued to a number (VM5.0, BT02, L81). B. Braun's
 * U61 and L81 are different product lines, not two points on one scale.
 */
export function versionScheme(version: string): string | null {
  if (asDate(version)) return "date";
  const s = bare(version);
  if (/^\d/.test(s)) return "numeric";
  if (/^[a-z](?:\.|$)/.test(s)) return "letter";
  const prefix = /^([a-z]{1,3})\d/.exec(s);
  return prefix ? `prefix:${prefix[1]}` : null;
}

/** Only versions of the same numbering can be ordered; other pairs need a person. */
export function versionsComparable(a: string, b: string): boolean {
  const scheme = versionScheme(a);
  return scheme !== null && scheme === versionScheme(b);
}

const CORE = String.raw`(?:\d[a-z0-9]*(?:[._-][a-z0-9]+)*|[a-z](?:\.\d+)*|[a-z]{1,3}\d[a-z0-9]*(?:[._-][a-z0-9]+)*)`;
const SUFFIX = String.raw`(?:\s+(?:mr\s+)?build\s*\d+|\s+(?:sp|sr)\s*\d+|\s+[a-z]\d+)`;
const VERSION = new RegExp(`^${CORE}${SUFFIX}*$`);

/** A string this module can compare: "12.1.3", "v2.3.1b", "B.06.18", "5.1 SP2", "1.3.1 Build 13". */
export function isVersion(text: string): boolean {
  return asDate(text) !== null || VERSION.test(bare(text).replace(/\s+/g, " "));
}

// ─── Dates ───────────────────────────────────────────────────────────────────────────────────

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAME = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;
const MONTH_FIRST = new RegExp(`^${MONTH_NAME}\\s+(\\d{1,2}),?\\s+(\\d{4})$`);
const DAY_FIRST = new RegExp(`^(\\d{1,2})\\s+${MONTH_NAME},?\\s+(\\d{4})$`);
const NAMED_DATES = new RegExp(`\\b${MONTH_NAME}\\s+\\d{1,2},?\\s+\\d{4}\\b|\\b\\d{1,2}\\s+${MONTH_NAME},?\\s+\\d{4}\\b`, "gi");
const pad = (n: number) => String(n).padStart(2, "0");

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1970 || year > 2199) return null;
  if (new Date(Date.UTC(year, month - 1, day)).getUTCMonth() !== month - 1) return null; // 30 February
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * A date written as a version ("8/30/2024", "2024-08-30", "Aug 30, 2024") as yyyy-mm-dd, or
 * null. Slashes are read the American way (month first), as CISA writes them, unless the
 * first number cannot be a month (30/8/2024).
 */
export function asDate(text: string): string | null {
  const s = text.trim().toLowerCase();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(s);
  if (m) return +m[1] > 12 ? isoDate(+m[3], +m[2], +m[1]) : isoDate(+m[3], +m[1], +m[2]);
  m = MONTH_FIRST.exec(s);
  if (m) return isoDate(+m[3], MONTHS.indexOf(m[1]) + 1, +m[2]);
  m = DAY_FIRST.exec(s);
  if (m) return isoDate(+m[3], MONTHS.indexOf(m[2]) + 1, +m[1]);
  return null;
}

/** Month-name dates inside a range written as yyyy-mm-dd: "before August 30, 2024" → "before 2024-08-30". */
export function datesAsIso(text: string): string {
  return text.replace(NAMED_DATES, (d) => asDate(d) ?? d);
}
