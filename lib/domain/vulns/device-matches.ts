// Which vulnerabilities apply to one device, and why: its own vendor, model and firmware against
// the advisories (advisory-match.ts), each component of its SBOM the same way, and the CVEs the
// SBOM itself declares unless its analysis says not affected. Pure: the risk refresh
// (lib/jobs/risk-refresh.ts) reads the facts, calls desiredMatches and writes matchChanges.
import { createHash } from "node:crypto";
import { cveMatches, indexProducts, matchProducts, type AdvisoryProduct, type CveMatch, type MatchReason, type MatchTarget, type ProductIndex } from "./advisory-match";
import { parseCpe, unescapeCpe } from "./cpe";
import { FleetMemo } from "./fleet-memo";
import { purlNames } from "./purl";
import { componentClosures } from "./component-vex";
import { closeByVendor, deviceClosures, vendorStatements, type Closure, type StatedProduct, type VendorStatements, type VexRule } from "./vendor-statements";

/** A CVE an SBOM declares for one of its components, with the SBOM's own analysis state. */
export type DeclaredVulnerability = { cve: string; state: string; vector: string | null };
/** States that mean the device is (or may be) affected; "not_affected", "false_positive" and the resolved states drop the finding. */
export const AFFECTING_STATES = new Set(["exploitable", "in_triage", "unknown"]);

/** source: "agent" for what an agent reports the device runs, "cyclonedx:<sha>" for an imported SBOM. */
export type SbomComponent = { name: string; version: string | null; supplier: string | null; cpe: string | null; purl?: string | null; source?: string; declared: unknown };
/** What matching reads of a device: the names and firmware it claims and that were resolved, and its SBOM. */
export type MatchFacts = {
  /** The device's id, for the manufacturer VEX statements attached to it. */
  id?: string;
  claimedVendor: string | null; vendor: string | null; claimedModel: string | null; model: string | null;
  firmwareVersion: string | null; claimedFirmware: string | null; components: SbomComponent[];
};
/** reason: the stored JSON text, written with sorted keys so that it compares equal to what PostgreSQL's jsonb gives back. */
export type DesiredMatch = { cve: string; source: "csaf" | "sbom"; status: "affected" | "needs_review"; advisoryId: string | null; reason: string };
/** A match as stored: DeviceVulnerability's columns; its reason inline (older rows) or by its MatchReason hash. */
export type StoredMatch = { id: string; vulnerabilityId: string; source: string; status: string; advisoryId: string | null; reason: unknown; reasonHash?: string | null };

/** The advisory index, and per fleet what matched, shared by every device of a refresh. */
export type MatchContext = { index: ProductIndex; cvesOf: Map<string, string[]>; seen: FleetMemo<MatchReason[]>; own: FleetMemo<DesiredMatch[]>; vendor: VendorStatements };

/** Products the advisories list as affected are matched; fixed and not-affected ones, remediations and VEX then close matches (vendor-statements.ts). */
export function matchContext(products: (AdvisoryProduct & Partial<StatedProduct>)[], vex: VexRule[] = []): MatchContext {
  const affected = products.filter((p) => (p.status ?? "known_affected") === "known_affected");
  const vendor = vendorStatements(products.map((p) => ({ ...p, status: p.status ?? "known_affected", remediations: p.remediations ?? null })), vex);
  return { index: indexProducts(affected), cvesOf: new Map(affected.map((p) => [p.id, p.cves])), seen: new FleetMemo(), own: new FleetMemo(), vendor };
}

/** The key a reason is stored under (MatchReason.hash): the sha-256 of its canonical JSON text. */
export const reasonHash = (reason: string) => createHash("sha256").update(reason).digest("base64url");

/** JSON with object keys sorted at every level: one text for one value, whatever the database did to key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** A component as a match target: vendor and product from its supplier, its CPE 2.3 name and its purl (purl.ts). */
function componentTarget(c: SbomComponent): MatchTarget {
  const cpe = c.cpe ? parseCpe(c.cpe) : null;
  const fromCpe = (v: string | undefined) => (v && v !== "*" && v !== "-" ? unescapeCpe(v).replace(/_/g, " ") : null);
  const purl = c.purl ? purlNames(c.purl) : null;
  return {
    vendors: [c.supplier, fromCpe(cpe?.vendor), ...(purl?.vendors ?? [])],
    models: [fromCpe(cpe?.product), c.name, purl?.product],
    version: c.version ?? fromCpe(cpe?.version) ?? purl?.version,
    subject: `${c.source === "agent" ? "component reported by the agent" : "component"} ${c.name}${c.version ? ` ${c.version}` : ""}`,
  };
}

/** What a match keeps: the advisory, the range and version compared, and why in words (which names the vendor and product). */
function storedReason(r: MatchReason) {
  return { advisoryId: r.advisoryId, status: r.status, range: r.range, version: r.version, why: r.subject === "device" ? r.why : `${r.subject}: ${r.why}` };
}

const matchOnce = (target: MatchTarget, ctx: Pick<MatchContext, "index" | "seen">) => ctx.seen.get(JSON.stringify(target), () => matchProducts(target, ctx.index));

