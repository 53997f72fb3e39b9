// Vendor names as people, registries and devices spell them, reduced to one key per company.

const LEGAL_SUFFIXES = /\b(inc|incorporated|ltd|limited|llc|gmbh|ag|plc|nv|n\.v|bv|sa|s\.a|spa|co|corp|corporation|company|kg|kgaa|oy|ab|as|pty|kk|srl|sas|se|holdings?|international|intl)\b\.?/g;

// Distinctive words → company. Checked on the cleaned name.
const ALIASES: [RegExp, string][] = [
  [/\bphilips\b/, "philips"],
  [/\b(ge|general electric|ge healthcare|ge medical)\b/, "ge"],
  [/\b(becton|dickinson|bd|carefusion|alaris)\b/, "bd"],
  [/\bbaxter\b/, "baxter"],
  [/\bsiemens\b/, "siemens"],
  [/\b(hewlett|hp)\b/, "hp"],
  [/\bmedtronic\b|\bcovidien\b/, "medtronic"],
  [/\b(drager|draeger)(werk)?\b/, "drager"],
  [/\b(b braun|braun melsungen)\b/, "b braun"],
  [/\b(icu medical|hospira)\b/, "icu medical"],
  [/\bfresenius\b/, "fresenius"],
  [/\bhamilton medical\b/, "hamilton medical"],
  [/\b(toshiba medical|canon medical)\b/, "canon medical"],
  [/\bmindray\b/, "mindray"],
  [/\bnihon kohden\b/, "nihon kohden"],
  [/\bcisco\b/, "cisco"],
  [/\broche\b/, "roche"],
  [/\babbott\b/, "abbott"],
  [/\bzebra\b/, "zebra"],
  [/\bdell\b/, "dell"],
  [/\blenovo\b/, "lenovo"],
  [/\blogitech\b/, "logitech"],
  [/\braspberry pi\b/, "raspberry pi"],
];

export function normalizeVendorName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[.,()&/"']/g, " ")
    .replace(LEGAL_SUFFIXES, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (const [pattern, company] of ALIASES) if (pattern.test(cleaned)) return company;
  return cleaned;
}

export function sameVendor(a: string, b: string): boolean {
  const x = normalizeVendorName(a);
  const y = normalizeVendorName(b);
  if (!x || !y) return false;
  return x === y || x.split(" ")[0] === y.split(" ")[0];
}

/**
 * Makers of network chips, radio modules and general-purpose computers. Medical devices embed
 * their parts, and vendors' software runs on their PCs, so their OUI contradicts no claim.
 */
const COMPONENT_MAKERS = /\b(intel|realtek|texas instruments|espressif|murata|digi|lantronix|silex|microchip|azurewave|lite-?on|quectel|u-blox|broadcom|qualcomm|marvell|mediatek|ralink|atheros|sierra wireless|telit|moxa|advantech|wiznet|hon hai|foxconn|compal|quanta|wistron|pegatron|asustek|gigabyte|super micro|supermicro|vmware|microsoft|dell|lenovo|hewlett packard enterprise|ieee registration authority)\b/;

export function isComponentMaker(ouiVendor: string): boolean {
  return COMPONENT_MAKERS.test(ouiVendor.toLowerCase());
}

/** DICOM implementation class UID roots registered by device makers. */
const DICOM_ROOTS: [string, string][] = [
  ["1.2.840.113619", "ge"],
  ["1.3.12.2.1107", "siemens"],
  ["1.3.46.670589", "philips"],
  ["1.2.392.200036.9116", "canon medical"],
];

export function vendorOfDicomUid(uid: string): string | null {
  return DICOM_ROOTS.find(([root]) => uid === root || uid.startsWith(`${root}.`))?.[1] ?? null;
}
