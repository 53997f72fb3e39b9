// Vendor names as people, registries and devices spell them, reduced to one key per company.
// The keys are for comparing, not for display: "Welch Allyn" gives "baxter" because Baxter owns
// it now, and the OUI of a Welch Allyn monitor does not contradict a Baxter claim.

const LEGAL_SUFFIXES =
  /\b(inc|incorporated|ltd|limited|llc|gmbh|ag|plc|nv|bv|sa|spa|co|corp|corporation|company|kg|kgaa|oy|ab|as|pty|kk|srl|sas|se|holdings?|international|intl)\b/g;

/**
 * Distinctive words → company key, checked in order on the cleaned name. Mergers are folded in
 * where the brand now belongs to another maker (dates in the comments). Extend freely: one line
 * per company, with the reason for any non-obvious alias.
 */
export const VENDOR_ALIASES: [RegExp, string][] = [
  [/\b(philips|respironics)\b/, "philips"], // Respironics: Philips since 2008
  [/\b(ge|general electric|ge healthcare|ge medical|datex|ohmeda)\b/, "ge"], // Datex-Ohmeda: GE since 2003
  [/\b(becton|dickinson|bd|carefusion|alaris)\b/, "bd"], // CareFusion (Alaris): BD since 2015
  [/\b(baxter|hill-?rom|welch allyn)\b/, "baxter"], // Hillrom (and its Welch Allyn): Baxter since 2021
  [/\b(siemens|varian)\b/, "siemens"], // Varian: Siemens Healthineers since 2021
  [/\b(hewlett|hp)\b/, "hp"],
  [/\b(medtronic|covidien|puritan bennett)\b/, "medtronic"], // Covidien: Medtronic since 2015
  [/\b(drager|draeger)(werk)?\b/, "drager"],
  [/\b(b braun|braun melsungen)\b/, "b braun"],
  [/\b(icu medical|hospira|smiths medical)\b/, "icu medical"], // Hospira infusion 2017, Smiths Medical 2022
  [/\bfresenius\b/, "fresenius"],
  [/\bhamilton (medical|bonaduz)\b/, "hamilton medical"],
  [/\b(toshiba|canon)\b/, "canon"], // Toshiba Medical: Canon Medical since 2018
  [/\b(getinge|maquet)\b/, "getinge"],
  [/\bmindray\b/, "mindray"],
  [/\bnihon kohden\b/, "nihon kohden"],
  [/\bmasimo\b/, "masimo"],
  [/\bspacelabs\b/, "spacelabs"],
  [/\bzoll\b/, "zoll"],
  [/\bfuji ?film\b/, "fujifilm"],
  [/\bagfa\b/, "agfa"],
  [/\bcarestream\b/, "carestream"],
  [/\bhologic\b/, "hologic"],
  [/\bsysmex\b/, "sysmex"],
  [/\bbeckman coulter\b/, "beckman coulter"],
  [/\broche\b/, "roche"],
  [/\babbott\b/, "abbott"],
  [/\bcisco\b/, "cisco"],
  [/\bzebra\b/, "zebra"],
  [/\bdell\b/, "dell"],
  [/\blenovo\b/, "lenovo"],
  [/\blogitech\b/, "logitech"],
  [/\braspberry pi\b/, "raspberry pi"],
];

