// What the manufacturer says, applied after matching. Pure.
// A match found by name and version range (advisory-match.ts) ends when the vendor says so: the
// advisory lists the device's product as fixed or known_not_affected, a vendor fix's version
// (remediation-text.ts) is at or below the device's version, or a manufacturer VEX statement
// says "not_affected" or "fixed". A VEX "affected" confirms a possible match. Open matches carry
// what to do: update, mitigate, work around.
import { cveMatches, indexProducts, matchProducts, type AdvisoryProduct, type CveMatch, type MatchReason, type MatchTarget, type ProductIndex } from "./advisory-match";
import { parseVersionRange, versionInRange } from "./versions";

export type RemediationNote = { category: string; details: string; url: string | null; cves: string[]; fixes?: { version: string; cves: string[] } };
/** An AffectedProduct row as matching reads it. */
export type StatedProduct = AdvisoryProduct & { status: string; remediations: RemediationNote[] | null };
/** A VexStatement row. */
export type VexRule = {
  source: string; vulnerabilityId: string; vendor: string | null; product: string | null; versionRange: string | null;
  /** A statement may name the product by package URL or CPE instead (component-vex.ts applies those). */
  cpe?: string | null; purl?: string | null;
  deviceId: string | null; status: string; justification: string | null; detail: string | null;
};
/** A stored VexStatement row (vendor and product stored normalised) as matching reads it. */
export function vexRule(row: Omit<VexRule, "vendor" | "product"> & { vendorNormalized: string | null; productNormalized: string | null }): VexRule {
  const { vendorNormalized, productNormalized, source, vulnerabilityId, versionRange, cpe, purl, deviceId, status, justification, detail } = row;
  return { source, vulnerabilityId, vendor: vendorNormalized, product: productNormalized, versionRange, cpe: cpe ?? null, purl: purl ?? null, deviceId, status, justification, detail };
}
export type Closure = { cve: string; advisoryId: string | null; status: "fixed" | "not_affected"; why: string };
export type Advice = { kind: "update" | "vendor_fix" | "mitigation" | "workaround" | "no_fix"; text: string; url: string | null };

export type VendorStatements = {
  /** Products the advisories list as fixed or known_not_affected, matched like affected ones. */
  stated: ProductIndex;
  statusOf: Map<string, { status: string; cves: string[] }>;
  remediationsOf: Map<string, RemediationNote[]>;
  /** Manufacturer VEX naming a vendor and product, indexed as products whose cves are the statement's CVE. */
  vex: ProductIndex;
  vexOf: Map<string, VexRule>;
  deviceVex: Map<string, VexRule[]>;
  /** Closing statements that name a component by purl or CPE (component-vex.ts). */
  componentVex: VexRule[];
};

const CLOSING = new Set(["not_affected", "fixed"]);

export function vendorStatements(products: StatedProduct[], vex: VexRule[]): VendorStatements {
  const stated = products.filter((p) => p.status !== "known_affected");
  const byProduct = vex.filter((v) => !v.deviceId && v.vendor && v.product);
  const deviceVex = new Map<string, VexRule[]>();
  for (const v of vex) if (v.deviceId) deviceVex.set(v.deviceId, [...(deviceVex.get(v.deviceId) ?? []), v]);
  const vexRows = byProduct.map((v, i) => ({ id: `vex:${i}`, advisoryId: v.source, vendor: v.vendor!, product: v.product!, versionRange: v.versionRange, cves: [v.vulnerabilityId] }));
  return {
    stated: indexProducts(stated),
    statusOf: new Map(stated.map((p) => [p.id, { status: p.status, cves: p.cves }])),
    remediationsOf: new Map(products.filter((p) => p.remediations?.length).map((p) => [p.id, p.remediations!])),
    vex: indexProducts(vexRows),
    vexOf: new Map(byProduct.map((v, i) => [`vex:${i}`, v])),
    deviceVex,
    componentVex: vex.filter((v) => !v.deviceId && (v.purl || v.cpe) && CLOSING.has(v.status)),
  };
}

/** Is the version at or past every version the vendor says fixes this CVE on this product? */
function fixedIn(s: VendorStatements, r: MatchReason, cve: string): string | null {
  const versions = (s.remediationsOf.get(r.productId) ?? []).filter((n) => n.fixes?.cves.includes(cve)).map((n) => n.fixes!.version);
  if (!versions.length || !r.version) return null;
  return versions.every((v) => versionInRange(r.version, parseVersionRange(`>=${v}`)) === "affected") ? versions.join(", ") : null;
}

/** A VEX statement's verdict in words: fixed, or not affected with its justification and detail, and its source. */
export const vexWhy = (v: VexRule) => `${v.status === "fixed" ? "fixed" : `not affected${v.justification ? `: ${v.justification.replace(/_/g, " ")}` : ""}`}${v.detail ? ` (${v.detail.slice(0, 300)})` : ""} (VEX from ${v.source})`;

