import { describe, expect, it } from "vitest";
import { CATEGORIES, inferCategory, type CategoryEvidence } from "./category";

type Case = [string, CategoryEvidence, string, string, string?];

const check = (evidence: CategoryEvidence, category: string, rule: string, confidence?: string) => {
  const inferred = inferCategory(evidence);
  expect(inferred).toMatchObject({ category, rule });
  if (confidence) expect(inferred.confidence).toBe(confidence);
};

describe("CATEGORIES", () => {
  it("lists the product's categories, unknown last", () => {
    expect(CATEGORIES).toEqual(["infusion_pump", "ventilator", "patient_monitor", "imaging", "lab_analyzer", "pacs", "workstation", "printer", "network_gear", "usb_peripheral", "usb_storage", "phone", "iot", "unknown"]);
  });
});

describe("rule 1: USB interface classes", () => {
  it.each<Case>([
    ["mass storage", { channel: "usb", usbInterfaces: [{ class: 8, subclass: 6, protocol: 80 }] }, "usb_storage", "usb.class.mass_storage", "high"],
    ["a 'keyboard' with storage is storage first", { channel: "usb", usbInterfaces: [{ class: 3, subclass: 1, protocol: 1 }, { class: 8 }] }, "usb_storage", "usb.class.mass_storage"],
    ["keyboard", { channel: "usb", usbInterfaces: [{ class: 3, subclass: 1, protocol: 1 }] }, "usb_peripheral", "usb.class.hid", "high"],
    ["a scanner is HID too", { channel: "usb", usbInterfaces: [{ class: 3, subclass: 1, protocol: 1 }], usbProduct: "Symbol Bar Code Scanner" }, "usb_peripheral", "usb.class.hid"],
    ["USB printer", { channel: "usb", usbInterfaces: [{ class: 7, subclass: 1, protocol: 2 }] }, "printer", "usb.class.printer", "high"],
    ["USB network adapter", { channel: "usb", usbInterfaces: [{ class: 2, subclass: 6 }, { class: 10 }] }, "usb_peripheral", "usb.class.other", "medium"],
    ["USB without interfaces", { channel: "usb" }, "usb_peripheral", "usb.channel", "low"],
    ["USB wins over names", { channel: "usb", usbInterfaces: [{ class: 3, subclass: 1, protocol: 1 }], vendor: "BD", model: "Alaris" }, "usb_peripheral", "usb.class.hid"],
  ])("%s", (_name, evidence, category, rule, confidence) => check(evidence, category, rule, confidence));
});

describe("rule 2: DICOM", () => {
  it.each<Case>([
    ["a GE CT", { dicom: { implementationClassUid: "1.2.840.113619.6.94", aeTitle: "CT_ROOM2" }, vendor: "GE Healthcare", model: "Revolution CT" }, "imaging", "dicom.modality", "high"],
    ["an MR console on Windows with RDP is still imaging", { dicom: { aeTitle: "MR_SUITE" }, protocols: ["DICOM"], openPorts: [104, 3389], vendor: "Siemens Healthineers", model: "MAGNETOM Vida", os: "Windows 10" }, "imaging", "dicom.modality", "high"],
    ["an unnamed DICOM speaker is probably a modality", { openPorts: [104] }, "imaging", "dicom.modality", "medium"],
    ["MedDream", { protocols: ["DICOM"], vendor: "Softneta", model: "MedDream PACS", dicom: { aeTitle: "MEDDREAM" } }, "pacs", "dicom.archive", "high"],
    ["an archive by its AE title", { dicom: { aeTitle: "PACS_ARCHIVE" } }, "pacs", "dicom.archive", "high"],
    ["a store SCP", { dicom: { aeTitle: "STORESCP" }, openPorts: [11112] }, "pacs", "dicom.archive"],
    ["a reading workstation", { protocols: ["DICOM"], vendor: "Dell", model: "OptiPlex 7090" }, "pacs", "dicom.workstation", "medium"],
  ])("%s", (_name, evidence, category, rule, confidence) => check(evidence, category, rule, confidence));
});

