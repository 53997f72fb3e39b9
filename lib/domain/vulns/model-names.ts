// Does a device's model name the product an advisory names? Devices name themselves in their
// own way ("HAMILTON-T1", "WebViewer", "Alaris PCU 8015"); advisories in theirs ("T1
// Ventilator", "Web Viewer", "BD Alaris Point-of-Care Unit (PCU) Model 8015"). Punctuation,
// spacing, word order, the vendor's own name and generic device words do not count; model
// numbers and product names must agree. Three answers: a sure match, a possible match (a
// person should look: the names are close but not certain), or none. Pure.
import { memo } from "./vendor-clean";

export type ModelMatch = { matched: boolean; possible: boolean; how: string };

// Phrases the advisories and device records spell differently, to one token.
const SYNONYMS: [RegExp, string][] = [[/\b(?:point of care unit|pc unit)\b/g, "pcu"]];
const FILLERS = new Set("model no number type the of for and with only version series family a an by including not rev".split(" "));
/** What a device is rather than which one: optional on both sides. */
const GENERIC = new Set(
  ("ventilator ventilation monitor monitoring pump system unit software device product station module platform solution firmware application app " +
    "medical healthcare equipment machine console controller terminal hardware patient infusion bedside portable iot").split(" "),
);

/** tokens: every word; named: without the vendor's words; words and ids: what must agree. */
type Terms = { tokens: string[]; named: string[]; words: string[]; ids: string[] };

const plain = (s: string) =>
  s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/&/g, " and ").replace(/['’]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
const singular = (w: string) => (w.length > 3 && /[^siu]s$/.test(w) ? w.slice(0, -1) : w);

const tokensOf = memo((name: string) => computeTokens(name));

function computeTokens(name: string): string[] {
  let s = ` ${plain(name)} `;
  for (const [pattern, token] of SYNONYMS) s = s.replace(pattern, token);
  s = s.replace(/ ([a-z]{1,2}) (\d+)(?= )/g, " $1$2"); // "EC 40" = "EC40", "HD 16" = "HD16"
  s = s.replace(/ ([a-z]{3,})(\d{3,})(?= )/g, " $1 $2"); // "Alaris8015" = "Alaris 8015"
  return s.split(" ").filter((t) => t && !FILLERS.has(t)).map((t) => (/\d/.test(t) ? t : singular(t)));
}

/** "web viewer" on one side and "webviewer" on the other: the split side is glued. */
function glue(tokens: string[], other: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const pair = tokens[i] + (tokens[i + 1] ?? "");
    if (i + 1 < tokens.length && !/\d/.test(tokens[i]) && other.has(pair)) {
      out.push(pair);
      i++;
    } else out.push(tokens[i]);
  }
  return out;
}

/**
 * "CSM" on the device, "Connex Spot Monitor (CSM)" in the advisory: an acronym the advisory
 * gives in parentheses stands for the words of its name it abbreviates (the last ones:
 * "ZOOM LATITUDE Programmer/Recorder/Monitor (PRM)").
 */
function expandAcronym(device: string[], main: string[], qualifier: string[], optional: Set<string>): string[] {
  const named = main.filter((t) => !optional.has(t) && !/\d/.test(t));
  for (let from = 0; from <= named.length - 2; from++) {
    const words = named.slice(from);
    const acronym = words.map((t) => t[0]).join("");
    if (qualifier.includes(acronym) && device.includes(acronym)) return device.flatMap((t) => (t === acronym ? words : [t]));
  }
  return device;
}

function termsOf(tokens: string[], optional: Set<string>): Terms {
  const named = tokens.filter((t) => !optional.has(t));
  const kept = named.filter((t) => !GENERIC.has(t));
  return { tokens, named, words: kept.filter((t) => !/\d/.test(t)), ids: kept.filter((t) => /\d/.test(t)) };
}

/** One letter added, dropped or changed, in a word long enough that it is a typo, not another word. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.min(a.length, b.length) < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const tail = (x: string, skip: number) => x.slice(i + skip);
  return tail(a, 1) === tail(b, 1) || tail(a, 1) === tail(b, 0) || tail(a, 0) === tail(b, 1);
}

function comparer(words: Set<string>): (w: string, close: string[]) => boolean {
  return (w, close) => {
    if (words.has(w)) return true;
    const near = [...words].find((x) => oneEditApart(w, x));
    if (near) close.push(`${w}/${near}`);
    return Boolean(near);
  };
}

const list = (xs: Iterable<string>) => [...new Set(xs)].join(", ");
const sure = (how: string, close: string[]): ModelMatch =>
  close.length ? { matched: false, possible: true, how: `${how}, but spelled differently (${list(close)}): check the model` } : { matched: true, possible: false, how };
const possible = (how: string): ModelMatch => ({ matched: false, possible: true, how });
const none = (how: string): ModelMatch => ({ matched: false, possible: false, how });

/**
 * Strict where it counts. A model number the advisory names outside parentheses must be the
 * device's (8015 is not 8110). One side's distinctive words must lie within the other's. An
 * advisory naming no number names a family ("Alaris PC Unit"): its distinctive words must be
 * in the device model. Parentheses qualify ("(PCU)", "(WLAN only)"): they may match, never
 * required. vendorWords: the words of both vendors' names, optional like generic words.
 */
export function matchModel(deviceModel: string, advisoryProduct: string, vendorWords: Iterable<string> = []): ModelMatch {
  const optional = new Set(vendorWords);
  const mainText = advisoryProduct.replace(/\([^)]*\)?/g, " ");
  const qualText = (advisoryProduct.match(/\(([^)]*)\)?/g) ?? []).join(" ");
  const rawMain = tokensOf(mainText);
  const rawQual = tokensOf(qualText);
  const advisorySide = new Set([...rawMain, ...rawQual]);
  const rawDevice = expandAcronym(glue(tokensOf(deviceModel), advisorySide), rawMain, rawQual, optional);
  const deviceSide = new Set(rawDevice);
  const device = termsOf(rawDevice, optional);
  const main = termsOf(glue(rawMain, deviceSide), optional);
  const qual = termsOf(glue(rawQual, deviceSide), optional);
  if (!rawDevice.length) return none("the device has no model name");
  if (device.named.join(" ") === main.named.join(" ")) return sure("same product name", []);
  if (!device.words.length && !device.ids.length) return none(`the device model "${deviceModel}" names nothing but the vendor or the kind of device`);
  if (!main.words.length && !main.ids.length) return none("the advisory product has no name to compare");

  const close: string[] = [];
  const inAdvisory = comparer(new Set([...main.tokens, ...qual.tokens]));
  const inDevice = comparer(new Set(device.tokens));
  const names: Names = { device, main, qual, close, deviceWithin: device.words.every((w) => inAdvisory(w, close)), advisoryWithin: main.words.every((w) => inDevice(w, close)) };
  return main.ids.length ? byModelNumber(names) : byFamily(names);
}

