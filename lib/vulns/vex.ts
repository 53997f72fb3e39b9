// Manufacturer VEX statements: what a manufacturer says of its products and a CVE (not affected,
// fixed, affected, under investigation), from a CSAF VEX document or a CycloneDX VEX BOM (one
// whose vulnerabilities carry an analysis and no components). Validated with zod, bounded.
import { z } from "zod";

const text = (max: number) => z.string().max(max);
const CVE = /^CVE-\d{4}-\d{4,}$/;

export type VexStatementRecord = {
  vulnerabilityId: string; vendor: string | null; product: string | null; versionRange: string | null;
  cpe: string | null; purl: string | null; status: "not_affected" | "affected" | "fixed" | "under_investigation";
  justification: string | null; detail: string | null;
};
export type VexDocument = { source: string; version: string | null; date: Date | null; statements: VexStatementRecord[] };

// ─── CSAF VEX ────────────────────────────────────────────────────────────────────────────────

type Branch = { category: string; name: string; product?: { product_id: string; name: string; product_identification_helper?: { cpe?: string; purl?: string } }; branches?: Branch[] };
const branch: z.ZodType<Branch> = z.lazy(() =>
  z.object({
    category: text(64),
    name: text(1000),
    product: z.object({ product_id: text(200), name: text(2000), product_identification_helper: z.object({ cpe: text(1000).optional(), purl: text(2000).optional() }).optional() }).optional(),
    branches: z.array(branch).max(2000).optional(),
  }),
);
const ids = z.array(text(200)).max(5000).optional();
export const csafVexSchema = z.object({
  document: z.object({
    category: z.literal("csaf_vex"),
    csaf_version: z.literal("2.0"),
    tracking: z.object({ id: text(200).min(1), version: text(50), current_release_date: z.iso.datetime({ offset: true }) }),
  }),
  product_tree: z.object({ branches: z.array(branch).max(2000).optional() }).optional(),
  vulnerabilities: z
    .array(
      z.object({
        cve: z.string().regex(CVE),
        product_status: z.object({ known_not_affected: ids, fixed: ids, first_fixed: ids, known_affected: ids, under_investigation: ids }).optional(),
        flags: z.array(z.object({ label: text(100), product_ids: ids })).max(100).optional(),
        threats: z.array(z.object({ category: text(50), details: text(5000), product_ids: ids })).max(500).optional(),
      }),
    )
    .min(1)
    .max(5000),
});

type Product = { vendor: string | null; product: string | null; versionRange: string | null; cpe: string | null; purl: string | null };

function products(branches: Branch[] | undefined, path: Branch[] = [], out = new Map<string, Product>()): Map<string, Product> {
  for (const b of branches ?? []) {
    const here = [...path, b];
    const find = (...cats: string[]) => here.find((x) => cats.includes(x.category))?.name ?? null;
    if (b.product) {
      const h = b.product.product_identification_helper;
      out.set(b.product.product_id, { vendor: find("vendor"), product: find("product_name", "product_family") ?? b.product.name, versionRange: find("product_version_range", "product_version"), cpe: h?.cpe ?? null, purl: h?.purl ?? null });
    }
    products(b.branches, here, out);
  }
  return out;
}

export function readCsafVex(raw: unknown): { ok: true; vex: VexDocument } | { ok: false; error: z.ZodError } {
  const parsed = csafVexSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const { document: doc, product_tree, vulnerabilities } = parsed.data;
  const tree = products(product_tree?.branches);
  const statements: VexStatementRecord[] = [];
  for (const v of vulnerabilities) {
    const said: [VexStatementRecord["status"], string[] | undefined][] = [
      ["not_affected", v.product_status?.known_not_affected], ["fixed", [...(v.product_status?.fixed ?? []), ...(v.product_status?.first_fixed ?? [])]],
      ["affected", v.product_status?.known_affected], ["under_investigation", v.product_status?.under_investigation],
    ];
    for (const [status, refs] of said) {
      for (const ref of new Set(refs ?? [])) {
        const p = tree.get(ref);
        if (!p) continue; // a product id the tree does not name describes nothing we can match
        const justification = status === "not_affected" ? v.flags?.find((f) => f.product_ids?.includes(ref))?.label ?? null : null;
        const detail = v.threats?.find((t) => t.category === "impact" && t.product_ids?.includes(ref))?.details ?? null;
        statements.push({ vulnerabilityId: v.cve, ...p, status, justification, detail });
      }
    }
  }
  return { ok: true, vex: { source: `csaf-vex:${doc.tracking.id}`, version: `${doc.tracking.id} rev ${doc.tracking.version}`, date: new Date(doc.tracking.current_release_date), statements } };
}

