// A manufacturer's VEX that names a component by package URL or CPE (as CycloneDX VEX usually
// does: "affects": [{ "ref": "pkg:…" }]) rather than by vendor and product: it closes what a
// device's SBOM or agent-reported components matched, component by component. Pure.
import { cpeMatches } from "./cpe";
import { parsePurl } from "./purl";
import { vexWhy, type Closure, type VexRule } from "./vendor-statements";

export type NamedComponent = { name: string; cpe: string | null; purl?: string | null };

/** Same package (type, namespace, name; names compared without case), and the same version when the statement gives one. */
function samePackage(statement: string, component: string): boolean {
  const s = parsePurl(statement);
  const c = parsePurl(component);
  if (!s || !c) return false;
  const same = (a: string | null, b: string | null) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase();
  return s.type === c.type && same(s.namespace, c.namespace) && same(s.name, c.name) && (!s.version || s.version === c.version);
}

/** Does the statement name this component? A purl by package (and version), a CPE by CPE name matching (a "*" version names every version). */
export function namesComponent(v: Pick<VexRule, "cpe" | "purl">, c: NamedComponent): boolean {
  if (v.purl && c.purl && samePackage(v.purl, c.purl)) return true;
  return !!(v.cpe && c.cpe && cpeMatches(v.cpe, c.cpe));
}

/**
 * The CVEs the manufacturer closes among those matched through components: a CVE closes only
 * when every component it was matched through is named by a closing statement for it (one
 * statement about openssl says nothing of the same CVE in another library).
 */
export function componentClosures(through: Map<string, NamedComponent[]>, statements: VexRule[]): Closure[] {
  // statements: VendorStatements.componentVex (closing statements naming a purl or CPE).
  if (!statements.length) return [];
  const closures: Closure[] = [];
  for (const [cve, components] of through) {
    const said = statements.filter((v) => v.vulnerabilityId === cve);
    if (!said.length || !components.length) continue;
    const saying = components.map((c) => said.find((v) => namesComponent(v, c)));
    if (saying.some((v) => !v)) continue;
    const first = saying[0]!;
    const names = [...new Set(components.map((c) => c.name))].join(", ");
    closures.push({ cve, advisoryId: null, status: first.status as Closure["status"], why: `${names}: ${vexWhy(first)}` });
  }
  return closures;
}
