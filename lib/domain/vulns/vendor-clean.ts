// How vendor names are cleaned and resolved to keys, given a table of companies. Pure and
// table-agnostic: vendor-aliases.ts resolves with the canonical table (vendor-table.json),
// scripts/derive-vendor-table.ts with the reviewed seeds while it builds that table.

export type VendorEntry = { key: string; names: string[] };

const LEGAL_WORDS = new Set("inc incorporated ltd limited llc lp gmbh ag plc nv bv sa spa corp corporation co company kg kgaa aa oy ab pty srl sas se kk holdings international".split(" "));

/** "Innokas YhtymÃ¤ Oy" (UTF-8 read as Latin-1, as one advisory has it) → "Innokas Yhtymä Oy". */
function fixMojibake(s: string): string {
  if (!/[ÃÂ][\u0080-\u00bf]/.test(s) || [...s].some((c) => c.charCodeAt(0) > 0xff)) return s;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from([...s].map((c) => c.charCodeAt(0))));
  } catch {
    return s;
  }
}

/**
 * Matching a fleet compares the same few hundred vendor and product names millions of times:
 * the normalised forms are remembered (bounded, so hostile input cannot grow it without end).
 * Callers must not mutate what they get back.
 */
export function memo<T>(compute: (name: string) => T, limit = 20_000): (name: string) => T {
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

/** Lower case, no accents, "&" → "and", dots and apostrophes gone, hyphens as spaces; separators kept. */
export function cleanName(name: string): string {
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

/** "drägerwerk ag and co kg aa" → "dragerwerk": trailing legal forms, and the "and co" between them. */
export function stripLegal(part: string): string {
  const kept = part.split(" ").filter(Boolean);
  while (kept.length > 1 && (LEGAL_WORDS.has(kept[kept.length - 1]) || (kept[kept.length - 1] === "and" && LEGAL_WORDS.has(kept[kept.length - 2] ?? "")))) kept.pop();
  if (kept.length === 1 && LEGAL_WORDS.has(kept[0])) kept.pop();
  while (kept.length && kept[kept.length - 1] === "and") kept.pop();
  return kept.join(" ");
}

/** A name cleaned to plain words: what the table stores and what "whole words" means. */
export const plainName = (name: string) => stripLegal(cleanName(name).replace(/[^a-z0-9]+/g, " ").trim());

export type VendorResolver = {
  /** Every company a vendor field names, as keys; a company not in the table falls back to its cleaned name. */
  keys: (name: string) => string[];
  /** Is this key a table entry (rather than a cleaned fallback)? */
  known: (key: string) => boolean;
  /** The names of a key (its own key included), for stripping a vendor's name off a model. */
  namesOf: (key: string) => string[];
  /** Every name in the table. */
  allNames: () => string[];
};

const escapeWords = (name: string) => name.split(" ").map((w) => w.replace(/[^a-z0-9]/g, "\\$&"));

export function createVendorResolver(entries: VendorEntry[]): VendorResolver {
  const keyByName = new Map<string, string>();
  const namesByKey = new Map<string, string[]>();
  for (const e of entries) {
    for (const n of [e.key, ...e.names]) if (n && !keyByName.has(n)) keyByName.set(n, e.key);
    namesByKey.set(e.key, [...new Set([e.key, ...e.names])]);
  }
  // Longest names first, so "ge healthcare" wins over "ge"; commas may sit between the words.
  const alternatives = [...keyByName.keys()].sort((a, b) => b.length - a.length).map((n) => escapeWords(n).join("[\\s,]+"));
  const pattern = new RegExp(`\\b(${alternatives.join("|")})\\b`, "g");

  const compute = (name: string): string[] => {
    const found: string[] = [];
    const marked = cleanName(name).replace(pattern, (m) => {
      found.push(keyByName.get(m.replace(/[\s,]+/g, " "))!);
      return ` #${found.length - 1}# `;
    });
    const keys: string[] = [];
    for (const part of marked.split(/[,;()/]|\band\b/)) {
      const refs = [...part.matchAll(/#(\d+)#/g)].map((m) => found[Number(m[1])]);
      const key = refs.length ? refs : [stripLegal(part.trim())];
      for (const k of key) if (k && !keys.includes(k)) keys.push(k);
    }
    return keys;
  };
  return {
    keys: memo(compute),
    known: (key) => namesByKey.has(key),
    namesOf: (key) => namesByKey.get(key) ?? [key],
    allNames: () => [...keyByName.keys()],
  };
}
