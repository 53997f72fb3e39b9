// CSAF 2.0 advisories (e.g. CISA's ICSMA files): the advisory, the products it names with their
// version ranges, the CVEs that list each product as known_affected, fixed or known_not_affected,
// and what the vendor says to do (remediations). Validated with zod: a malformed file is refused
// with the path of what is wrong; nothing is guessed.
import { z } from "zod";
import { concerns, fixedVersionIn } from "../domain/vulns/remediation-text";
import { parseVersionRange } from "../domain/vulns/versions";

const text = (max: number) => z.string().max(max);
type Branch = { category: string; name: string; product?: { product_id: string; name: string }; branches?: Branch[] };
const branch: z.ZodType<Branch> = z.lazy(() =>
  z.object({
    category: text(64),
    name: text(1000),
    product: z.object({ product_id: text(200), name: text(2000) }).optional(),
    branches: z.array(branch).max(2000).optional(),
  }),
);
const score = z.object({
  cvss_v2: z.object({ vectorString: text(200) }).optional(),
  cvss_v3: z.object({ vectorString: text(200) }).optional(),
  cvss_v4: z.object({ vectorString: text(400) }).optional(),
});
/** CSAF product_status keys, and what each says of a product: affected, fixed or not affected. */
const STATUS_OF = {
  known_affected: "known_affected", first_affected: "known_affected", last_affected: "known_affected",
  fixed: "fixed", first_fixed: "fixed", known_not_affected: "known_not_affected",
} as const;
const STATUS_KEYS = ["known_affected", "first_affected", "last_affected", "fixed", "first_fixed", "known_not_affected", "recommended", "under_investigation"] as const;
export const REMEDIATION_CATEGORIES = ["vendor_fix", "mitigation", "workaround", "none_available", "no_fix_planned"] as const;
const remediation = z.object({
  category: z.enum(REMEDIATION_CATEGORIES),
  details: text(20_000),
  url: text(2000).optional(),
  product_ids: z.array(text(200)).max(5000).optional(),
});
export const csafSchema = z.object({
  document: z.object({
    category: text(100),
    csaf_version: z.literal("2.0"),
    title: text(1000),
    publisher: z.object({ name: text(500) }),
    tracking: z.object({ id: text(200).min(1), version: text(50), initial_release_date: z.iso.datetime({ offset: true }), current_release_date: z.iso.datetime({ offset: true }) }),
    references: z.array(z.object({ category: text(50).optional(), url: text(2000) })).max(500).optional(),
  }),
  product_tree: z.object({ branches: z.array(branch).max(2000).optional() }).optional(),
  vulnerabilities: z
    .array(
      z.object({
        cve: z.string().regex(/^CVE-\d{4}-\d{4,}$/).optional(),
        title: text(1000).optional(),
        notes: z.array(z.object({ category: text(50), text: text(20_000) })).max(100).optional(),
        scores: z.array(score).max(100).optional(),
        cwe: z.object({ id: text(20) }).optional(),
        product_status: z.partialRecord(z.enum(STATUS_KEYS), z.array(text(200)).max(5000)).optional(),
        remediations: z.array(remediation).max(500).optional(),
      }),
    )
    .max(5000)
    .optional(),
});

export type ProductStatus = (typeof STATUS_OF)[keyof typeof STATUS_OF];
/**
 * What the vendor says to do for a product: the CVEs of the product it concerns, and for a
 * vendor_fix the version its text says fixes them (`fixes.cves`: those not also promised a later fix).
 */
export type Remediation = { category: (typeof REMEDIATION_CATEGORIES)[number]; details: string; url: string | null; cves: string[]; fixes?: { version: string; cves: string[] } };
/** One row per product and status: a product fixed for one CVE and affected by another gives two. */
export type CsafProduct = { productRef: string; vendor: string; product: string; versionRange: string | null; parseStatus: "parsed" | "all" | "unparsed"; status: ProductStatus; cves: string[]; remediations: Remediation[] };
export type CsafVulnerability = { cve: string; title: string | null; description: string | null; cvssVector: string | null };
export type CsafAdvisory = {
  id: string;
  title: string;
  publisher: string;
  version: string;
  releasedAt: Date;
  revisedAt: Date;
  url: string | null;
  products: CsafProduct[];
  vulnerabilities: CsafVulnerability[];
};

type Leaf = { productRef: string; vendor: string; product: string; versionRange: string | null };

