// CPE 2.3 formatted strings (cpe:2.3:part:vendor:product:version:update:edition:language:
// sw_edition:target_sw:target_hw:other) and NVD-style matching with version bounds, for SBOM
// components against vulnerability criteria.
import { compareVersions } from "./versions";

export const CPE_FIELDS = ["part", "vendor", "product", "version", "update", "edition", "language", "swEdition", "targetSw", "targetHw", "other"] as const;
export type Cpe = Record<(typeof CPE_FIELDS)[number], string>;

/** Splits on unescaped colons; "\:" and other escapes stay part of the value. */
function splitFields(s: string): string[] {
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && i + 1 < s.length) {
      current += s[i] + s[i + 1];
      i++;
    } else if (s[i] === ":") {
      out.push(current);
      current = "";
    } else current += s[i];
  }
  out.push(current);
  return out;
}

export function parseCpe(text: string): Cpe | null {
  const fields = splitFields(text.trim());
  if (fields.length !== 13 || fields[0].toLowerCase() !== "cpe" || fields[1] !== "2.3" || !/^[aoh*-]$/i.test(fields[2])) return null;
  return Object.fromEntries(CPE_FIELDS.map((name, i) => [name, fields[i + 2].toLowerCase()])) as Cpe;
}

const unescape = (v: string) => v.replace(/\\(.)/g, "$1");

/** NVD attribute matching: "*" is ANY, "-" is NA (matches only NA or ANY), values compare case-insensitively; "?" and "*" inside a value are wildcards. */
function attributeMatches(criterion: string, candidate: string): boolean {
  if (criterion === "*") return true;
  if (criterion === "-") return candidate === "-" || candidate === "*";
  if (candidate === "*" || candidate === "-") return false;
  if (/(?<!\\)[*?]/.test(criterion)) {
    const pattern = criterion.replace(/\\(.)|([*?])|([^\\*?]+)/g, (_, escaped, wild, literal) =>
      escaped ? escaped.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : wild ? (wild === "*" ? ".*" : ".") : literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    );
    return new RegExp(`^${pattern}$`).test(unescape(candidate));
  }
  return unescape(criterion) === unescape(candidate);
}

export function cpeMatches(criterion: Cpe, candidate: Cpe): boolean {
  return CPE_FIELDS.every((f) => attributeMatches(criterion[f], candidate[f]));
}

export type CpeCriterion = {
  cpe: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
};

export type CpeMatch = { matched: boolean; reason: string };

function boundsHold(c: CpeCriterion, version: string): string | null {
  const checks: [string | undefined, (cmp: number) => boolean, string][] = [
    [c.versionStartIncluding, (cmp) => cmp >= 0, ">="],
    [c.versionStartExcluding, (cmp) => cmp > 0, ">"],
    [c.versionEndIncluding, (cmp) => cmp <= 0, "<="],
    [c.versionEndExcluding, (cmp) => cmp < 0, "<"],
  ];
  for (const [bound, ok, op] of checks) if (bound !== undefined && !ok(compareVersions(version, bound))) return `version ${version} is not ${op} ${bound}`;
  return null;
}

/** Does a component's CPE fall under an NVD criterion (a CPE pattern plus optional version bounds)? */
export function cpeMatchWithRange(criterion: CpeCriterion, componentCpe: string): CpeMatch {
  const pattern = parseCpe(criterion.cpe);
  const component = parseCpe(componentCpe);
  if (!pattern) return { matched: false, reason: `criterion is not a CPE 2.3 string: ${criterion.cpe}` };
  if (!component) return { matched: false, reason: `component is not a CPE 2.3 string: ${componentCpe}` };
  const hasBounds = [criterion.versionStartIncluding, criterion.versionStartExcluding, criterion.versionEndIncluding, criterion.versionEndExcluding].some((b) => b !== undefined);
  // With bounds, the criterion's own version is a wildcard and the component's version is compared.
  const comparable = hasBounds ? { ...pattern, version: "*" } : pattern;
  if (!cpeMatches(comparable, component)) return { matched: false, reason: `${component.vendor}:${component.product}:${component.version} is not ${pattern.vendor}:${pattern.product}:${pattern.version}` };
  if (hasBounds) {
    if (component.version === "*" || component.version === "-") return { matched: false, reason: "the component has no version to compare with the bounds" };
    const failed = boundsHold(criterion, unescape(component.version));
    if (failed) return { matched: false, reason: failed };
    return { matched: true, reason: `${component.vendor}:${component.product} ${unescape(component.version)} is within the criterion's version bounds` };
  }
  return { matched: true, reason: `${component.vendor}:${component.product}:${unescape(component.version)} matches ${criterion.cpe}` };
}
