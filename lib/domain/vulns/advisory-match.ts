// Which advisories apply to a device (or to a component of its SBOM), and why. Pure.
// A product applies when a vendor name is shared (the canonical vendor table resolves
// spellings), the product name matches strictly (model-names.ts), and the device's version is
// in the advisory's range. A range that cannot be read, a device version that cannot be
// compared, or a model name that is close but not certain gives "needs_review" (a possible
// match, with its reason): shown to a person, never silently matched or dropped.
import { parseVersionRange, versionInRange, type ParsedRange } from "./versions";
import { productMatches, vendorKeys } from "./vendor-aliases";

export type AdvisoryProduct = {
  id: string;
  advisoryId: string;
  vendor: string;
  product: string;
  /** null: the advisory names the product without a version, i.e. every version. */
  versionRange: string | null;
  cves: string[];
};

export type MatchTarget = {
  /** Vendor names the device or component gives (claimed, resolved, SBOM supplier, CPE vendor). */
  vendors: (string | null | undefined)[];
  /** Model or product names to compare with the advisory's product. */
  models: (string | null | undefined)[];
  version: string | null | undefined;
  /** What was compared, for the reason: "device" or "component openssl 1.1.1k". */
  subject: string;
};

export type MatchStatus = "affected" | "needs_review";
export type MatchReason = {
  advisoryId: string;
  productId: string;
  subject: string;
  vendor: string;
  product: string;
  range: string;
  version: string | null;
  status: MatchStatus;
  why: string;
};
export type CveMatch = { cve: string; status: MatchStatus; advisoryId: string; reasons: MatchReason[] };

type Indexed = AdvisoryProduct & { parsed: ParsedRange };
export type ProductIndex = Map<string, Indexed[]>;

/** Products by every vendor key their vendor field names, ranges parsed once. */
export function indexProducts(products: AdvisoryProduct[]): ProductIndex {
  const index: ProductIndex = new Map();
  for (const p of products) {
    const parsed: ParsedRange = p.versionRange === null ? { kind: "all", source: "(every version)" } : parseVersionRange(p.versionRange);
    for (const key of vendorKeys(p.vendor)) {
      const list = index.get(key) ?? [];
      list.push({ ...p, parsed });
      index.set(key, list);
    }
  }
  return index;
}

function candidates(index: ProductIndex, vendors: MatchTarget["vendors"]): Indexed[] {
  const seen = new Map<string, Indexed>();
  for (const name of vendors) {
    if (!name) continue;
    for (const key of vendorKeys(name)) for (const p of index.get(key) ?? []) seen.set(p.id, p);
  }
  return [...seen.values()];
}

function rangeWhy(p: Indexed, version: string | null, status: MatchStatus): string {
  const range = p.versionRange ?? "every version";
  if (p.parsed.kind === "all") return `the advisory covers ${range}`;
  if (p.parsed.kind === "unparsed") return `the advisory's range "${range}" cannot be read (${p.parsed.reason}): check it by hand`;
  if (!version) return `the version is unknown; the advisory covers ${range}`;
  return status === "affected" ? `version ${version} is within ${range}` : `version ${version} cannot be compared with ${range}`;
}

/** A sure match on any of the target's model names, else a possible one, else none. */
function bestProductMatch(models: string[], p: Indexed, vendors: MatchTarget["vendors"]) {
  const names = [p.vendor, ...vendors.filter((v): v is string => Boolean(v))];
  const results = models.map((m) => productMatches(m, p.product, names));
  return results.find((m) => m.matched) ?? results.find((m) => m.possible);
}

/** Every advisory product that applies to the target, with why. */
export function matchProducts(target: MatchTarget, index: ProductIndex): MatchReason[] {
  const version = target.version?.trim() || null;
  const models = [...new Set(target.models.filter((m): m is string => Boolean(m?.trim())))];
  const out: MatchReason[] = [];
  for (const p of candidates(index, target.vendors)) {
    const product = bestProductMatch(models, p, target.vendors);
    if (!product) continue;
    const inRange = versionInRange(version, p.parsed);
    if (inRange === "not_affected") continue;
    // A model that is close but not certain is a possible match whatever the version says.
    const verdict: MatchStatus = product.matched ? inRange : "needs_review";
    out.push({
      advisoryId: p.advisoryId,
      productId: p.id,
      subject: target.subject,
      vendor: p.vendor,
      product: p.product,
      range: p.versionRange ?? "every version",
      version,
      status: verdict,
      why: `${p.vendor} ${p.product}: ${product.how}; ${rangeWhy(p, version, inRange)}`,
    });
  }
  return out;
}

/** Product matches folded per CVE: affected wins over needs review; every reason kept. */
export function cveMatches(reasons: MatchReason[], cvesOf: (productId: string) => string[]): CveMatch[] {
  const byCve = new Map<string, CveMatch>();
  for (const r of reasons) {
    for (const cve of cvesOf(r.productId)) {
      const m = byCve.get(cve);
      if (!m) byCve.set(cve, { cve, status: r.status, advisoryId: r.advisoryId, reasons: [r] });
      else {
        m.reasons.push(r);
        if (r.status === "affected" && m.status !== "affected") Object.assign(m, { status: "affected", advisoryId: r.advisoryId });
      }
    }
  }
  return [...byCve.values()].sort((a, b) => a.cve.localeCompare(b.cve));
}
