// What an advisory's remediation text says, read conservatively. Pure.
// CISA's medical advisories rarely list fixed products in product_status: the fixed version is
// written in the vendor_fix text ("Philips released Version 12.2.8.0 … that remediates CWE-20,
// CWE-119"), and the same remediations are copied onto every vulnerability. So a remediation
// concerns a vulnerability only when it names its CVE or CWE (or names none), and a fixed version
// is taken only from a clear phrase with exactly one version in it; a promised fix is not a fix.

const VERSION = String.raw`v?(\d+(?:\.\d+)+[a-z]?\d*)`;
const FIX_PHRASES = [
  // "update to Version 3.6.7", "updating the Paceart Optima system to v1.12", "upgrade to firmware version 2.1"
  new RegExp(String.raw`\b(?:updat|upgrad)\w*\b[^.;]{0,80}?\bto (?:the )?(?:latest )?(?:software |firmware )?(?:version |release |v\.? ?)${VERSION}\b`, "gi"),
  // "3.0 or higher", "Version 1.7.15b or later", "5.170.5 and later"
  new RegExp(String.raw`\b(?:version |v\.? ?)?${VERSION} (?:or|and) (?:later|higher|newer|above)\b`, "gi"),
  // "fixed in 2.4", "remediated in version 4.2.1"
  new RegExp(String.raw`\b(?:fixed|remediated|resolved|corrected) in (?:software |firmware )?(?:version |release |v\.? ?)?${VERSION}\b`, "gi"),
  // "Philips released Version 12.2.8.0 in May of 2021"
  new RegExp(String.raw`\breleased (?:an? )?(?:updated |new )?(?:software |firmware )?(?:version|release) ${VERSION}\b`, "gi"),
];
/** Words of a fix that is promised, partial or conditional: not a version that ends a match. */
const NOT_YET = /\b(?:will|plans?|planned|scheduled|expected|upcoming|future|until|partially|when .{0,40} releases)\b/i;

/** The one version a vendor_fix text says fixes the product, or null when it says none or more than one. */
export function fixedVersionIn(details: string): string | null {
  const text = details.replace(/\s+/g, " ").slice(0, 4000);
  if (NOT_YET.test(text)) return null;
  const found = new Set(FIX_PHRASES.flatMap((re) => [...text.matchAll(re)].map((m) => m[1].toLowerCase())));
  return found.size === 1 ? [...found][0] : null;
}

const CVE_ID = /\bCVE-\d{4}-\d{4,}\b/gi;
const CWE_ID = /\bCWE-\d{1,5}\b/gi;

/** The CVE and CWE ids a text names (upper case). */
export function namedIds(details: string): { cves: string[]; cwes: string[] } {
  const all = (re: RegExp) => [...new Set((details.match(re) ?? []).map((s) => s.toUpperCase()))];
  return { cves: all(CVE_ID), cwes: all(CWE_ID) };
}

/**
 * Whether a remediation concerns a vulnerability: it names the CVE, or (naming no CVE) its CWE,
 * or names neither. `named` says it was named explicitly.
 */
export function concerns(details: string, cve: string, cwe: string | null): { applies: boolean; named: boolean } {
  const ids = namedIds(details);
  if (ids.cves.length) return { applies: ids.cves.includes(cve.toUpperCase()), named: true };
  if (ids.cwes.length) return { applies: !!cwe && ids.cwes.includes(cwe.toUpperCase()), named: true };
  return { applies: true, named: false };
}
