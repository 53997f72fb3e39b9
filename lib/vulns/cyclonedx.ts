// A CycloneDX SBOM (JSON, spec 1.2 to 1.6) attached to a device: its components, with CPE and
// purl, and the vulnerabilities the SBOM itself declares (VEX-style "vulnerabilities" with
// "affects" and an analysis state). Validated with zod, bounded.
import { z } from "zod";
import type { DeclaredVulnerability } from "../domain/vulns/device-matches";

const text = (max: number) => z.string().max(max);
const component = z.object({
  "bom-ref": text(500).optional(),
  type: text(50),
  name: text(500).min(1),
  group: text(500).optional(),
  version: text(200).optional(),
  supplier: z.object({ name: text(500).optional() }).optional(),
  publisher: text(500).optional(),
  cpe: text(1000).optional(),
  purl: text(2000).optional(),
});
export const cyclonedxSchema = z.object({
  bomFormat: z.literal("CycloneDX"),
  specVersion: z.enum(["1.2", "1.3", "1.4", "1.5", "1.6"]),
  serialNumber: text(200).optional(),
  version: z.number().int().positive().optional(),
  metadata: z.object({ timestamp: z.iso.datetime({ offset: true }).optional(), component: component.optional() }).optional(),
  components: z.array(component).max(20_000).default([]),
  vulnerabilities: z
    .array(
      z.object({
        id: text(100),
        ratings: z.array(z.object({ vector: text(400).optional(), method: text(50).optional() })).max(20).optional(),
        affects: z.array(z.object({ ref: text(500) })).max(20_000).default([]),
        analysis: z.object({ state: z.enum(["resolved", "resolved_with_pedigree", "exploitable", "in_triage", "false_positive", "not_affected"]).optional() }).optional(),
      }),
    )
    .max(20_000)
    .default([]),
});

export type SbomComponentRecord = { bomRef: string | null; name: string; version: string | null; supplier: string | null; cpe: string | null; purl: string | null; declared: DeclaredVulnerability[] };
export type Sbom = { serialNumber: string | null; createdAt: Date | null; components: SbomComponentRecord[] };

/** The components (deduplicated by name and version) with the CVEs the SBOM declares for each. */
export function readCyclonedx(raw: unknown): { ok: true; sbom: Sbom } | { ok: false; error: z.ZodError } {
  const parsed = cyclonedxSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const bom = parsed.data;
  const declaredFor = new Map<string, DeclaredVulnerability[]>();
  for (const v of bom.vulnerabilities) {
    if (!/^CVE-\d{4}-\d{4,}$/.test(v.id)) continue; // GHSA and vendor ids have no KEV/EPSS data to score with
    const vector = v.ratings?.find((r) => r.vector?.startsWith("CVSS:"))?.vector ?? null;
    for (const a of v.affects) declaredFor.set(a.ref, [...(declaredFor.get(a.ref) ?? []), { cve: v.id, state: v.analysis?.state ?? "unknown", vector }]);
  }
  const byKey = new Map<string, SbomComponentRecord>();
  for (const c of bom.components) {
    const key = `${c.group ?? ""}/${c.name}@${c.version ?? ""}`;
    const declared = c["bom-ref"] ? declaredFor.get(c["bom-ref"]) ?? [] : [];
    const prior = byKey.get(key);
    if (prior) prior.declared.push(...declared);
    else byKey.set(key, { bomRef: c["bom-ref"] ?? null, name: c.group ? `${c.group}/${c.name}` : c.name, version: c.version ?? null, supplier: c.supplier?.name ?? c.publisher ?? null, cpe: c.cpe ?? null, purl: c.purl ?? null, declared });
  }
  return { ok: true, sbom: { serialNumber: bom.serialNumber ?? null, createdAt: bom.metadata?.timestamp ? new Date(bom.metadata.timestamp) : null, components: [...byKey.values()] } };
}
