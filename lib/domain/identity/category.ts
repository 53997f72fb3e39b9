// What kind of device this is, inferred from evidence, with the rule that decided.
//
// Rules run in this order and the first that fires wins; the order is the argument:
//   1. usb.*       USB interface classes: measured, hardest to fake, and unambiguous.
//   2. dicom.*     DICOM presence (UID, AE title, protocol, port 104/11112): imaging or PACS,
//                  told apart by names. Before names because "GE Healthcare" alone says nothing.
//   3. name.*      vendor / model keywords of real products (then the hostname, at lower confidence).
//   4. service.*   HL7 (clinical device), print ports, SNMP + SSH/Telnet on a network maker,
//                  RDP / SMB. HL7 first: a wrong "medical" costs attention, a wrong "workstation"
//                  can hide a pump.
//   5. os.*        the operating system string.
// Nothing fired: unknown.
import { usbInterfaceKinds, type UsbInterface } from "./usb";

export const CATEGORIES = ["infusion_pump", "ventilator", "patient_monitor", "imaging", "lab_analyzer", "pacs", "workstation", "printer", "network_gear", "usb_peripheral", "usb_storage", "phone", "iot", "unknown"] as const;
export type Category = (typeof CATEGORIES)[number];

export type CategoryEvidence = {
  channel?: string;
  usbInterfaces?: UsbInterface[];
  usbDeviceClass?: number;
  usbProduct?: string;
  dicom?: { implementationClassUid?: string; aeTitle?: string; implementationVersionName?: string };
  protocols?: string[];
  openPorts?: number[];
  vendor?: string;
  model?: string;
  hostname?: string;
  os?: string;
};

export type Confidence = "high" | "medium" | "low";
export type Inference = { category: Category; rule: string; confidence: Confidence };

/** Alternatives as whole words: letters or digits may not touch either end ("Plum A+" matches, "mx4500" does not match "mx450"). */
const words = (...alternatives: string[]) => new RegExp(`(?<![a-z0-9])(?:${alternatives.join("|")})(?![a-z0-9])`, "i");

/**
 * Vendor and model keywords of real products, checked in this order (PACS before imaging, so
 * "Carestream Vue PACS" is a PACS; ventilators before monitors, so "CARESCAPE R860" is a
 * ventilator). Extend freely; keep every keyword specific to one kind of product.
 */
export const NAME_KEYWORDS: [Category, string, RegExp][] = [
  ["infusion_pump", "infusion", words("alaris", "medley", "sigma spectrum", "spectrum iq", "plum (?:a\\+|360|duo)", "sapphire", "medfusion", "infusomat", "perfusor", "space ?station", "volumat", "agilia", "bodyguard", "freedom ?60", "infusion", "syringe pump")],
  ["ventilator", "ventilator", words("ventilator", "servo-?(?:i|u|n|s|air)", "puritan bennett", "pb ?(?:980|840)", "hamilton-?[cgt]\\d", "evita", "savina", "babylog", "oxylog", "trilogy", "v60", "bellavista", "carescape r860", "vela", "avea", "astral")],
  ["patient_monitor", "monitor", words("intellivue", "mx\\d{3}", "mp\\d{2}", "carescape [bv]\\d+", "dash ?\\d{4}", "beneview", "infinity (?:delta|kappa|m540)", "life ?scope", "efficia", "solar ?8000", "connex", "patient monitor", "bedside monitor", "vital signs monitor")],
  ["pacs", "pacs", words("pacs", "meddream", "centricity", "synapse", "intellispace", "carestream vue", "sectra", "orthanc", "dcm4chee", "enterprise imaging", "vna")],
  ["imaging", "imaging", words("ct", "mri", "x-?ray", "ultrasound", "somatom", "magnetom", "revolution ct", "optima", "signa", "brilliance", "ingenuity", "aquilion", "vantage", "logiq", "voluson", "epiq", "affiniti", "mammograph\\w*", "c-?arm", "fluoro\\w*", "angio\\w*", "digital radiography")],
  ["lab_analyzer", "lab", words("cobas", "architect", "alinity", "atellica", "advia", "dimension (?:exl|vista|rxl)", "vitros", "sysmex", "xn-\\d+", "abl\\d+", "rapidpoint", "i-?stat", "analy[sz]er", "vitek", "bact/alert", "genexpert")],
  ["printer", "printer", words("laserjet", "officejet", "pagewide", "deskjet", "zt\\d{3}", "zd\\d{3}", "gk\\d{3}", "printer", "bizhub", "imagerunner", "workcentre", "versalink")],
  ["network_gear", "network", words("catalyst", "nexus", "meraki", "aruba", "procurve", "juniper", "ex\\d{4}", "fortigate", "palo alto", "switch", "router", "access point", "ubiquiti", "unifi")],
  ["phone", "phone", words("iphone", "ipad", "android", "galaxy", "pixel", "vocera", "spectralink", "ascom", "ip phone", "polycom")],
  ["workstation", "workstation", words("optiplex", "precision (?:tower|\\d{4})", "elitedesk", "prodesk", "thinkcentre", "thinkstation", "thinkpad", "latitude", "elitebook", "workstation", "desktop", "laptop", "imac", "macbook")],
  ["iot", "iot", words("raspberry ?pi", "espressif", "esp32", "esp8266", "arduino", "shelly", "tuya", "sonoff")],
];

