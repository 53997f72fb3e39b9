// CPE 2.3 formatted strings (cpe:2.3:part:vendor:product:version:update:edition:language:
// sw_edition:target_sw:target_hw:other) and NVD matching: a CVE's configuration criterion
// (a CPE pattern, perhaps with version bounds) against a device component's CPE from an SBOM.
// Attribute comparison follows NISTIR 7696 (CPE Name Matching) and its reference code: a
// criterion matches a candidate when every attribute is EQUAL or a SUPERSET.
import { compareVersions, versionsComparable } from "./version-order";

export const CPE_ATTRIBUTES = ["part", "vendor", "product", "version", "update", "edition", "language", "swEdition", "targetSw", "targetHw", "other"] as const;
export type CpeAttribute = (typeof CPE_ATTRIBUTES)[number];
/** Attribute values as written (escapes kept), lower-cased: CPE comparison is case-insensitive. */
export type Cpe = Record<CpeAttribute, string>;
export type CpeRelation = "EQUAL" | "SUPERSET" | "SUBSET" | "DISJOINT" | "UNDEFINED";

/** Splits on unescaped colons; "\:" and every other escape stay in the value. */
function splitFields(s: string): string[] {
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && i + 1 < s.length) current += s[i] + s[++i];
    else if (s[i] === ":") {
      out.push(current);
      current = "";
    } else current += s[i];
  }
  out.push(current);
  return out;
}

/** The value with escapes removed: "foo\:bar" → "foo:bar". */
export const unescapeCpe = (value: string) => value.replace(/\\(.)/g, "$1");

/** Unescaped "*" and "?" are wildcards; CPE 2.3 allows them only at the start or the end. */
function wildcardPositions(value: string): number[] {
  const at: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "\\") i++;
    else if (value[i] === "*" || value[i] === "?") at.push(i);
  }
  return at;
}

const hasWildcards = (value: string) => value !== "*" && wildcardPositions(value).length > 0;

/** "*abc", "??abc", "abc*" → lead, literal middle, trail; null when a wildcard sits inside the word. */
function splitWildcards(value: string): { lead: string; middle: string; trail: string } | null {
  const wild = new Set(wildcardPositions(value));
  let start = 0;
  while (start < value.length && wild.has(start)) start++;
  let end = value.length;
  while (end > start && wild.has(end - 1)) end--;
  const [lead, middle, trail] = [value.slice(0, start), value.slice(start, end), value.slice(end)];
  const run = (w: string) => w === "" || w === "*" || /^\?+$/.test(w);
  if (!run(lead) || !run(trail) || !middle || [...wild].some((i) => i >= start && i < end)) return null;
  return { lead, middle, trail };
}

function validValue(value: string): boolean {
  if (value === "*" || value === "-") return true;
  if (!value || /\s/.test(value) || /(^|[^\\])(\\\\)*\\$/.test(value)) return false;
  return !hasWildcards(value) || splitWildcards(value) !== null;
}

/** Parses a CPE 2.3 formatted string; null for anything else (CPE 2.2 URIs included). */
export function parseCpe(text: string): Cpe | null {
  const fields = splitFields(text.trim());
  if (fields.length !== 13 || fields[0].toLowerCase() !== "cpe" || fields[1] !== "2.3") return null;
  const values = fields.slice(2).map((v) => v.toLowerCase());
  if (!/^[aoh*-]$/.test(values[0]) || !values.every(validValue)) return null;
  return Object.fromEntries(CPE_ATTRIBUTES.map((name, i) => [name, values[i]])) as Cpe;
}

