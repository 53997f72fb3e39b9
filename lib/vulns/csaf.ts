// CSAF 2.0 advisories (e.g. CISA's ICSMA files): the advisory, the products it names with their
// version ranges, and the CVEs that list each product as known_affected. Validated with zod:
// a malformed file is refused with the path of what is wrong; nothing is guessed.
import { z } from "zod";
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
        product_status: z.object({ known_affected: z.array(text(200)).max(5000).optional() }).optional(),
      }),
    )
    .max(5000)
    .optional(),
});

export type CsafProduct = { productRef: string; vendor: string; product: string; versionRange: string | null; parseStatus: "parsed" | "all" | "unparsed"; cves: string[] };
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

/** The normalised advisory, or the zod error of the raw document. */
export function readCsaf(raw: unknown): { ok: true; advisory: CsafAdvisory } | { ok: false; error: z.ZodError } {
  const parsed = csafSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const { document: doc, product_tree, vulnerabilities = [] } = parsed.data;
  const withCve = vulnerabilities.filter((v) => v.cve);
  const cvesOf = (ref: string) => withCve.filter((v) => v.product_status?.known_affected?.includes(ref)).map((v) => v.cve!);
  const products = leaves(product_tree?.branches).map((l) => ({
    ...l,
    parseStatus: l.versionRange === null ? ("all" as const) : (({ constraints: "parsed", all: "all", unparsed: "unparsed" } as const)[parseVersionRange(l.versionRange).kind]),
    cves: [...new Set(cvesOf(l.productRef))].sort(),
  }));
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