/** Lower case, accents and punctuation off, legal forms off: "Drägerwerk AG & Co. KGaA" → "dragerwerk". */
function clean(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[.,()&/"'+]/g, " ")
    .replace(LEGAL_SUFFIXES, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The company key of a vendor name: a known alias, or else the cleaned name. */
export function normalizeVendorName(name: string): string {
  return knownVendorIn(name) ?? clean(name);
}

/**
 * The company key only if `text` names a company this module knows; null otherwise. For free
 * text such as a DHCP vendor class ("Cisco Systems, Inc. IP Phone CP-7945G"), where the cleaned
 * text is not a vendor name at all ("MSFT 5.0", "udhcp 1.30.1").
 */
export function knownVendorIn(text: string): string | null {
  const cleaned = clean(text);
  return VENDOR_ALIASES.find(([pattern]) => pattern.test(cleaned))?.[1] ?? null;
}

// First words that say nothing about who the company is.
const GENERIC_FIRST_WORDS = new Set(["the", "shenzhen", "shanghai", "beijing", "guangzhou", "hangzhou", "suzhou", "china", "general", "american", "advanced", "digital", "medical", "global", "national", "united", "new", "first"]);

/** Same company: same key, or (for names no alias knows) the same distinctive first word. */
export function sameVendor(a: string, b: string): boolean {
  const x = normalizeVendorName(a);
  const y = normalizeVendorName(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [first] = x.split(" ");
  return first === y.split(" ")[0] && !GENERIC_FIRST_WORDS.has(first) && first.length > 2;
}

/**
 * Makers whose MAC prefix contradicts no claim, kept explicit so the list can be argued with:
 * - network chips, radio modules and serial-to-Ethernet servers: medical devices embed them, so
 *   a pump's MAC is often Texas Instruments' or Murata's, not the pump maker's;
 * - contract manufacturers building those modules and PC mainboards;
 * - general-purpose computers and hypervisors: vendors' software (PACS, viewers, middleware)
 *   runs on them, so a Dell MAC under a GE claim is normal.
 * Raspberry Pi is deliberately absent: in a hospital it is far more often an implant than a part.
 */
export const COMPONENT_MAKERS: string[] = [
  // NICs, radios, modules, device servers
  "intel", "realtek", "texas instruments", "espressif", "murata", "digi international", "digiboard", "fs forth-systeme",
  "lantronix", "silex", "microchip", "azurewave", "lite-on", "liteon", "quectel", "u-blox", "broadcom", "qualcomm",
  "marvell", "mediatek", "ralink", "atheros", "sierra wireless", "telit", "simcom", "moxa", "advantech", "wiznet",
  "ampak", "gemtek", "askey", "sparklan", "laird", "silicon laboratories", "nordic semiconductor", "nxp", "renesas",
  "stmicroelectronics", "cypress semiconductor", "universal global scientific", "rivet networks",
  // contract manufacturers
  "hon hai", "foxconn", "chongqing fugui", "compal", "quanta", "wistron", "pegatron",
  // general-purpose computers and hypervisors
  "dell", "lenovo", "hewlett packard", "hp inc", "fujitsu", "asustek", "acer", "micro-star", "giga-byte", "gigabyte",
  "super micro", "supermicro", "vmware", "microsoft", "xensource", "parallels",
  // the registry itself, for blocks it resells
  "ieee registration authority",
];

const COMPONENT_PATTERN = new RegExp(`\\b(${COMPONENT_MAKERS.map((m) => m.replace(/[-]/g, "\\-")).join("|")})\\b`);

export function isComponentMaker(vendor: string): boolean {
  return COMPONENT_PATTERN.test(vendor.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, ""));
}

/**
 * DICOM implementation class UID roots registered by device makers, only the ones that are well
 * established. Toolkit roots (OFFIS DCMTK 1.2.276.0.7230010.3, dcm4che 1.2.40.0.13.1, GDCM
 * 1.2.826.0.1.3680043.2.1143) are absent on purpose: any vendor's product may use a toolkit.
 */
export const DICOM_UID_ROOTS: [string, string][] = [
  ["1.2.840.113619", "ge"], // GE Medical Systems
  ["1.3.12.2.1107", "siemens"], // Siemens
  ["1.3.46.670589", "philips"], // Philips Medical Systems
  ["1.2.392.200036.9116", "canon"], // Toshiba Medical Systems, now Canon Medical
];

/** The maker whose root the UID sits under; whole arcs only ("1.2.840.1136190" is not GE's). */
export function vendorOfDicomUid(uid: string): string | null {
  const trimmed = uid.trim();
  return DICOM_UID_ROOTS.find(([root]) => trimmed === root || trimmed.startsWith(`${root}.`))?.[1] ?? null;
}
