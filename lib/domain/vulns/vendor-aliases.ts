// Vendor and product names, normalised for matching CISA medical advisories to devices. An
// advisory says "Becton, Dickinson and Company (BD)" / "BD Alaris Point-of-Care Unit (PCU)
// Model 8015"; the device record says "BD" / "Alaris PCU Model 8015". Vendor keys are
// deliberately generous (mergers folded in) because the product match that follows is strict:
// a false "affected" on a pump costs a clinical engineer a morning, and trust in every other one.
//
// vendor-names.ts answers a different question (does the network evidence contradict a claimed
// vendor?) with its own keys; these keys are the ones stored as AffectedProduct.vendorNormalized.

export type VendorAlias = { key: string; names: string[]; note?: string };

/**
 * Companies named more than one way, from the 134 CISA advisories (vendor branches) and from
 * how devices name their makers. Names are matched as whole words on the cleaned text
 * (lower case, no accents, no dots); everything else falls back to the cleaned name.
 */
export const VENDOR_ALIASES: VendorAlias[] = [
  { key: "abbott", names: ["abbott laboratories", "abbott", "st jude medical", "st jude"], note: "St. Jude Medical: Abbott since 2017; Abbott's advisories cover St. Jude implants" },
  { key: "b braun", names: ["b braun melsungen", "b braun medical", "b braun"], note: "three spellings in the advisories" },
  { key: "baxter", names: ["baxter international", "baxter healthcare", "baxter", "hillrom", "hill rom", "welch allyn", "mortara"], note: "Hillrom (with Welch Allyn and Mortara's ELI line): Baxter since 2021" },
  { key: "bd", names: ["becton dickinson and company", "becton dickinson", "bd", "carefusion"], note: "CareFusion (Alaris, Pyxis): BD since 2015" },
  { key: "capsule", names: ["capsule technologies", "capsule tech", "qualcomm life"], note: "Qualcomm Life: Capsule since 2019" },
  { key: "drager", names: ["dragerwerk", "drager", "draeger"] },
  { key: "fresenius kabi", names: ["fresenius kabi"], note: "not Fresenius Medical Care, a different company" },
  { key: "ge healthcare", names: ["ge healthcare", "ge medical systems", "general electric", "ge", "datex ohmeda", "ohmeda", "datex"], note: "Datex-Ohmeda: GE since 2003" },
  { key: "hamilton medical", names: ["hamilton medical", "hamilton bonaduz"] },
  { key: "icu medical", names: ["icu medical", "smiths medical", "hospira"], note: "Hospira infusion: ICU Medical 2017; Smiths Medical: 2022" },
  { key: "innokas", names: ["innokas yhtyma", "innokas"] },
  { key: "johnson and johnson", names: ["johnson and johnson", "ethicon"], note: "Ethicon is J&J's surgical company" },
  { key: "medtronic", names: ["medtronic", "covidien"], note: "Covidien (Valleylab, Puritan Bennett): Medtronic since 2015" },
  { key: "natus", names: ["natus medical", "natus"] },
  { key: "philips", names: ["koninklijke philips", "philips healthcare", "philips medical systems", "philips", "phillips", "respironics"], note: "'Phillips' is the advisories' own misspelling (two files)" },
  { key: "siemens", names: ["siemens healthineers", "siemens healthcare", "siemens medical", "siemens"] },
  { key: "sooil", names: ["sooil developments", "sooil"] },
  { key: "zoll", names: ["zoll medical", "zoll"] },
];

const LEGAL_WORDS = new Set("inc incorporated ltd limited llc gmbh ag plc nv bv sa spa corp corporation co company kg kgaa oy ab pty srl sas se kk holdings international".split(" "));