function leaves(branches: Branch[] | undefined, path: Branch[] = []): Leaf[] {
  return (branches ?? []).flatMap((b) => {
    const here = [...path, b];
    const own: Leaf[] = [];
    if (b.product) {
      const find = (category: string) => here.find((x) => x.category === category)?.name;
      const version = here.find((x) => x.category === "product_version_range" || x.category === "product_version")?.name ?? null;
      own.push({ productRef: b.product.product_id, vendor: find("vendor") ?? "", product: find("product_name") ?? find("product_family") ?? b.product.name, versionRange: version });
    }
    return [...own, ...leaves(b.branches, here)];
  });
}

/** The most precise vector the advisory gives: CVSS 4.0, then 3.x, then 2.0. */
function vectorOf(scores: z.infer<typeof score>[] | undefined): string | null {
  for (const key of ["cvss_v4", "cvss_v3", "cvss_v2"] as const) {
    const found = scores?.find((s) => s[key])?.[key]?.vectorString;
    if (found) return found;
  }
  return null;
}

type Vuln = NonNullable<z.infer<typeof csafSchema>["vulnerabilities"]>[number] & { cve: string };

/** The product's CVEs per status; known_affected always present, the others when named. */
function statusesOf(ref: string, vulns: Vuln[]): [ProductStatus, string[]][] {
  const by = new Map<ProductStatus, Set<string>>([["known_affected", new Set()]]);
  for (const v of vulns) {
    for (const [key, ids] of Object.entries(v.product_status ?? {})) {
      const status = STATUS_OF[key as keyof typeof STATUS_OF];
      if (status && ids?.includes(ref)) by.set(status, (by.get(status) ?? new Set()).add(v.cve));
    }
  }
  return [...by].map(([s, cves]) => [s, [...cves].sort()]);
}

/** The remediations naming the product, once each, with the CVEs each concerns and the version a vendor fix gives. */
export function remediationsOf(ref: string, vulns: Vuln[]): Remediation[] {
  const byText = new Map<string, Remediation>();
  // A vendor fix that names a CVE (or its CWE) without a version is promised, not shipped: no version ends that CVE.
  const pending = new Set<string>();
  for (const v of vulns) {
    for (const r of v.remediations ?? []) {
      if (!r.product_ids?.includes(ref)) continue;
      const { applies, named } = concerns(r.details, v.cve, v.cwe?.id ?? null);
      if (!applies) continue;
      if (named && r.category === "vendor_fix" && !fixedVersionIn(r.details)) pending.add(v.cve);
      const key = JSON.stringify([r.category, r.details, r.url ?? null]);
      const entry = byText.get(key) ?? { category: r.category, details: r.details.slice(0, 2000), url: r.url ?? null, cves: [] };
      entry.cves.push(v.cve);
      byText.set(key, entry);
    }
  }
  return [...byText.values()].map((e) => {
    const version = e.category === "vendor_fix" ? fixedVersionIn(e.details) : null;
    const cves = [...new Set(e.cves)].sort();
    const fixed = cves.filter((c) => !pending.has(c));
    return { ...e, cves, ...(version && fixed.length ? { fixes: { version, cves: fixed } } : {}) };
  });
}

/** The normalised advisory, or the zod error of the raw document. */
export function readCsaf(raw: unknown): { ok: true; advisory: CsafAdvisory } | { ok: false; error: z.ZodError } {
  const parsed = csafSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const { document: doc, product_tree, vulnerabilities = [] } = parsed.data;
  const withCve = vulnerabilities.filter((v): v is Vuln => !!v.cve);
  const products = leaves(product_tree?.branches).flatMap((l) => {
    const parseStatus = l.versionRange === null ? ("all" as const) : (({ constraints: "parsed", all: "all", unparsed: "unparsed" } as const)[parseVersionRange(l.versionRange).kind]);
    const remediations = remediationsOf(l.productRef, withCve);
    return statusesOf(l.productRef, withCve).map(([status, cves]) => ({ ...l, parseStatus, status, cves, remediations: status === "known_affected" ? remediations : [] }));
  });
  return {
    ok: true,
    advisory: {
      id: doc.tracking.id,
      title: doc.title,
      publisher: doc.publisher.name,
      version: doc.tracking.version,
      releasedAt: new Date(doc.tracking.initial_release_date),
      revisedAt: new Date(doc.tracking.current_release_date),
      url: doc.references?.find((r) => r.category === "self" && !r.url.endsWith(".json"))?.url ?? doc.references?.find((r) => r.category === "self")?.url ?? null,
      products,
      vulnerabilities: withCve.map((v) => ({
        cve: v.cve!,
        title: v.title ?? null,
        description: v.notes?.find((n) => n.category === "summary" || n.category === "description")?.text ?? null,
        cvssVector: vectorOf(v.scores),
      })),
    },
  };
}