// ─── CycloneDX VEX ───────────────────────────────────────────────────────────────────────────

const STATE = { not_affected: "not_affected", false_positive: "not_affected", resolved: "fixed", resolved_with_pedigree: "fixed", exploitable: "affected", in_triage: "under_investigation" } as const;
const described = z.object({ name: text(500).min(1), version: text(200).optional(), supplier: z.object({ name: text(500).optional() }).optional(), manufacturer: z.object({ name: text(500).optional() }).optional(), publisher: text(500).optional(), cpe: text(1000).optional(), purl: text(2000).optional() });
export const cyclonedxVexSchema = z.object({
  bomFormat: z.literal("CycloneDX"),
  specVersion: z.enum(["1.4", "1.5", "1.6"]),
  serialNumber: text(200).optional(),
  version: z.number().int().positive().optional(),
  metadata: z.object({ timestamp: z.iso.datetime({ offset: true }).optional(), component: described.optional(), manufacturer: z.object({ name: text(500).optional() }).optional() }).optional(),
  components: z.array(z.unknown()).max(0, "a VEX lists no components: an SBOM with components is imported as an SBOM").optional(),
  vulnerabilities: z
    .array(
      z.object({
        id: z.string().regex(CVE, "must be a CVE id"),
        affects: z.array(z.object({ ref: text(2000) })).min(1).max(5000),
        analysis: z.object({ state: z.enum(Object.keys(STATE) as [keyof typeof STATE]), justification: text(100).optional(), detail: text(5000).optional() }),
      }),
    )
    .min(1)
    .max(20_000),
});

/** A BOM that says something of CVEs and lists no components: a VEX rather than an SBOM. */
export function isCyclonedxVex(o: Record<string, unknown>): boolean {
  return o.bomFormat === "CycloneDX" && Array.isArray(o.vulnerabilities) && o.vulnerabilities.length > 0 && !(Array.isArray(o.components) && o.components.length > 0);
}

/**
 * The statements of a CycloneDX VEX. An affects ref that is a purl or CPE names the product
 * itself; any other ref (a bom-link) names the product the BOM describes (metadata.component),
 * or, when attached to a device, that device.
 */
export function readCyclonedxVex(raw: unknown, sha256: string): { ok: true; vex: VexDocument; needsDevice: boolean } | { ok: false; error: z.ZodError } {
  const parsed = cyclonedxVexSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const bom = parsed.data;
  const c = bom.metadata?.component;
  const vendor = c?.manufacturer?.name ?? c?.supplier?.name ?? c?.publisher ?? bom.metadata?.manufacturer?.name ?? null;
  let needsDevice = false;
  const statements = bom.vulnerabilities.flatMap((v) =>
    [...new Set(v.affects.map((a) => a.ref))].map((ref): VexStatementRecord => {
      const purl = ref.startsWith("pkg:") ? ref : null;
      const cpe = ref.startsWith("cpe:") ? ref : null;
      if (!purl && !cpe && !(vendor && c)) needsDevice = true;
      const own = !purl && !cpe;
      return {
        vulnerabilityId: v.id, vendor: own ? vendor : null, product: own ? c?.name ?? null : null, versionRange: own ? c?.version ?? null : null,
        cpe: cpe ?? (own ? c?.cpe ?? null : null), purl: purl ?? (own ? c?.purl ?? null : null),
        status: STATE[v.analysis.state], justification: v.analysis.justification ?? null, detail: v.analysis.detail ?? null,
      };
    }),
  );
  const source = `cyclonedx-vex:${(bom.serialNumber ?? sha256).slice(0, 120)}`;
  return { ok: true, needsDevice, vex: { source, version: bom.serialNumber ? `${bom.serialNumber} v${bom.version ?? 1}` : null, date: bom.metadata?.timestamp ? new Date(bom.metadata.timestamp) : null, statements } };
}

/** A manufacturer's VEX, read; null when the document is not one (a CSAF advisory, an SBOM, another feed). */
export function readVex(o: Record<string, unknown>, sha256: string): ReturnType<typeof readCyclonedxVex> | null {
  const doc = o.document as Record<string, unknown> | undefined;
  if (doc && typeof doc === "object" && doc.category === "csaf_vex") {
    const r = readCsafVex(o);
    return r.ok ? { ...r, needsDevice: false } : r;
  }
  return isCyclonedxVex(o) ? readCyclonedxVex(o, sha256) : null;
}
