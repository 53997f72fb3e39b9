// The spelling test set (device-spellings.json) against the bundled advisories: how devices name
// themselves in DHCP host names, DICOM headers, SNMP sysDescr and HL7 sending applications,
// matched the way the risk refresh matches them (lib/domain/vulns/advisory-match.ts). Used by
// `npm run bench:matching` and by matching.test.ts, which guards a floor.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { cveMatches, indexProducts, matchProducts, type AdvisoryProduct } from "../../lib/domain/vulns/advisory-match";
import { BUNDLED_CSAF_DIR } from "../../lib/reference/bundled-feeds";
import { readCsaf } from "../../lib/vulns/csaf";

export type SpellingCase = {
  id: string;
  source: "dhcp" | "dicom" | "snmp" | "hl7";
  /** What the device sent, as an agent saw it. */
  seen: string;
  vendor: string;
  model: string;
  version: string | null;
  /** The advisory products it is, with their CVEs; empty: it must match nothing. */
  expect: { advisory: string; product: string; cves: string[] }[];
};

export const SPELLINGS: SpellingCase[] = JSON.parse(readFileSync(path.join(import.meta.dirname, "device-spellings.json"), "utf8"));

/** Every product the bundled advisories list as affected, as the importer stores them. */
export function bundledProducts(): AdvisoryProduct[] {
  const products: AdvisoryProduct[] = [];
  for (const file of readdirSync(BUNDLED_CSAF_DIR).filter((f) => f.endsWith(".json")).sort()) {
    const read = readCsaf(JSON.parse(readFileSync(path.join(BUNDLED_CSAF_DIR, file), "utf8")));
    if (!read.ok) throw new Error(`${file} does not read`);
    for (const p of read.advisory.products) {
      if (p.status !== "known_affected") continue;
      products.push({ id: `${read.advisory.id}/${p.productRef}`, advisoryId: read.advisory.id, vendor: p.vendor, product: p.product, versionRange: p.versionRange, cves: p.cves });
    }
  }
  return products;
}

export type CaseResult = { id: string; expected: string[]; sure: string[]; possible: string[]; missed: string[]; falseAffected: string[]; falsePossible: string[] };
export type Score = { cases: number; advisories: number; expected: number; found: number; foundSure: number; recall: number; possibleShare: number; falseAffected: number; falsePossible: number; results: CaseResult[] };

export function scoreSpellings(cases: SpellingCase[] = SPELLINGS, products = bundledProducts()): Score {
  const index = indexProducts(products);
  const cvesOf = new Map(products.map((p) => [p.id, p.cves]));
  const results = cases.map((c): CaseResult => {
    const expected = [...new Set(c.expect.flatMap((e) => e.cves.map((cve) => `${e.advisory}/${cve}`)))].sort();
    const reasons = matchProducts({ vendors: [c.vendor], models: [c.model], version: c.version, subject: "device" }, index);
    // Per advisory and CVE: the same CVE in two advisories is two findings to expect.
    const got = new Map<string, "affected" | "needs_review">();
    for (const r of reasons) {
      for (const m of cveMatches([r], (id) => cvesOf.get(id) ?? [])) {
        const key = `${r.advisoryId}/${m.cve}`;
        if (got.get(key) !== "affected") got.set(key, m.status);
      }
    }
    const keys = [...got.keys()].sort();
    const want = new Set(expected);
    return {
      id: c.id,
      expected,
      sure: keys.filter((k) => want.has(k) && got.get(k) === "affected"),
      possible: keys.filter((k) => want.has(k) && got.get(k) === "needs_review"),
      missed: expected.filter((k) => !got.has(k)),
      falseAffected: keys.filter((k) => !want.has(k) && got.get(k) === "affected"),
      falsePossible: keys.filter((k) => !want.has(k) && got.get(k) === "needs_review"),
    };
  });
  const sum = (f: (r: CaseResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const expected = sum((r) => r.expected.length);
  const foundSure = sum((r) => r.sure.length);
  const found = foundSure + sum((r) => r.possible.length);
  return {
    cases: cases.length,
    advisories: new Set(cases.flatMap((c) => c.expect.map((e) => e.advisory))).size,
    expected,
    found,
    foundSure,
    recall: expected ? found / expected : 1,
    possibleShare: found ? (found - foundSure) / found : 0,
    falseAffected: sum((r) => r.falseAffected.length),
    falsePossible: sum((r) => r.falsePossible.length),
    results,
  };
}
