// Firmware versions and the version ranges of medical-device advisories (CSAF
// product_version_range and product_version), as the 134 CISA advisories really write them:
// "<=12.1.3", ">= 4.01 | <= 4.34", "9.13 | 9.19 | 12.1", "14.x", "2.3.6 and  below", "vers:all/*",
// "2.6A", "R4.1L1", "1.3.1 Build 13", "4.20 SR1", "<= VM5.0", "<= K", and much free text.
// Firmware is not semver, so versions are compared token by token. Whatever cannot be read with
// confidence is "unparsed" and shown as "needs review": never silently matched, never dropped.

export type Op = "<" | "<=" | ">" | ">=" | "=" | "!=";
export type Constraint = { op: Op; version: string };
/** alternatives: OR of AND-groups, e.g. [[>=1.1, <=1.3.2], [=2.0]]. */
export type ParsedRange =
  | { kind: "constraints"; alternatives: Constraint[][]; source: string }
  | { kind: "all"; source: string }
  | { kind: "unparsed"; source: string; reason: string };
export type RangeVerdict = "affected" | "not_affected" | "needs_review";

// ─── Comparing versions ─────────────────────────────────────────────────────────────────────

export type VersionToken = { kind: "pre" | "word" | "num"; value: string };
type Token = VersionToken;

/** Pre-release words sort before the release they precede (1.0rc1 < 1.0); in this order. */
const PRE_RELEASE = ["dev", "alpha", "beta", "pre", "preview", "rc"];