function fromUsb(e: CategoryEvidence): Inference | null {
  if (!e.usbInterfaces?.length && e.usbDeviceClass === undefined && e.channel !== "usb") return null;
  const kinds = usbInterfaceKinds(e.usbInterfaces);
  // Storage before HID: a "keyboard" that carries storage is a storage device first.
  if (kinds.storage) return { category: "usb_storage", rule: "usb.class.mass_storage", confidence: "high" };
  if (kinds.hid) return { category: "usb_peripheral", rule: "usb.class.hid", confidence: "high" };
  if (kinds.printer) return { category: "printer", rule: "usb.class.printer", confidence: "high" };
  if (e.usbInterfaces?.length) return { category: "usb_peripheral", rule: "usb.class.other", confidence: "medium" };
  return { category: "usb_peripheral", rule: "usb.channel", confidence: "low" };
}

function matchNames(text: string, only?: Category[]): [Category, string] | null {
  for (const [category, name, pattern] of NAME_KEYWORDS) if ((!only || only.includes(category)) && pattern.test(text)) return [category, name];
  return null;
}

const DICOM_PORTS = [104, 11112];
const ARCHIVE_AE = words("pacs", "archive", "vna", "store ?scp", "qr ?scp");

function fromDicom(e: CategoryEvidence): Inference | null {
  const speaks = e.dicom?.implementationClassUid || e.dicom?.aeTitle || e.protocols?.some((p) => /^dicom$/i.test(p)) || e.openPorts?.some((p) => DICOM_PORTS.includes(p));
  if (!speaks) return null;
  const names = [e.vendor, e.model, e.hostname].filter(Boolean).join(" ");
  // AE titles use "_" between words, which is a word character to a regex: read it as a space.
  const aeTitle = (e.dicom?.aeTitle ?? "").replace(/_/g, " ");
  if (ARCHIVE_AE.test(aeTitle)) return { category: "pacs", rule: "dicom.archive", confidence: "high" };
  const named = matchNames(`${names} ${aeTitle}`, ["pacs", "imaging", "workstation"]);
  if (named?.[0] === "pacs") return { category: "pacs", rule: "dicom.archive", confidence: "high" };
  if (named?.[0] === "imaging") return { category: "imaging", rule: "dicom.modality", confidence: "high" };
  // A PC that speaks DICOM and is no modality is a reading (PACS) workstation.
  if (named?.[0] === "workstation") return { category: "pacs", rule: "dicom.workstation", confidence: "medium" };
  return { category: "imaging", rule: "dicom.modality", confidence: "medium" };
}

function fromNames(e: CategoryEvidence): Inference | null {
  const products = [e.vendor, e.model, e.usbProduct].filter(Boolean).join(" ");
  const byProduct = products ? matchNames(products) : null;
  if (byProduct) return { category: byProduct[0], rule: `name.${byProduct[1]}`, confidence: "medium" };
  // Hostnames are set by whoever installed the device, and reused: weaker evidence.
  const byHostname = e.hostname ? matchNames(e.hostname.replace(/[_-]/g, " ")) : null;
  return byHostname ? { category: byHostname[0], rule: `hostname.${byHostname[1]}`, confidence: "low" } : null;
}

const NETWORK_MAKERS = words("cisco", "juniper", "aruba", "arista", "extreme networks", "fortinet", "palo alto", "ubiquiti", "mikrotik", "ruckus", "brocade", "meraki");

function fromServices(e: CategoryEvidence): Inference | null {
  const ports = new Set(e.openPorts ?? []);
  if (e.protocols?.some((p) => /^hl7$/i.test(p)) || ports.has(2575)) return { category: "patient_monitor", rule: "service.hl7", confidence: "low" };
  if (ports.has(9100) || ports.has(515) || ports.has(631)) return { category: "printer", rule: "service.print", confidence: "medium" };
  // SNMP with a management shell is every managed switch, and many Linux servers: only with a network maker's name.
  if (ports.has(161) && (ports.has(22) || ports.has(23)) && NETWORK_MAKERS.test(`${e.vendor ?? ""} ${e.model ?? ""}`)) {
    return { category: "network_gear", rule: "service.snmp-cli", confidence: "medium" };
  }
  if (ports.has(3389) || ports.has(445)) return { category: "workstation", rule: "service.rdp-smb", confidence: "low" };
  return null;
}

const NETWORK_OS = words("ios-?xe", "ios-?xr", "nx-?os", "cisco ios", "junos", "arubaos", "aos-?cx", "fortios", "pan-?os", "routeros", "edgeos", "eos");
const MOBILE_OS = words("ios", "ipados", "android");
// Embedded Windows runs ventilators and analyzers; it says nothing about the device's kind.
const EMBEDDED_OS = words("windows (?:ce|embedded|iot|xp embedded)", "windows \\d+ (?:embedded|iot)", "wince");
const DESKTOP_OS = words("windows", "macos", "mac os x", "ubuntu", "red hat", "rhel", "debian", "fedora", "chrome ?os");

function fromOs(e: CategoryEvidence): Inference | null {
  if (!e.os) return null;
  if (NETWORK_OS.test(e.os)) return { category: "network_gear", rule: "os.network", confidence: "medium" };
  if (MOBILE_OS.test(e.os)) return { category: "phone", rule: "os.mobile", confidence: "low" };
  if (EMBEDDED_OS.test(e.os)) return null;
  if (DESKTOP_OS.test(e.os)) return { category: "workstation", rule: "os.desktop", confidence: "low" };
  return null;
}

/** The rules, in the order they are tried (see the top of this file for why). */
export const CATEGORY_RULES = [fromUsb, fromDicom, fromNames, fromServices, fromOs] as const;

export function inferCategory(evidence: CategoryEvidence): Inference {
  for (const rule of CATEGORY_RULES) {
    const found = rule(evidence);
    if (found) return found;
  }
  return { category: "unknown", rule: "none", confidence: "low" };
}