function fold(matches: CveMatch[], source: DesiredMatch["source"]): DesiredMatch[] {
  return matches.map((m) => ({ cve: m.cve, source, status: m.status, advisoryId: m.advisoryId, reason: canonicalJson({ rule: "advisory", matches: m.reasons.map(storedReason) }) }));
}

const declaredOf = (c: SbomComponent) => ((c.declared as DeclaredVulnerability[] | null) ?? []).filter((v) => AFFECTING_STATES.has(v.state));

/** Which components brought each CVE: through an advisory their names match, or declared in the SBOM itself. */
function componentsByCve(components: SbomComponent[], reasonsOf: MatchReason[][], cves: (productId: string) => string[]): Map<string, SbomComponent[]> {
  const through = new Map<string, SbomComponent[]>();
  const brought = (cve: string, c: SbomComponent) => through.set(cve, [...(through.get(cve) ?? []), c]);
  components.forEach((c, i) => {
    new Set([...reasonsOf[i].flatMap((r) => cves(r.productId)), ...declaredOf(c).map((v) => v.cve)]).forEach((cve) => brought(cve, c));
  });
  return through;
}

/** What a manufacturer's VEX closes among the components' matches (component-vex.ts), for the refresh and the device page. */
export function componentVendorClosures(components: SbomComponent[], ctx: Pick<MatchContext, "index" | "cvesOf" | "seen" | "vendor">): Closure[] {
  if (!components.length || !ctx.vendor.componentVex.length) return [];
  const cves = (id: string) => ctx.cvesOf.get(id) ?? [];
  return componentClosures(componentsByCve(components, components.map((c) => matchOnce(componentTarget(c), ctx)), cves), ctx.vendor.componentVex);
}

/**
 * The SBOM's matches: its components against the advisories, then the CVEs it declares itself (an
 * advisory's "affected" wins), less those a manufacturer's VEX closes for every component that
 * brought them.
 */
function sbomMatches(components: SbomComponent[], ctx: Pick<MatchContext, "index" | "cvesOf" | "seen" | "vendor">): DesiredMatch[] {
  const cves = (id: string) => ctx.cvesOf.get(id) ?? [];
  const sbom = new Map(fold(cveMatches(components.flatMap((c) => matchOnce(componentTarget(c), ctx)), cves), "sbom").map((m) => [m.cve, m]));
  for (const c of components) {
    for (const v of declaredOf(c)) {
      if (sbom.get(v.cve)?.status === "affected") continue;
      sbom.set(v.cve, { cve: v.cve, source: "sbom", status: v.state === "exploitable" ? "affected" : "needs_review", advisoryId: null, reason: canonicalJson({ rule: "sbom-declared", component: c.name, version: c.version, state: v.state }) });
    }
  }
  for (const closure of componentVendorClosures(components, ctx)) sbom.delete(closure.cve);
  return [...sbom.values()];
}

/** Every vulnerability that applies to the device, per CVE and source, with why. */
export function desiredMatches(d: MatchFacts, ctx: MatchContext): DesiredMatch[] {
  const target = deviceTarget(d);
  const own = ctx.own.get(JSON.stringify(target), () => fold(closeByVendor(target, cveMatches(matchOnce(target, ctx), (id) => ctx.cvesOf.get(id) ?? []), ctx.vendor).open, "csaf"));
  const all = d.components.length ? [...own, ...sbomMatches(d.components, ctx)] : own;
  // A manufacturer's VEX attached to this device closes a CVE whatever matched it.
  const closed = new Set(deviceClosures(d.id, all.map((m) => m.cve), ctx.vendor).map((c) => c.cve));
  return closed.size ? all.filter((m) => !closed.has(m.cve)) : all;
}

/** The device itself as a match target: the names and firmware it claims and that were resolved. */
export function deviceTarget(d: MatchFacts): MatchTarget {
  return { vendors: [d.claimedVendor, d.vendor], models: [d.claimedModel, d.model], version: d.firmwareVersion ?? d.claimedFirmware, subject: "device" };
}

/** What to write for one device: the matches to create, and the stored ones (by id) to remove, changed ones included. */
export function matchChanges(desired: DesiredMatch[], stored: StoredMatch[], hashOf: (reason: string) => string = reasonHash): { create: DesiredMatch[]; remove: string[] } {
  const existing = new Map(stored.map((v) => [`${v.vulnerabilityId}|${v.source}`, v]));
  const create: DesiredMatch[] = [];
  const remove: string[] = [];
  for (const m of desired) {
    const prior = existing.get(`${m.cve}|${m.source}`);
    existing.delete(`${m.cve}|${m.source}`);
    const sameReason = prior?.reasonHash ? prior.reasonHash === hashOf(m.reason) : canonicalJson(prior?.reason) === m.reason;
    if (prior && prior.status === m.status && prior.advisoryId === m.advisoryId && sameReason) continue;
    if (prior) remove.push(prior.id);
    create.push(m);
  }
  remove.push(...[...existing.values()].map((v) => v.id));
  return { create, remove };
}
