// What kind of device this is, inferred from evidence, with the rule that decided. Rules run in
// order and the first that fires wins: physical USB interfaces first (hardest to fake), then
// medical protocols (DICOM), then vendor and model names, then services, then the OS.
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

export type Inference = { category: Category; rule: string; confidence: "high" | "medium" | "low" };

// Vendor and model keywords of real products; checked against "vendor model hostname".
const MODEL_KEYWORDS: [Category, RegExp, string][] = [
  ["infusion_pump", /\b(alaris|sigma spectrum|spectrum iq|plum (a\+|360|duo)|sapphire|medfusion|infusomat|perfusor|space ?station|volumat|agilia|bodyguard|freedom60|infusion|syringe pump|pcu)\b/i, "infusion"],
  ["ventilator", /\b(ventilator|servo-?(i|u|n|air)|puritan bennett|pb ?980|pb ?840|hamilton-?(c|g|t)\d|evita|savina|trilogy|v60|bellavista|carescape r860|vela|avea|astral)\b/i, "ventilator"],
  ["patient_monitor", /\b(intellivue|mx\d{3}|mp\d{2}|carescape (b|v)\d+|dash ?\d{4}|beneview|infinity (delta|m540)|life ?scope|patient monitor|efficia|solar ?8000|b\d{3} monitor)\b/i, "monitor"],
  ["pacs", /\b(pacs|meddream|centricity|synapse|intellispace|vue pacs|carestream|sectra|orthanc|dcm4chee|enterprise imaging)\b/i, "pacs"],
  ["imaging", /\b(ct|mri|mr|x-?ray|ultrasound|somatom|magnetom|revolution|optima|signa|brilliance|ingenuity|aquilion|vantage|logiq|voluson|epiq|affiniti|mammograph\w*|c-?arm|fluoro\w*|angio\w*|digital radiography)\b/i, "imaging"],
  ["lab_analyzer", /\b(cobas|architect|alinity|atellica|advia|dimension|vitros|sysmex|xn-\d+|abl\d+|rapidpoint|i-?stat|analy[sz]er|vitek|bact\/alert|genexpert)\b/i, "lab"],
  ["printer", /\b(laserjet|officejet|pagewide|deskjet|zebra (zt|zd|gk)|zt\d{3}|zd\d{3}|printer|bizhub|imagerunner|workcentre|versalink)\b/i, "printer"],
  ["network_gear", /\b(catalyst|nexus|meraki|aruba|procurve|juniper|ex\d{4}|fortigate|palo alto|switch|router|access point|ubiquiti|unifi)\b/i, "network"],
  ["phone", /\b(iphone|android|galaxy|pixel|vocera|spectralink|ascom|cisco ip phone|polycom)\b/i, "phone"],
  ["workstation", /\b(optiplex|precision|elitedesk|prodesk|thinkcentre|thinkpad|latitude|elitebook|workstation|desktop|laptop|nursing ws)\b/i, "workstation"],
  ["iot", /\b(raspberry ?pi|espressif|esp32|esp8266|arduino|shelly|tuya|sonoff)\b/i, "iot"],
];

function fromUsb(e: CategoryEvidence): Inference | null {
  if (!e.usbInterfaces?.length && e.usbDeviceClass === undefined && e.channel !== "usb") return null;
  const kinds = usbInterfaceKinds(e.usbInterfaces);
  if (kinds.storage) return { category: "usb_storage", rule: "usb.class.mass_storage", confidence: "high" };
  if (kinds.hid) return { category: "usb_peripheral", rule: "usb.class.hid", confidence: "high" };
  if (kinds.printer) return { category: "printer", rule: "usb.class.printer", confidence: "high" };
  if (kinds.network || kinds.cdc || kinds.audioVideo) return { category: "usb_peripheral", rule: "usb.class.other", confidence: "medium" };
  if (e.channel === "usb") return { category: "usb_peripheral", rule: "usb.channel", confidence: "low" };
  return null;
}

function fromDicom(e: CategoryEvidence): Inference | null {
  const dicom = e.dicom?.implementationClassUid || e.dicom?.aeTitle || e.protocols?.some((p) => /^dicom$/i.test(p)) || e.openPorts?.includes(104) || e.openPorts?.includes(11112);
  if (!dicom) return null;
  const text = `${e.vendor ?? ""} ${e.model ?? ""} ${e.dicom?.aeTitle ?? ""}`;
  if (/pacs|archive|meddream|centricity|synapse|orthanc|dcm4chee|vna/i.test(text)) return { category: "pacs", rule: "dicom.archive", confidence: "high" };
  return { category: "imaging", rule: "dicom.modality", confidence: "medium" };
}

function fromNames(e: CategoryEvidence): Inference | null {
  const text = [e.vendor, e.model, e.hostname, e.usbProduct].filter(Boolean).join(" ");
  if (!text) return null;
  for (const [category, pattern, name] of MODEL_KEYWORDS) if (pattern.test(text)) return { category, rule: `vendor-model:${name}`, confidence: "medium" };
  return null;
}

function fromServices(e: CategoryEvidence): Inference | null {
  const ports = new Set(e.openPorts ?? []);
  if (e.protocols?.some((p) => /^hl7$/i.test(p)) || ports.has(2575)) return { category: "patient_monitor", rule: "service.hl7", confidence: "low" };
  if (ports.has(9100) || ports.has(515) || ports.has(631)) return { category: "printer", rule: "service.print", confidence: "medium" };
  if (ports.has(3389) || ports.has(445)) return { category: "workstation", rule: "service.rdp-smb", confidence: "low" };
  if (ports.has(161) && (ports.has(22) || ports.has(23))) return { category: "network_gear", rule: "service.snmp-cli", confidence: "low" };
  return null;
}

function fromOs(e: CategoryEvidence): Inference | null {
  if (!e.os) return null;
  if (/windows|macos|ubuntu|red hat|debian/i.test(e.os)) return { category: "workstation", rule: "os.desktop", confidence: "low" };
  if (/ios|android/i.test(e.os)) return { category: "phone", rule: "os.mobile", confidence: "low" };
  return null;
}

export function inferCategory(evidence: CategoryEvidence): Inference {
  for (const rule of [fromUsb, fromDicom, fromNames, fromServices, fromOs]) {
    const found = rule(evidence);
    if (found) return found;
  }
  return { category: "unknown", rule: "none", confidence: "low" };
}
