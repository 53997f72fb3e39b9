// The version ranges of medical-device advisories (CSAF
// product_version_range and product_version), as the 134 CISA advisories really write them:
// "<=12.1.3", ">= 4.01 | <= 4.34", "9.13 | 9.19 | 12.1", "14.x", "2.3.6 and  below", "vers:all/*",
// "2.6A", "R4.1L1", "1.3.1 Build 13", "4.20 SR1", "<= VM5.0", "<= K", "<8/30/2024", and much free text.
// Versions are compared by version-order.ts. Whatever cannot be read with confidence is
// "unparsed" and shown as "needs review": never silently matched, never dropped.
import { bare, compareVersions, datesAsIso, isVersion, versionsComparable, versionTokens } from "./version-order";

export type Op = "<" | "<=" | ">" | ">=" | "=" | "!=";
export type Constraint = { op: Op; version: string };
/** alternatives: OR of AND-groups, e.g. [[>=1.1, <=1.3.2], [=2.0]]. */
export type ParsedRange =
  | { kind: "constraints"; alternatives: Constraint[][]; source: string }
  | { kind: "all"; source: string }
  | { kind: "unparsed"; source: string; reason: string };
export type RangeVerdict = "affected" | "not_affected" | "needs_review";

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
  const s = datesAsIso(text.replace(/≤/g, "<=").replace(/≥/g, ">=").replace(/≠/g, "!=").replace(/\s+/g, " ").trim());
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
  const cmp = buildOf(version, c.version) ? 0 : compareVersions(version, c.version);
  switch (c.op) {
    case "<": return cmp < 0;
    case "<=": return cmp <= 0;
    case ">": return cmp > 0;
    case ">=": return cmp >= 0;
    case "=": return cmp === 0;
    case "!=": return cmp !== 0;
  }
}

/**
 * Is the version a build of the bound's release? "<= 12.1.3" covers 12.1.3 build 4411
 * (written "12.1.3.4411" or "12.1.3_Build_4411"); "< 12.1.3" still does not. A short fourth
 * number (12.1.3.1) reads as a later patch, not a build: past "<= 12.1.3".
 */
function buildOf(version: string, bound: string): boolean {
  const b = versionTokens(bound);
  if (b.length > 3 || b.some((t) => t.kind !== "num")) return false;
  const release = [...b.map((t) => t.value), "0", "0", "0"].slice(0, 3);
  const v = versionTokens(version);
  return v.length === 4 && v.every((t) => t.kind === "num") && v[3].value.length >= 3 && release.every((x, i) => v[i].value === x);
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