/** Lower case; "v2", "R9.5", "Rev. 3", "version 2.1" → the number; "Service Pack" → "sp". */
function bare(version: string): string {
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
  for (const t of bare(version).match(/\d+|[a-z]+/g) ?? []) {
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
  return VERSION.test(bare(text).replace(/\s+/g, " "));
}

// ─── Parsing ranges ──────────────────────────────────────────────────────────────────────────

type Part = Constraint[] | { error: string };
const fail = (error: string): Part => ({ error });
const isLower = (c?: Constraint) => c?.op === ">" || c?.op === ">=";
const isUpper = (c?: Constraint) => c?.op === "<" || c?.op === "<=";

/** "12.2" → "12.3", "K" → "L": the first version past a whole family. */
function nextFamily(base: string): string {
  if (/^[a-y]$/i.test(base)) return String.fromCharCode(base.charCodeAt(0) + 1);
  const parts = base.split(".");
  parts[parts.length - 1] = String(Number(parts[parts.length - 1]) + 1);
  return parts.join(".");
}

/**
 * A family: "14.x" (all of 14), "<= 11.x" (up to the end of 11), or a bare revision letter "K"
 * (Philips writes K.02.11, so "<= K" means the whole K revision).
 */
function familyConstraint(op: Op, version: string): Part | null {
  const x = /^(\d+(?:\.\d+)*)(?:\.x)+$/.exec(bare(version));
  const letter = /^[a-y]$/.test(bare(version));
  if (!x && !letter) return null;
  const base = x ? x[1] : bare(version).toUpperCase();
  const next = nextFamily(base);
  if (op === "=") return [{ op: ">=", version: base }, { op: "<", version: next }];
  if (op === "<=") return [{ op: "<", version: next }];
  if (op === ">") return [{ op: ">=", version: next }];
  if (op === "<" || op === ">=") return [{ op, version: base }];
  return fail(`"!=" with a whole version family (${version}) is not supported`);
}

/** "3002", "24950", "2490C", "650c", "A51200": a bare number of 3+ digits is a model number. */
function looksLikeModelNumber(version: string): boolean {
  const core = bare(version).split(" ")[0];
  return !/[._-]/.test(core) && (core.match(/\d/g) ?? []).length >= 3;
}

function constraint(op: Op, version: string, written: string): Part {
  const family = familyConstraint(op, version);
  if (family) return family;
  if (!isVersion(version)) return fail(`"${written}" is not a version`);
  if (op === "=" && looksLikeModelNumber(version)) return fail(`"${written}" looks like a model or part number, not a version`);
  return [{ op, version }];
}

const PHRASES: [RegExp, (m: RegExpExecArray) => Part][] = [
  [/^(.+?) (?:and|or) (?:below|earlier|prior|older|lower|before)$/i, (m) => constraint("<=", m[1], m[0])],
  [/^(.+?) (?:and|or) (?:above|later|newer|higher|after)$/i, (m) => constraint(">=", m[1], m[0])],
  [/^(?:prior to|before|earlier than|older than|lower than|less than|below) (.+)$/i, (m) => constraint("<", m[1], m[0])],
  [/^(?:up to and including|through) (.+)$/i, (m) => constraint("<=", m[1], m[0])],
  [/^(?:from |between )?(\S+) (?:to|through|-) (\S+)$|^between (\S+) and (\S+)$/i, (m) => interval(m[1] ?? m[3], m[2] ?? m[4], m[0])],
  [/^rev\.? ?([a-y]) ?- ?([a-y])$/i, (m) => interval(m[1], m[2], m[0])],
];

function interval(low: string, high: string, written: string): Part {
  const lower = constraint(">=", low, written);
  const upper = constraint("<=", high, written);
  if ("error" in lower) return lower;
  if ("error" in upper) return upper;
  return [...lower, ...upper];
}

/** One "|"-separated piece of a CSAF range: "<= 9.33", "14.x", "2.3.6 and below", "9.7". */
function parsePart(text: string): Part {
  const s = text.trim().replace(/^versions? (?=\S)/i, "");
  if (!s) return fail("an empty alternative");
  for (const [pattern, build] of PHRASES) {
    const m = pattern.exec(s);
    if (m) return build(m);
  }
  if (/^up to /i.test(s)) return fail(`"${s}": "up to" does not say whether the bound is included`);
  const op = /^(<=|>=|!=|==?|<|>)\s*/.exec(s);
  const version = op ? s.slice(op[0].length) : s;
  if (/[<>=]/.test(version)) return fail(`"${s}" compares two versions with each other`);
  return constraint(op ? ((op[1] === "==" ? "=" : op[1]) as Op) : "=", version, s);
}

/** Checks an AND-group's bounds are on one numbering and not empty (">= 2 | <= 1"). */
function checkGroup(group: Constraint[]): string | null {
  for (const c of group) if (!versionsComparable(c.version, group[0].version)) return `${group[0].version} and ${c.version} are on different numberings`;
  const lower = group.find(isLower);
  const upper = group.find(isUpper);
  if (lower && upper && compareVersions(lower.version, upper.version) > 0) return `${lower.op}${lower.version} and ${upper.op}${upper.version} exclude each other`;
  return null;
}

/** Free-form CSAF text: a lower bound written just before an upper bound is one interval. */
function parseCsafList(source: string, body: string): ParsedRange {
  const parts: Constraint[][] = [];
  for (const piece of body.split("|")) {
    const part = parsePart(piece);
    if ("error" in part) return { kind: "unparsed", source, reason: part.error };
    parts.push(part);
  }
  const alternatives: Constraint[][] = [];
  for (let i = 0; i < parts.length; i++) {
    const pair = parts[i].length === 1 && isLower(parts[i][0]) && parts[i + 1]?.length === 1 && isUpper(parts[i + 1][0]);
    alternatives.push(pair ? [parts[i][0], parts[++i][0]] : parts[i]);
  }
  for (const group of alternatives) {
    const problem = checkGroup(group);
    if (problem) return { kind: "unparsed", source, reason: problem };
  }
  return { kind: "constraints", alternatives, source };
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * A "vers:" URI per the VERS spec: constraints sorted by version; "=" stand alone; a lower
 * bound followed by an upper bound is an interval; a leading upper bound or trailing lower
 * bound is open-ended; "!=" excludes from every group. Any other order is not a valid range.
 */
function parseVers(source: string, body: string): ParsedRange {
  if (body === "*") return { kind: "all", source };
  const all: Constraint[] = [];
  for (const piece of body.split("|")) {
    const m = /^(<=|>=|!=|<|>|=)?(.+)$/.exec(decode(piece.trim()));
    if (!m || !isVersion(m[2])) return { kind: "unparsed", source, reason: `"${piece}" is not a vers constraint this model can compare` };
    all.push({ op: (m[1] ?? "=") as Op, version: m[2] });
  }
  const notEqual = all.filter((c) => c.op === "!=");
  const bounds = all.filter((c) => c.op !== "=" && c.op !== "!=");
  if (bounds.some((c) => !versionsComparable(c.version, bounds[0].version))) return { kind: "unparsed", source, reason: "the bounds are on different numberings" };
  bounds.sort((a, b) => compareVersions(a.version, b.version));
  const alternatives: Constraint[][] = all.filter((c) => c.op === "=").map((c) => [c]);
  for (let i = 0; i < bounds.length; i++) {
    const [c, next] = [bounds[i], bounds[i + 1]];
    if (isLower(c) && isUpper(next)) alternatives.push([c, bounds[++i]]);
    else if ((isUpper(c) && i === 0) || (isLower(c) && !next)) alternatives.push([c]);
    else return { kind: "unparsed", source, reason: `vers bounds out of order near ${c.op}${c.version}` };
  }
  if (!alternatives.length) return { kind: "constraints", alternatives: [notEqual], source };
  return { kind: "constraints", alternatives: alternatives.map((g) => (g[0].op === "=" ? g : [...g, ...notEqual])), source };
}

const MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

/** Parses a CSAF product_version / product_version_range name, or a "vers:" URI. */
export function parseVersionRange(text: string): ParsedRange {
  const source = text;
  const s = text.replace(/≤/g, "<=").replace(/≥/g, ">=").replace(/≠/g, "!=").replace(/\s+/g, " ").trim();
  if (!s) return { kind: "unparsed", source, reason: "empty" };
  if (/^(?:\*|all|all versions|any version|vers:[a-z0-9.+-]+\/\*)$/i.test(s)) return { kind: "all", source };
  const vers = /^vers:([a-z0-9.+-]+)\/(.+)$/i.exec(s);
  if (vers) return parseVers(source, vers[2]);
  if (/[()]/.test(s)) return { kind: "unparsed", source, reason: "a note in parentheses qualifies the range" };
  if (MONTH.test(s) && /\d{2}/.test(s)) return { kind: "unparsed", source, reason: "a date, not a version" };
  if (/,/.test(s)) return { kind: "unparsed", source, reason: "free text (commas)" };
  return parseCsafList(source, s);
}

// ─── Matching ────────────────────────────────────────────────────────────────────────────────

/** true, false, or null when the version and the bound are on different numberings. */
function holds(version: string, c: Constraint): boolean | null {
  if (!versionsComparable(version, c.version)) return null;
  const cmp = compareVersions(version, c.version);
  switch (c.op) {
    case "<": return cmp < 0;
    case "<=": return cmp <= 0;
    case ">": return cmp > 0;
    case ">=": return cmp >= 0;
    case "=": return cmp === 0;
    case "!=": return cmp !== 0;
  }
}

function groupHolds(version: string, group: Constraint[]): boolean | null {
  const results = group.map((c) => holds(version, c));
  if (results.includes(false)) return false;
  return results.includes(null) ? null : true;
}

/**
 * "affected" when some group holds, "not_affected" when every group definitely fails, and
 * "needs_review" for an unparsed range, an unreadable device version, or bounds on another
 * numbering. "all" is affected whatever the version, even unknown.
 */
export function versionInRange(version: string | null | undefined, parsed: ParsedRange): RangeVerdict {
  if (parsed.kind === "all") return "affected";
  if (parsed.kind === "unparsed" || !version || !isVersion(version)) return "needs_review";
  const results = parsed.alternatives.map((g) => groupHolds(version, g));
  if (results.includes(true)) return "affected";
  return results.includes(null) ? "needs_review" : "not_affected";
}
