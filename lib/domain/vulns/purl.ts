// Package URLs (purl, https://github.com/package-url/purl-spec): pkg:type/namespace/name@version?qualifiers#subpath.
// Agents and SBOMs name a component this way when it has no CPE; the advisory matcher wants
// vendor, product and version, so a purl is read into those. Hand-written: the reference parser
// (packageurl-js) is not a dependency, and lib/domain imports only pure packages already listed;
// the grammar is small. Pure.

export type Purl = { type: string; namespace: string | null; name: string; version: string | null };
/** A purl as a match target's names: vendor candidates (most specific first), product, version. */
export type PurlNames = { vendors: string[]; product: string; version: string | null };

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** The purl's parts, or null when it is not a purl (no "pkg:" scheme, no type or no name). */
export function parsePurl(text: string): Purl | null {
  const trimmed = text.trim();
  if (!/^pkg:/i.test(trimmed)) return null;
  // Subpath and qualifiers name files and build options, never the package: dropped.
  const body = trimmed.slice(4).replace(/#.*$/, "").replace(/\?.*$/, "").replace(/^\/+/, "");
  const at = body.lastIndexOf("@");
  const path = at > 0 ? body.slice(0, at) : body;
  const version = at > 0 ? decode(body.slice(at + 1)) || null : null;
  const parts = path.split("/").filter(Boolean);
  if (parts.length < 2) return null;
  const type = parts[0].toLowerCase();
  if (!/^[a-z.+-][a-z0-9.+-]*$/.test(type)) return null;
  const name = decode(parts[parts.length - 1]);
  const namespace = parts.length > 2 ? parts.slice(1, -1).map(decode).join("/") : null;
  return name ? { type, namespace, name, version } : null;
}

/**
 * Vendor candidates from the namespace: the namespace itself, its last path segment
 * ("@ge-healthcare" → "ge-healthcare", "github.com/acme" → "acme") and, for reverse-domain
 * namespaces (maven's "org.apache.logging.log4j"), the organisation's name ("apache").
 */
function vendorsOf(p: Purl): string[] {
  if (!p.namespace) return [];
  const ns = p.namespace.replace(/^@/, "");
  const last = ns.split("/").pop()!;
  const out = [ns, last];
  const dotted = last.split(".");
  if (dotted.length >= 2 && /^(org|com|net|io|de|nl|fr|uk|eu|ch|jp)$/i.test(dotted[0])) out.push(dotted[1]);
  return [...new Set(out.map((v) => v.replace(/[_-]+/g, " ").trim()).filter(Boolean))];
}

export function purlNames(text: string): PurlNames | null {
  const p = parsePurl(text);
  return p ? { vendors: vendorsOf(p), product: p.name, version: p.version } : null;
}