describe("rule 3: vendor and model names", () => {
  it.each<Case>([
    ["BD Alaris", { vendor: "BD", model: "Alaris PCU Model 8015" }, "infusion_pump", "name.infusion"],
    ["Baxter Sigma Spectrum", { vendor: "Baxter", model: "Sigma Spectrum" }, "infusion_pump", "name.infusion"],
    ["ICU Medical Plum A+", { vendor: "ICU Medical", model: "Plum A+" }, "infusion_pump", "name.infusion"],
    ["Plum 360", { model: "Plum 360" }, "infusion_pump", "name.infusion"],
    ["Eitan Sapphire", { model: "Sapphire" }, "infusion_pump", "name.infusion"],
    ["B. Braun SpaceStation", { vendor: "B. Braun", model: "SpaceStation Infusomat" }, "infusion_pump", "name.infusion"],
    ["Puritan Bennett", { vendor: "Medtronic", model: "Puritan Bennett 980" }, "ventilator", "name.ventilator"],
    ["Servo-u", { vendor: "Getinge", model: "SERVO-U" }, "ventilator", "name.ventilator"],
    ["Hamilton C6", { vendor: "Hamilton Medical", model: "HAMILTON-C6" }, "ventilator", "name.ventilator"],
    ["Trilogy", { vendor: "Philips", model: "Trilogy Evo" }, "ventilator", "name.ventilator"],
    ["Evita", { vendor: "Dräger", model: "Evita V800" }, "ventilator", "name.ventilator"],
    ["CARESCAPE R860 is a ventilator", { vendor: "GE Healthcare", model: "CARESCAPE R860" }, "ventilator", "name.ventilator"],
    ["IntelliVue", { vendor: "Philips", model: "IntelliVue MX450" }, "patient_monitor", "name.monitor"],
    ["CARESCAPE B450 is a monitor", { vendor: "GE Healthcare", model: "CARESCAPE B450" }, "patient_monitor", "name.monitor"],
    ["Dash 4000", { vendor: "GE", model: "Dash 4000" }, "patient_monitor", "name.monitor"],
    ["BeneView", { vendor: "Mindray", model: "BeneView T8" }, "patient_monitor", "name.monitor"],
    ["Centricity", { vendor: "GE Healthcare", model: "Centricity PACS" }, "pacs", "name.pacs"],
    ["Synapse", { vendor: "Fujifilm", model: "Synapse 7x" }, "pacs", "name.pacs"],
    ["cobas", { vendor: "Roche", model: "cobas 6000" }, "lab_analyzer", "name.lab"],
    ["Architect", { vendor: "Abbott", model: "ARCHITECT ci4100" }, "lab_analyzer", "name.lab"],
    ["LaserJet", { vendor: "HP", model: "LaserJet M507" }, "printer", "name.printer"],
    ["Zebra label printer", { vendor: "Zebra", model: "ZD620" }, "printer", "name.printer"],
    ["Catalyst", { vendor: "Cisco", model: "Catalyst 9300" }, "network_gear", "name.network"],
    ["Vocera badge", { vendor: "Vocera", model: "B3000n" }, "phone", "name.phone"],
    ["OptiPlex", { vendor: "Dell", model: "OptiPlex 7090" }, "workstation", "name.workstation"],
    ["Raspberry Pi", { vendor: "Raspberry Pi Foundation", openPorts: [22] }, "iot", "name.iot"],
    ["names beat services", { vendor: "Roche", model: "cobas 6000", openPorts: [445, 2575], protocols: ["HL7"] }, "lab_analyzer", "name.lab"],
  ])("%s", (_name, evidence, category, rule) => check(evidence, category, rule, "medium"));

  it.each<Case>([
    ["a pump's hostname", { hostname: "INFUSION-4N-017" }, "infusion_pump", "hostname.infusion"],
    ["a printer's hostname", { hostname: "LAB_PRINTER_2" }, "printer", "hostname.printer"],
  ])("falls back to the hostname, at low confidence: %s", (_name, evidence, category, rule) => check(evidence, category, rule, "low"));

  it.each<[string, CategoryEvidence]>([
    ["a Logitech MX5000 is no IntelliVue", { model: "MX5000" }],
    ["a Dell Dimension is no lab analyzer", { vendor: "Dell", model: "Dimension" }],
    ["Cisco alone says nothing (phones, switches)", { vendor: "Cisco" }],
    ["GE alone says nothing", { vendor: "GE Healthcare" }],
  ])("does not over-match: %s", (_name, evidence) => {
    expect(inferCategory(evidence).rule).not.toMatch(/^name\./);
  });
});

describe("rule 4: services", () => {
  it.each<Case>([
    ["HL7 speaker", { protocols: ["HL7"] }, "patient_monitor", "service.hl7", "low"],
    ["HL7 port", { openPorts: [2575, 80] }, "patient_monitor", "service.hl7", "low"],
    ["HL7 before desktop services", { openPorts: [445, 2575] }, "patient_monitor", "service.hl7"],
    ["raw print port", { openPorts: [9100, 80] }, "printer", "service.print", "medium"],
    ["LPD", { openPorts: [515] }, "printer", "service.print"],
    ["IPP", { openPorts: [631, 443] }, "printer", "service.print"],
    ["SNMP + SSH on a network maker", { openPorts: [22, 161, 443], vendor: "Cisco Systems, Inc" }, "network_gear", "service.snmp-cli", "medium"],
    ["SNMP + Telnet on Arista", { openPorts: [23, 161], vendor: "Arista Networks" }, "network_gear", "service.snmp-cli"],
    ["RDP/SMB", { openPorts: [3389, 445] }, "workstation", "service.rdp-smb", "low"],
  ])("%s", (_name, evidence, category, rule, confidence) => check(evidence, category, rule, confidence));

  it("does not call a Linux server with SNMP and SSH network gear", () => {
    expect(inferCategory({ openPorts: [22, 161] })).toMatchObject({ category: "unknown" });
  });
});

describe("rule 5: operating system", () => {
  it.each<Case>([
    ["Windows desktop", { os: "Windows 10 Enterprise" }, "workstation", "os.desktop", "low"],
    ["Ubuntu", { os: "Ubuntu 22.04 LTS" }, "workstation", "os.desktop"],
    ["iOS", { os: "iOS 17.2" }, "phone", "os.mobile"],
    ["Android", { os: "Android 14" }, "phone", "os.mobile"],
    ["Cisco IOS is no iPhone", { os: "Cisco IOS XE 17.9.4a" }, "network_gear", "os.network", "medium"],
    ["JunOS", { os: "JUNOS 22.4R1" }, "network_gear", "os.network"],
  ])("%s", (_name, evidence, category, rule, confidence) => check(evidence, category, rule, confidence));

  it.each(["Windows 7 Embedded", "Windows CE 6.0", "Windows 10 IoT Enterprise", "VxWorks 6.9", "QNX Neutrino 7"])("infers nothing from an embedded OS: %s", (os) => {
    expect(inferCategory({ os })).toEqual({ category: "unknown", rule: "none", confidence: "low" });
  });
});

describe("nothing to go on", () => {
  it("is unknown", () => {
    expect(inferCategory({})).toEqual({ category: "unknown", rule: "none", confidence: "low" });
  });
});
