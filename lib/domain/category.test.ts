import { describe, expect, it } from "vitest";
import { inferCategory, type CategoryEvidence } from "./category";

describe("inferCategory", () => {
  it.each<[string, CategoryEvidence, string, string]>([
    ["USB mass storage", { channel: "usb", usbInterfaces: [{ class: 8, subclass: 6, protocol: 80 }] }, "usb_storage", "usb.class.mass_storage"],
    ["USB keyboard", { channel: "usb", usbInterfaces: [{ class: 3, subclass: 1, protocol: 1 }] }, "usb_peripheral", "usb.class.hid"],
    ["a 'keyboard' with storage is storage first", { channel: "usb", usbInterfaces: [{ class: 3, subclass: 1, protocol: 1 }, { class: 8 }] }, "usb_storage", "usb.class.mass_storage"],
    ["DICOM modality", { dicom: { implementationClassUid: "1.2.840.113619.6.94", aeTitle: "CT_ROOM2" }, vendor: "GE Healthcare" }, "imaging", "dicom.modality"],
    ["DICOM archive", { protocols: ["DICOM"], vendor: "Softneta", model: "MedDream PACS" }, "pacs", "dicom.archive"],
    ["BD Alaris", { vendor: "BD", model: "Alaris PCU Model 8015" }, "infusion_pump", "vendor-model:infusion"],
    ["Baxter Sigma Spectrum", { vendor: "Baxter", model: "Sigma Spectrum" }, "infusion_pump", "vendor-model:infusion"],
    ["Puritan Bennett", { vendor: "Medtronic", model: "Puritan Bennett 980" }, "ventilator", "vendor-model:ventilator"],
    ["IntelliVue", { vendor: "Philips", model: "IntelliVue MX450" }, "patient_monitor", "vendor-model:monitor"],
    ["cobas", { vendor: "Roche", model: "cobas 6000" }, "lab_analyzer", "vendor-model:lab"],
    ["LaserJet", { vendor: "HP", model: "LaserJet M507" }, "printer", "vendor-model:printer"],
    ["print ports", { openPorts: [9100, 80] }, "printer", "service.print"],
    ["HL7 speaker", { protocols: ["HL7"] }, "patient_monitor", "service.hl7"],
    ["RDP/SMB", { openPorts: [3389, 445] }, "workstation", "service.rdp-smb"],
    ["Raspberry Pi", { vendor: "Raspberry Pi Foundation", openPorts: [22] }, "iot", "vendor-model:iot"],
    ["Windows", { os: "Windows 10 Enterprise" }, "workstation", "os.desktop"],
    ["nothing", {}, "unknown", "none"],
  ])("%s", (_name, evidence, category, rule) => {
    expect(inferCategory(evidence)).toMatchObject({ category, rule });
  });
});