/** "Innokas YhtymÃ¤ Oy" (UTF-8 read as Latin-1, as one advisory has it) → "Innokas Yhtymä Oy". */
function fixMojibake(s: string): string {
  if (!/[ÃÂ][\u0080-\u00bf]/.test(s) || [...s].some((c) => c.charCodeAt(0) > 0xff)) return s;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from([...s].map((c) => c.charCodeAt(0))));
  } catch {
    return s;
  }
}

/** Lower case, no accents, "&" → "and", dots and apostrophes gone, hyphens as spaces; separators kept. */
/**
 * Matching a fleet compares the same few hundred vendor and product names millions of times:
 * the normalised forms are remembered (bounded, so hostile input cannot grow it without end).
 * Callers must not mutate what they get back.
 */
function memo<T>(compute: (name: string) => T, limit = 20_000): (name: string) => T {
  const cache = new Map<string, T>();
  return (name) => {
    let value = cache.get(name);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      value = compute(name);
      cache.set(name, value);
    }
    return value;
  };
}

function clean(name: string): string {
  return fixMojibake(name)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[.'’"]/g, "")
    .replace(/[^a-z0-9,;()/\s]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const words = (name: string) => name.split(" ").map((w) => w.replace(/[^a-z0-9]/g, "\\$&"));
const KEY_BY_NAME = new Map(VENDOR_ALIASES.flatMap((a) => a.names.map((n) => [n, a.key] as const)));
// Longest names first, so "ge healthcare" wins over "ge"; commas may sit between the words.
const ALIAS_PATTERN = new RegExp(`\\b(${[...KEY_BY_NAME.keys()].sort((a, b) => b.length - a.length).map((n) => words(n).join("[\\s,]+")).join("|")})\\b`, "g");

function stripLegal(part: string): string {
  const kept = part.split(" ").filter(Boolean);
  while (kept.length && LEGAL_WORDS.has(kept[kept.length - 1])) kept.pop();
  return kept.join(" ");
}

/**
 * Every company a vendor field names, as keys: "Silex Technology and GE Healthcare" →
 * ["silex technology", "ge healthcare"]; "Becton, Dickinson and Company (BD)" → ["bd"].
 */
export const vendorKeys = memo((name: string) => computeVendorKeys(name));

function computeVendorKeys(name: string): string[] {
  const found: string[] = [];
  const marked = clean(name).replace(ALIAS_PATTERN, (m) => {
    found.push(KEY_BY_NAME.get(m.replace(/[\s,]+/g, " "))!);
    return ` #${found.length - 1}# `;
  });
  const keys: string[] = [];
  for (const part of marked.split(/[,;()/]|\band\b/)) {
    const refs = [...part.matchAll(/#(\d+)#/g)].map((m) => found[Number(m[1])]);
    const key = refs.length ? refs : [stripLegal(part.trim())];
    for (const k of key) if (k && !keys.includes(k)) keys.push(k);
  }
  return keys;
}

/** One key per vendor field, the first company it names: "Baxter International Inc." → "baxter". */
export function normalizeVendor(name: string): string {
  return vendorKeys(name)[0] ?? "";
}

/** Do two vendor fields name a company in common? */
export function vendorsMatch(a: string, b: string): boolean {
  const keys = new Set(vendorKeys(a));
  return vendorKeys(b).some((k) => keys.has(k));
}

// ─── Products ────────────────────────────────────────────────────────────────────────────────

const plain = (s: string) => clean(s).replace(/[^a-z0-9]+/g, " ").trim();

/** The vendor's names (or every known vendor name) that may prefix a product name. */
function prefixesFor(vendor?: string): string[] {
  if (!vendor) return [...KEY_BY_NAME.keys()];
  const keys = vendorKeys(vendor);
  return [...keys, ...VENDOR_ALIASES.filter((a) => keys.includes(a.key)).flatMap((a) => a.names)];
}

/**
 * Lower case, punctuation and spacing collapsed, the vendor's name dropped from the front:
 * "BD Alaris Point-of-Care Unit (PCU) Model 8015" → "alaris point of care unit pcu model 8015".
 */
export function normalizeProduct(name: string, vendor?: string): string {
  let s = plain(name);
  const prefixes = prefixesFor(vendor).map(plain).sort((a, b) => b.length - a.length);
  for (let again = true; again; ) {
    const p = prefixes.find((x) => x && s.startsWith(`${x} `));
    again = Boolean(p);
    if (p) s = s.slice(p.length + 1);
  }
  return s;
}

// Phrases the advisories and device records spell differently, to one token.
const SYNONYMS: [RegExp, string][] = [
  [/\b(?:point of care unit|pc unit)\b/g, "pcu"],
];
const FILLERS = new Set("model no number type the of for and with only version series family device system software including a an by".split(" "));

type Terms = { tokens: string[]; words: Set<string>; ids: Set<string> };

/** Words and model numbers (any token with a digit) of a product name, order kept in tokens. */
const terms = memo((name: string) => computeTerms(name));

function computeTerms(name: string): Terms {
  let s = ` ${normalizeProduct(name)} `;
  for (const [pattern, token] of SYNONYMS) s = s.replace(pattern, token);
  s = s.replace(/ ([a-z]{1,2}) (\d+)(?= )/g, " $1$2"); // "EC 40" = "EC40", "HD 16" = "HD16"
  const singular = (w: string) => (w.length > 3 && /[^siu]s$/.test(w) ? w.slice(0, -1) : w);
  const tokens = s.split(" ").map((t) => (/\d/.test(t) ? t : singular(t))).filter((t) => t && !FILLERS.has(t));
  return { tokens, words: new Set(tokens.filter((t) => !/\d/.test(t))), ids: new Set(tokens.filter((t) => /\d/.test(t))) };
}

const within = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));
const list = (s: Set<string>) => [...s].join(", ");

export type ProductMatch = { matched: boolean; how: string };

/**
 * Strict on purpose. A model number the advisory names outside parentheses must be the
 * device's (8015 is not 8110), and one side's name words must contain the other's. An advisory
 * naming no number names a family ("Alaris PC Unit"): all its words must be in the device model.
 * Parentheses in an advisory qualify ("(PCU)", "(WLAN only)", "(HP Z2 G5 workstation…)"):
 * they may match but are never required.
 */
export function productMatches(deviceModel: string, advisoryProduct: string): ProductMatch {
  const device = terms(deviceModel);
  const main = terms(advisoryProduct.replace(/\([^)]*\)?/g, " "));
  const qualifier = terms((advisoryProduct.match(/\(([^)]*)\)?/g) ?? []).join(" "));
  if (!device.tokens.length) return { matched: false, how: "the device has no model name" };
  if (device.tokens.join(" ") === main.tokens.join(" ")) return { matched: true, how: "same product name" };
  if (main.ids.size) {
    const shared = new Set([...device.ids].filter((id) => main.ids.has(id) || qualifier.ids.has(id)));
    if (!shared.size) return { matched: false, how: device.ids.size ? `model numbers differ: ${list(device.ids)} vs ${list(main.ids)}` : `the advisory names model ${list(main.ids)}; the device model names none` };
    const advisoryWords = new Set([...main.words, ...qualifier.words]);
    if (![...device.words].some((w) => main.words.has(w))) return { matched: false, how: `only the number ${list(shared)} is shared, not the name` };
    if (within(device.words, advisoryWords) || within(main.words, device.words)) return { matched: true, how: `model ${list(shared)} and name match` };
    return { matched: false, how: `model ${list(shared)} matches but the names differ` };
  }
  if (!main.words.size) return { matched: false, how: "the advisory product has no name to compare" };
  if (within(main.words, device.words)) return { matched: true, how: `the device is of the advisory's product family "${main.tokens.join(" ")}"` };
  return { matched: false, how: `the device model lacks ${[...main.words].filter((w) => !device.words.has(w)).join(", ")}` };
}