/**
 * The matches the vendor leaves open, and those it closes with why. Reasons are closed one by
 * one (a fixed version ends one product's reason); a CVE closes when none is left.
 */
export function closeByVendor(target: MatchTarget, matches: CveMatch[], s: VendorStatements): { open: CveMatch[]; closed: Closure[] } {
  if (!matches.length) return { open: matches, closed: [] };
  const stated = matchProducts(target, s.stated).filter((r) => r.status === "affected");
  const vex = matchProducts(target, s.vex).filter((r) => r.status === "affected").map((r) => s.vexOf.get(r.productId)!);
  const open: CveMatch[] = [];
  const closed: Closure[] = [];
  for (const m of matches) {
    const said = vex.filter((v) => v.vulnerabilityId === m.cve);
    const closing = said.find((v) => CLOSING.has(v.status));
    if (closing) {
      closed.push({ cve: m.cve, advisoryId: m.advisoryId, status: closing.status as Closure["status"], why: vexWhy(closing) });
      continue;
    }
    const listed = stated.find((r) => s.statusOf.get(r.productId)?.cves.includes(m.cve));
    if (listed) {
      const status = s.statusOf.get(listed.productId)!.status === "fixed" ? "fixed" : "not_affected";
      closed.push({ cve: m.cve, advisoryId: listed.advisoryId, status, why: `${listed.advisoryId} lists ${listed.vendor} ${listed.product} ${listed.range} as ${status === "fixed" ? "fixed" : "not affected"}` });
      continue;
    }
    const kept = m.reasons.filter((r) => !fixedIn(s, r, m.cve));
    if (!kept.length) {
      closed.push({ cve: m.cve, advisoryId: m.advisoryId, status: "fixed", why: `fixed in ${fixedIn(s, m.reasons[0], m.cve)}: version ${m.reasons[0].version} is at or past it (${m.advisoryId} remediation)` });
      continue;
    }
    const confirmed = said.some((v) => v.status === "affected");
    const status = confirmed || kept.some((r) => r.status === "affected") ? "affected" : "needs_review";
    open.push({ ...m, status, advisoryId: kept.find((r) => r.status === status)?.advisoryId ?? kept[0].advisoryId, reasons: kept });
  }
  return { open, closed };
}

/** A statement attached to this device by a CycloneDX VEX closes the CVE whatever matched it. */
export function deviceClosures(deviceId: string | undefined, cves: string[], s: VendorStatements): Closure[] {
  const said = deviceId ? s.deviceVex.get(deviceId) ?? [] : [];
  return cves.flatMap((cve) => {
    const v = said.find((x) => x.vulnerabilityId === cve && CLOSING.has(x.status));
    return v ? [{ cve, advisoryId: null, status: v.status as Closure["status"], why: vexWhy(v) }] : [];
  });
}

const short = (t: string) => (t.length > 400 ? `${t.slice(0, 399)}…` : t).replace(/\s+/g, " ").trim();

/** What the vendor says to do about one open match: update first, then mitigations and workarounds. */
export function adviceFor(m: CveMatch, s: VendorStatements): Advice[] {
  const notes = m.reasons.flatMap((r) => s.remediationsOf.get(r.productId) ?? []).filter((n) => n.cves.includes(m.cve));
  const out = new Map<string, Advice>();
  for (const n of notes) {
    const fix = n.fixes?.cves.includes(m.cve) ? n.fixes.version : null;
    const advice: Advice =
      fix ? { kind: "update", text: `Update to ${fix} or later (vendor fix)`, url: n.url }
      : n.category === "vendor_fix" ? { kind: "vendor_fix", text: `Vendor fix: ${short(n.details)}`, url: n.url }
      : n.category === "mitigation" ? { kind: "mitigation", text: `Mitigate: ${short(n.details)}`, url: n.url }
      : n.category === "workaround" ? { kind: "workaround", text: `Work around: ${short(n.details)}`, url: n.url }
      : { kind: "no_fix", text: `No fix: ${short(n.details)}`, url: n.url };
    out.set(`${advice.text}|${advice.url}`, advice);
  }
  const order = ["update", "vendor_fix", "mitigation", "workaround", "no_fix"];
  return [...out.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** For the device page: each open match's advice and the matches the vendor closed, recomputed from the same statements. */
export function vendorView(target: MatchTarget, index: ProductIndex, cvesOf: (id: string) => string[], s: VendorStatements, deviceId?: string) {
  const { open, closed } = closeByVendor(target, cveMatches(matchProducts(target, index), cvesOf), s);
  const byDevice = deviceClosures(deviceId, open.map((m) => m.cve), s);
  const gone = new Set(byDevice.map((c) => c.cve));
  return { advice: new Map(open.filter((m) => !gone.has(m.cve)).map((m) => [m.cve, adviceFor(m, s)])), closed: [...closed, ...byDevice] };
}