/** A criterion value with leading/trailing wildcards against a literal: "?" is at most one character. */
function compareStrings(source: string, target: string): CpeRelation {
  const parts = splitWildcards(source);
  if (!parts) return "UNDEFINED";
  const quantifier = (w: string) => (w === "*" ? ".*" : w ? `.{0,${w.length}}` : "");
  const literal = unescapeCpe(parts.middle).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${quantifier(parts.lead)}${literal}${quantifier(parts.trail)}$`).test(unescapeCpe(target)) ? "SUPERSET" : "DISJOINT";
}

/** NISTIR 7696 attribute comparison: source is the criterion, target the candidate. */
export function compareCpeAttribute(source: string, target: string): CpeRelation {
  if (hasWildcards(target)) return "UNDEFINED"; // a candidate must name itself, not a pattern
  if (source === target) return "EQUAL";
  if (source === "*") return "SUPERSET";
  if (target === "*") return "SUBSET";
  if (source === "-" || target === "-") return "DISJOINT";
  if (!hasWildcards(source)) return unescapeCpe(source) === unescapeCpe(target) ? "EQUAL" : "DISJOINT";
  return compareStrings(source, target);
}

const asCpe = (c: Cpe | string) => (typeof c === "string" ? parseCpe(c) : c);

/** Does the criterion name the candidate (every attribute EQUAL or SUPERSET)? Invalid input never matches. */
export function cpeMatches(criterion: Cpe | string, candidate: Cpe | string): boolean {
  const source = asCpe(criterion);
  const target = asCpe(candidate);
  if (!source || !target) return false;
  return CPE_ATTRIBUTES.every((a) => ["EQUAL", "SUPERSET"].includes(compareCpeAttribute(source[a], target[a])));
}

/** An NVD configuration criterion: a CPE pattern, with version bounds when it covers a range. */
export type CpeCriterion = {
  cpe: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
};
/** needsReview: the component may be affected but the versions cannot say (no version, other numbering). */
export type CpeMatch = { matched: boolean; reason: string; needsReview?: boolean };

const BOUNDS = [
  ["versionStartIncluding", ">=", (c: number) => c >= 0],
  ["versionStartExcluding", ">", (c: number) => c > 0],
  ["versionEndIncluding", "<=", (c: number) => c <= 0],
  ["versionEndExcluding", "<", (c: number) => c < 0],
] as const;

function checkBounds(criterion: CpeCriterion, version: string): CpeMatch {
  const written: string[] = [];
  for (const [key, op, ok] of BOUNDS) {
    const bound = criterion[key];
    if (bound === undefined) continue;
    if (!versionsComparable(version, bound)) return { matched: false, needsReview: true, reason: `version ${version} cannot be compared with the bound ${op} ${bound}` };
    if (!ok(compareVersions(version, bound))) return { matched: false, reason: `version ${version} is not ${op} ${bound}` };
    written.push(`${op} ${bound}`);
  }
  return { matched: true, reason: `version ${version} is ${written.join(" and ")}` };
}

const label = (c: Cpe) => `${unescapeCpe(c.vendor)}:${unescapeCpe(c.product)}`;

/** NVD-style match of a component's CPE against one criterion, with the reason in words. */
export function cpeMatchWithRange(criterion: CpeCriterion, componentCpe: string): CpeMatch {
  const pattern = parseCpe(criterion.cpe);
  const component = parseCpe(componentCpe);
  if (!pattern) return { matched: false, reason: `the criterion is not a CPE 2.3 string: ${criterion.cpe}` };
  if (!component) return { matched: false, reason: `the component is not a CPE 2.3 string: ${componentCpe}` };
  const hasBounds = BOUNDS.some(([key]) => criterion[key] !== undefined);
  if (!hasBounds) {
    return cpeMatches(pattern, component)
      ? { matched: true, reason: `${label(component)} ${unescapeCpe(component.version)} matches ${criterion.cpe}` }
      : { matched: false, reason: `${componentCpe} is not within ${criterion.cpe}` };
  }
  // With bounds, the criterion's own version is ANY (as NVD writes it) and the bounds decide.
  if (!cpeMatches({ ...pattern, version: "*" }, component)) return { matched: false, reason: `${label(component)} is not ${label(pattern)} (or another attribute differs)` };
  const version = unescapeCpe(component.version);
  if (component.version === "*" || component.version === "-") {
    return { matched: false, needsReview: true, reason: `${label(component)} has no version to compare with the criterion's bounds` };
  }
  const bounds = checkBounds(criterion, version);
  return { ...bounds, reason: `${label(component)}: ${bounds.reason}` };
}
