// Firmware versions and the version ranges of medical-device advisories (CSAF
// product_version_range and product_version), as they really occur: "<=12.1.3", ">= 4.01 | <=
// 4.34", "9.13 | 9.19 | 12.1", "vers:all/*", "2.6A", "R4.1L1", "1.3.1 Build 13", "14.x", "2.3.6
// and below", and free text. Firmware is not semver: versions are compared token by token.
// Anything that cannot be read with confidence is "unparsed", shown as "needs review" — never
// silently matched, never silently dropped.

export type Op = "<" | "<=" | ">" | ">=" | "=" | "!=";
export type Constraint = { op: Op; version: string };
export type ParsedRange =
  | { kind: "all"; source: string }
  | { kind: "constraints"; alternatives: Constraint[][]; source: string }
  | { kind: "unparsed"; reason: string; source: string };
export type RangeVerdict = "affected" | "not_affected" | "needs_review";

type Token = number | string;

/** "v2.6A-build 7" → [2, 6, "a", "build", 7]; separators (. - _ space) only split. */
export function versionTokens(version: string): Token[] {
  const s = version.trim().toLowerCase().replace(/^(v|rev\.?\s*)(?=\d)/, "");
  return (s.match(/\d+|[a-z]+/g) ?? []).map((t) => (/^\d/.test(t) ? Number(t) : t));
}

function compareTokens(a: Token | undefined, b: Token | undefined): number {
  if (a === b) return 0;
  // A missing numeric part is 0 (1.2 = 1.2.0); a missing part before a letter suffix sorts
  // first (2.6 < 2.6A, a later revision in most firmware numbering).
  if (a === undefined) return typeof b === "number" ? compareTokens(0, b) : -1;
  if (b === undefined) return -compareTokens(b, a);
  if (typeof a === "number" && typeof b === "number") return Math.sign(a - b);
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : 1;
  return typeof a === "number" ? 1 : -1; // digits after letters: 1.1 > 1.a
}

export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const x = versionTokens(a);
  const y = versionTokens(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const c = compareTokens(x[i], y[i]);
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

// A version: starts with a digit, or a v/R/Rev prefix before a digit, or one letter and a dot
// (B.06.18); then letters, digits and . - _ ; optionally " build N". Model numbers such as
// "MMT-1711" do not start like a version and stay unparsed.
const VERSION = /^(?:[vV]|[rR](?:ev\.?\s*)?)?(?:\d[\w.-]*|[A-Za-z]\.\d[\w.-]*)(?:\s+(?:mr\s+)?build\s+\d+)?$/i;
const OPS: Op[] = ["<=", ">=", "!=", "<", ">", "="];

function parseConstraint(text: string): Constraint[] | string {
  let s = text.trim().replace(/\s+/g, " ");
  const wildcard = /^(<=|<)?\s*(\d+(?:\.\d+)*)(?:\.x)+$/i.exec(s);
  if (wildcard) {
    // "14.x" is [14, 15); "<= 11.x" and "<= 11.x.x" are below 12; "< 11.x" below 11.
    const base = wildcard[2].split(".").map(Number);
    const next = [...base.slice(0, -1), base[base.length - 1] + 1].join(".");
    if (wildcard[1] === "<=") return [{ op: "<", version: next }];
    if (wildcard[1] === "<") return [{ op: "<", version: wildcard[2] }];
    return [{ op: ">=", version: wildcard[2] }, { op: "<", version: next }];
  }
  const below = /^(.+?) and (?:below|earlier|prior|older|lower)$/i.exec(s);
  if (below) s = `<= ${below[1]}`;
  const prior = /^(?:prior to|before|earlier than|older than) (.+)$/i.exec(s);
  if (prior) s = `< ${prior[1]}`;
  const op = OPS.find((o) => s.startsWith(o)) ?? "=";
  const version = s.slice(op === "=" && !s.startsWith("=") ? 0 : op.length).trim();
  if (!VERSION.test(version)) return `"${text.trim()}" is not a version`;
  return [{ op, version }];
}

function parseVers(source: string, body: string): ParsedRange {
  if (body === "*") return { kind: "all", source };
  const constraints: Constraint[] = [];
  for (const part of body.split("|")) {
    const c = parseConstraint(part);
    if (typeof c === "string") return { kind: "unparsed", reason: c, source };
    constraints.push(...c);
  }
  // VERS: a lower bound followed by an upper bound is one interval; equalities stand alone.
  const alternatives: Constraint[][] = [];
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i];
    const n = constraints[i + 1];
    if ((c.op === ">" || c.op === ">=") && n && (n.op === "<" || n.op === "<=")) {
      alternatives.push([c, n]);
      i++;
    } else alternatives.push([c]);
  }
  return { kind: "constraints", alternatives, source };
}

export function parseVersionRange(text: string): ParsedRange {
  const source = text;
  const s = text.trim();
  if (!s) return { kind: "unparsed", reason: "empty", source };
  if (s === "*" || /^vers:[a-z0-9.+-]+\/\*$/i.test(s)) return { kind: "all", source };
  const vers = /^vers:[a-z0-9.+-]+\/(.+)$/i.exec(s);
  if (vers) return parseVers(source, vers[1]);
  if (/\(|\)|\bon\b|\bwith\b|\d{4}\b.*\b(january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/i.test(s)) {
    return { kind: "unparsed", reason: "free text (dates, platforms or notes)", source };
  }
  return parseVers(source, s.replace(/\s*\|\s*/g, "|"));
}

function holds(version: string, c: Constraint): boolean {
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

export function versionInRange(version: string | null | undefined, range: ParsedRange): RangeVerdict {
  if (range.kind === "all") return "affected";
  if (range.kind === "unparsed") return "needs_review";
  if (!version || !/\d/.test(version)) return "needs_review";
  return range.alternatives.some((group) => group.every((c) => holds(version, c))) ? "affected" : "not_affected";
}
