// Vendor and product names, normalised for matching CISA medical advisories to devices. An
// advisory says "Becton, Dickinson and Company (BD)" / "BD Alaris Point-of-Care Unit (PCU)
// Model 8015"; the device record says "BD" / "Alaris PCU Model 8015". Vendors resolve through
// one canonical table (vendor-table.json, derived by scripts/derive-vendor-table.ts from the
// reviewed seeds, the advisories, the IEEE registry and usb.ids). Vendor keys are deliberately
// generous (mergers folded in) because the product match that follows is strict
// (model-names.ts): a false "affected" on a pump costs a clinical engineer a morning.
//
// vendor-names.ts answers a different question (does the network evidence contradict a claimed
// vendor?) with its own keys; these keys are the ones stored as AffectedProduct.vendorNormalized.
import { cleanName, createVendorResolver, memo, type VendorEntry } from "./vendor-clean";
import { matchModel } from "./model-names";
import { VENDOR_ALIASES } from "./vendor-seeds";
import table from "./vendor-table.json";

export { VENDOR_ALIASES, type VendorAlias } from "./vendor-seeds";

/** The canonical vendor table: one entry per company, with every name it goes by. */
export const VENDOR_TABLE: VendorEntry[] = table.vendors.map((v) => ({ key: v.key, names: v.names }));
const resolver = createVendorResolver(VENDOR_TABLE);

/**
 * Every company a vendor field names, as keys: "Silex Technology and GE Healthcare" →
 * ["silex technology", "ge healthcare"]; "Becton, Dickinson and Company (BD)" → ["bd"];
 * "Spacelabs Healthcare" → ["spacelabs"]. A company not in the table: its cleaned name.
 */
export const vendorKeys = (name: string): string[] => resolver.keys(name);

/** Is this key one of the table's companies (not merely a cleaned name)? */
export const isKnownVendor = (key: string): boolean => resolver.known(key);

/** One key per vendor field, the first company it names: "Baxter International Inc." → "baxter". */
export function normalizeVendor(name: string): string {
  return vendorKeys(name)[0] ?? "";
}

/** Do two vendor fields name a company in common? */
export function vendorsMatch(a: string, b: string): boolean {
  const keys = new Set(vendorKeys(a));
  return vendorKeys(b).some((k) => keys.has(k));
}

/** Every word of every name of the companies a vendor field names: "HAMILTON" in "HAMILTON-T1" is the maker, not the model. */
export const vendorWords = memo((vendor: string): Set<string> => new Set(vendorKeys(vendor).flatMap((k) => resolver.namesOf(k)).flatMap((n) => n.split(" "))));

// ─── Products ────────────────────────────────────────────────────────────────────────────────

const plain = (s: string) => cleanName(s).replace(/[^a-z0-9]+/g, " ").trim();

/** The vendor's names (or, with no vendor, every reviewed alias) that may prefix a product name, longest first. */
const prefixesFor = memo((vendor: string): string[] => {
  const names = vendor ? vendorKeys(vendor).flatMap((k) => resolver.namesOf(k)) : VENDOR_ALIASES.flatMap((a) => a.names);
  return names.map(plain).sort((a, b) => b.length - a.length);
});

/**
 * Lower case, punctuation and spacing collapsed, the vendor's name dropped from the front:
 * "BD Alaris Point-of-Care Unit (PCU) Model 8015" → "alaris point of care unit pcu model 8015".
 */
export function normalizeProduct(name: string, vendor?: string): string {
  let s = plain(name);
  const prefixes = prefixesFor(vendor ?? "");
  for (let again = true; again; ) {
    const p = prefixes.find((x) => x && s.startsWith(`${x} `));
    again = Boolean(p);
    if (p) s = s.slice(p.length + 1);
  }
  return s;
}

/** matched: sure; possible: close but not certain (a person should look); neither: not this product. */
export type ProductMatch = { matched: boolean; possible?: boolean; how: string };

/**
 * Does the device model name the advisory's product? model-names.ts says how; vendor names
 * (of the vendors given, both sides) are optional words: "HAMILTON-T1" names the T1.
 */
export function productMatches(deviceModel: string, advisoryProduct: string, vendors: string[] = []): ProductMatch {
  return modelMatch(`${vendors.join("\u0001")}\u0000${deviceModel}\u0000${advisoryProduct}`);
}

// A fleet has few distinct models and many versions: each (vendors, model, product) is decided once.
const modelMatch = memo((key: string): ProductMatch => {
  const [vendors, deviceModel, advisoryProduct] = key.split("\u0000");
  const words = new Set([...optionalWords(vendors), ...leadingVendor(deviceModel), ...leadingVendor(advisoryProduct)]);
  return matchModel(deviceModel, advisoryProduct, words);
}, 200_000);

const optionalWords = memo((vendors: string) => [...new Set((vendors ? vendors.split("\u0001") : []).flatMap((v) => [...vendorWords(v)]))]);

/** The words of a known vendor name the product name starts with: "BD" of "BD Alaris …", "Welch Allyn" of "Welch Allyn Connex …". */
const leadingVendor = memo((name: string): string[] => {
  const all = plain(name).split(" ");
  const rest = normalizeProduct(name).split(" ").filter(Boolean);
  return all.slice(0, all.length - rest.length);
});