type Names = { device: Terms; main: Terms; qual: Terms; close: string[]; deviceWithin: boolean; advisoryWithin: boolean };
const hasLetter = (ids: string[]) => ids.some((id) => /[a-z]/.test(id));

/** The advisory names a model number: the device's must be it. */
function byModelNumber({ device, main, qual, close, deviceWithin, advisoryWithin }: Names): ModelMatch {
  const advisoryIds = new Set([...main.ids, ...qual.ids]);
  const shared = device.ids.filter((id) => advisoryIds.has(id));
  if (!shared.length && device.ids.length) return none(`model numbers differ: ${list(device.ids)} vs ${list(main.ids)}`);
  if (!shared.length) {
    if (deviceWithin && device.words.length) return possible(`the advisory names model ${list(main.ids)}; the device model names none: check the model`);
    return none(`the advisory names model ${list(main.ids)}; the device model names none`);
  }
  if (!device.words.length) {
    if (hasLetter(shared) || !main.words.length) return sure(`model ${list(shared)} (the rest of the names is the vendor or the kind of device)`, close);
    return possible(`only the number ${list(shared)} is shared; the advisory names it ${main.words.join(" ")}: check the model`);
  }
  const sharedWord = device.words.some((w) => main.words.includes(w) || qual.words.includes(w));
  if (!sharedWord && !advisoryWithin && !close.length) return none(`only the number ${list(shared)} is shared, not the name`);
  if (!sharedWord && !hasLetter(shared)) return possible(`only the number ${list(shared)} is shared; the device also names ${list(device.words)}: check the model`);
  if (deviceWithin || advisoryWithin) return sure(`model ${list(shared)} and name match`, close);
  return possible(`model ${list(shared)} matches but the names differ (${list(device.words)} vs ${list(main.words)}): check the model`);
}

/** The advisory names no number, so a family ("Alaris PC Unit"): the device must carry all its words. */
function byFamily({ device, main, close, deviceWithin, advisoryWithin }: Names): ModelMatch {
  if (!main.words.length) return none("the advisory product has no name to compare");
  if (advisoryWithin) return sure(`the device is of the advisory's product family "${main.words.join(" ")}"`, close);
  const missing = main.words.filter((w) => !device.tokens.includes(w));
  if (deviceWithin && !device.ids.length && device.words.length) return possible(`the device model names only part of "${main.words.join(" ")}" (not ${missing.join(", ")}): check the model`);
  return none(`the device model lacks ${missing.join(", ")}`);
}
