import { describe, expect, it } from "vitest";
import { fingerprintAttributes } from "./fingerprint";
import {
  evaluateSpoofRules,
  HUMAN_KEYSTROKE_LIMIT_CPS,
  isMedicalCategory,
  keyboardWithHiddenInterfaces,
  knownIdentityFingerprintMismatch,
  locallyAdministeredMacOnMedicalDevice,
  macOnTwoPorts,
  MEDICAL_CATEGORIES,
  superhumanKeystrokeRate,
  vendorContradiction,
  type SpoofFinding,
} from "./spoof-rules";

const printer = fingerprintAttributes({
  ethernet: { linkSpeedMbps: 1000, duplex: "full", autoNegotiation: true, ttl: 255, dhcpFingerprint: "1,3,6,15,44,47", tcpSignature: "4:255+0:0:1460:mss,nop,ws:df:0", ja4: "t12d1210h1_aaaa_bbbb" },
  electrical: { powerDrawMw: 12000, signalRiseTimeNs: 2.5 },
});
const implant = fingerprintAttributes({
  ethernet: { linkSpeedMbps: 1000, duplex: "full", autoNegotiation: true, ttl: 64, dhcpFingerprint: "1,121,3,6,15,119,252", tcpSignature: "4:64+0:0:1460:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", ja4: "t13d1516h2_8daa_b186" },
  electrical: { powerDrawMw: 2600, signalRiseTimeNs: 1.1 },
});

describe("knownIdentityFingerprintMismatch", () => {
  it("fires, critical, when another physical device uses a known MAC, and says where it differs", () => {
    const finding = knownIdentityFingerprintMismatch({ identity: "3c:d9:2b:10:20:30", known: printer, observed: implant });
    expect(finding).toMatchObject({ rule: "knownIdentityFingerprintMismatch", severity: "critical", evidence: { identity: "3c:d9:2b:10:20:30", threshold: 0.6 } });
    expect(finding!.evidence.similarity as number).toBeLessThan(0.6);
    expect(finding!.summary).toMatch(/^Another physical device is using the identity 3c:d9:2b:10:20:30: .* only \d+% \(below 60%\)\. It differs in signal rise time, TCP\/IP stack, DHCP fingerprint\.$/);
    expect((finding!.evidence.differences as unknown[]).length).toBeGreaterThan(3);
  });

  it("works for a USB identity", () => {
    const keyboard = fingerprintAttributes({ usb: { speed: "low", interfaces: [{ class: 3, subclass: 1, protocol: 1 }], hidReportDescriptorSha256: "aa" } });
    const injector = fingerprintAttributes({ usb: { speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1 }, { class: 8, subclass: 6, protocol: 80 }], hidReportDescriptorSha256: "bb" } });
    expect(knownIdentityFingerprintMismatch({ identity: "USB 046d:c31c:ABC", known: keyboard, observed: injector })?.summary).toContain("USB 046d:c31c:ABC");
  });

  it.each([
    ["the same device", printer],
    ["a firmware-level change (new TLS stack)", { ...printer, "ethernet.ja4": "t13_new_stack" }],
    ["too little measured both times", { "ethernet.duplex": "half" }],
  ])("stays quiet for %s", (_name, observed) => {
    expect(knownIdentityFingerprintMismatch({ identity: "m", known: printer, observed })).toBeNull();
  });

  it("honours a stricter DIFFERENT threshold", () => {
    const changed = { ...printer, "ethernet.ja4": "t13_new_stack", "ethernet.tcpSignature": "other" };
    expect(knownIdentityFingerprintMismatch({ identity: "m", known: printer, observed: changed })).toBeNull();
    expect(knownIdentityFingerprintMismatch({ identity: "m", known: printer, observed: changed, thresholds: { same: 0.95, different: 0.8 } })).not.toBeNull();
  });
});

describe("macOnTwoPorts", () => {
  const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 28, 15, minute, second)).toISOString();
  const window = 10 * 60_000;
  const mac = "3c:d9:2b:10:20:30";

  it("fires, high, for a single move within the window: re-plugged, or a second device", () => {
    const f = macOnTwoPorts({ mac, sightings: [{ switchPort: "sw-4n/Gi1/0/7", observedAt: at(0) }, { switchPort: "sw-4n/Gi1/0/31", observedAt: at(3) }], windowMs: window });
    expect(f).toMatchObject({ rule: "macOnTwoPorts", severity: "high", evidence: { ports: ["sw-4n/Gi1/0/7", "sw-4n/Gi1/0/31"], secondsApart: 180, wentBack: false } });
    expect(f!.summary).toContain("within 3 minutes");
  });

  it("fires, critical, when the two sightings are seconds apart", () => {
    const f = macOnTwoPorts({ mac, sightings: [{ switchPort: "a", observedAt: at(0, 0), agentId: "s1" }, { switchPort: "b", observedAt: new Date(at(0, 12)), agentId: "s2" }], windowMs: window });
    expect(f).toMatchObject({ severity: "critical", evidence: { secondsApart: 12, agents: ["s1", "s2"] } });
  });

  it("fires, critical, when the MAC goes back and forth between ports", () => {
    const sightings = [at(0), at(2), at(4)].map((observedAt, i) => ({ switchPort: i % 2 ? "b" : "a", observedAt }));
    expect(macOnTwoPorts({ mac, sightings, windowMs: window })).toMatchObject({ severity: "critical", evidence: { wentBack: true, ports: ["a", "b"] } });
  });

  it("sorts the sightings by time, whatever order they arrive in", () => {
    const f = macOnTwoPorts({ mac, sightings: [{ switchPort: "b", observedAt: at(5) }, { switchPort: "a", observedAt: at(1) }], windowMs: window });
    expect(f?.evidence.ports).toEqual(["a", "b"]);
  });

  it.each([
    ["one port only", [{ switchPort: "a", observedAt: at(0) }, { switchPort: "a", observedAt: at(1) }]],
    ["one port, spelled in another case", [{ switchPort: "SW1/Gi1/0/7", observedAt: at(0) }, { switchPort: "sw1/gi1/0/7 ", observedAt: at(1) }]],
    ["a move longer ago than the window", [{ switchPort: "a", observedAt: at(0) }, { switchPort: "b", observedAt: at(30) }]],
    ["an unreadable time", [{ switchPort: "a", observedAt: at(0) }, { switchPort: "b", observedAt: "yesterday" }]],
    ["a single sighting", [{ switchPort: "a", observedAt: at(0) }]],
    ["no sightings", []],
  ])("stays quiet for %s", (_name, sightings) => {
    expect(macOnTwoPorts({ mac, sightings, windowMs: window })).toBeNull();
  });
});

describe("keyboardWithHiddenInterfaces", () => {
  const kbd = { class: 3, subclass: 1, protocol: 1 };
  it.each([
    ["mass storage", [kbd, { class: 8, subclass: 6, protocol: 80 }], ["mass storage"], "critical"],
    ["RNDIS network (Windows style)", [kbd, { class: 0xe0, subclass: 1, protocol: 3 }], ["network"], "critical"],
    ["RNDIS network (Linux gadget style)", [kbd, { class: 2, subclass: 2, protocol: 0xff }, { class: 10 }], ["network"], "critical"],
    ["storage and CDC ECM network", [kbd, { class: 8 }, { class: 2, subclass: 6 }, { class: 10 }], ["mass storage", "network"], "critical"],
    ["a CDC serial line only", [kbd, { class: 2, subclass: 2, protocol: 1 }, { class: 10 }], ["serial (CDC)"], "high"],
  ])("fires for a keyboard with %s", (_n, interfaces, hidden, severity) => {
    const f = keyboardWithHiddenInterfaces({ claimedProduct: "USB Keyboard", interfaces });
    expect(f).toMatchObject({ rule: "keyboardWithHiddenInterfaces", severity, evidence: { hiddenInterfaces: hidden } });
    expect(f!.summary).toContain('presents itself as "USB Keyboard"');
  });

  it("fires on a boot-mouse interface with no name at all", () => {
    expect(keyboardWithHiddenInterfaces({ interfaces: [{ class: 3, subclass: 1, protocol: 2 }, { class: 8 }] })?.summary).toContain('"mouse"');
  });

  it.each([
    ["the claimed name", { claimedProduct: "Wireless Mouse" }],
    ["the usb.ids name", { registryProduct: "Keyboard K120" }],
  ])("fires on %s even without a boot interface", (_n, names) => {
    expect(keyboardWithHiddenInterfaces({ ...names, interfaces: [{ class: 3 }, { class: 8 }] })).not.toBeNull();
  });

  it.each([
    ["a plain keyboard", { claimedProduct: "USB Keyboard", interfaces: [{ class: 3, subclass: 1, protocol: 1 }] }],
    ["a keyboard with a vendor-specific HID (e.g. a Unifying receiver)", { claimedProduct: "Unifying Receiver", interfaces: [{ class: 3, subclass: 1, protocol: 1 }, { class: 3, subclass: 1, protocol: 2 }, { class: 3 }] }],
    ["a USB stick that is honest about being one", { claimedProduct: "Cruzer Blade", interfaces: [{ class: 8, subclass: 6, protocol: 80 }] }],
    ["a USB network adapter", { claimedProduct: "AX88179 Gigabit Ethernet", interfaces: [{ class: 0xff }, { class: 2, subclass: 6 }] }],
    ["no interfaces", { claimedProduct: "USB Keyboard" }],
  ])("stays quiet for %s", (_n, input) => {
    expect(keyboardWithHiddenInterfaces(input)).toBeNull();
  });
});

describe("superhumanKeystrokeRate", () => {
  it.each([51, 120, 900])("fires at %s characters a second", (rate) => {
    expect(superhumanKeystrokeRate({ keystrokeRateCps: rate })).toMatchObject({ rule: "superhumanKeystrokeRate", severity: "critical", evidence: { keystrokeRateCps: rate, limitCps: 50 } });
  });

  it("fires for a 'keyboard' too, names do not excuse it", () => {
    expect(superhumanKeystrokeRate({ keystrokeRateCps: 900, claimedProduct: "USB Keyboard" })).not.toBeNull();
  });

  it.each([6, 17, 30, HUMAN_KEYSTROKE_LIMIT_CPS, 0, -5, Number.NaN, Number.POSITIVE_INFINITY, null, undefined])("stays quiet at %s", (rate) => {
    expect(superhumanKeystrokeRate({ keystrokeRateCps: rate })).toBeNull();
  });

  it.each(["Barcode Scanner", "DS2208 Bar Code Scanner", "RFID Badge Reader"])("stays quiet for a device that types for a living: %s", (product) => {
    expect(superhumanKeystrokeRate({ keystrokeRateCps: 400, claimedProduct: product })).toBeNull();
    expect(superhumanKeystrokeRate({ keystrokeRateCps: 400, registryProduct: product })).toBeNull();
  });
});

describe("locallyAdministeredMacOnMedicalDevice", () => {
  it.each(MEDICAL_CATEGORIES.map((c) => [c]))("fires for a %s with a software-set MAC", (category) => {
    const f = locallyAdministeredMacOnMedicalDevice({ mac: "02-11-22-33-44-55", category });
    expect(f).toMatchObject({ rule: "locallyAdministeredMacOnMedicalDevice", severity: "high", evidence: { mac: "02:11:22:33:44:55", category } });
  });

  it("says it in words", () => {
    expect(locallyAdministeredMacOnMedicalDevice({ mac: "02:42:e4:00:00:01", category: "infusion_pump" })?.summary).toMatch(/^This infusion pump is using a software-set MAC address \(02:42:e4:00:00:01\)/);
  });

  it.each([
    ["a burnt-in MAC on a pump", "00:09:fb:33:44:55", "infusion_pump"],
    ["a phone with a randomized MAC", "da:a1:19:00:00:01", "phone"],
    ["a PACS virtual machine", "02:42:ac:11:00:02", "pacs"],
    ["a workstation", "02:42:ac:11:00:02", "workstation"],
    ["no MAC", null, "infusion_pump"],
    ["an unreadable MAC", "zz", "infusion_pump"],
  ])("stays quiet for %s", (_n, mac, category) => {
    expect(locallyAdministeredMacOnMedicalDevice({ mac, category })).toBeNull();
  });

  it("knows which categories are medical", () => {
    expect(isMedicalCategory("ventilator")).toBe(true);
    expect(isMedicalCategory("printer")).toBe(false);
    expect(isMedicalCategory(null)).toBe(false);
  });
});

describe("vendorContradiction", () => {
  it("fires when the registry maker is not the claimed one", () => {
    const f = vendorContradiction({ ouiVendor: "Raspberry Pi Foundation", claimedVendor: "Baxter" });
    expect(f).toMatchObject({ rule: "vendorContradiction", severity: "high", evidence: { contradictions: [{ between: ["IEEE registry", "claimed vendor"] }] } });
    expect(f!.summary).toContain("IEEE registry says Raspberry Pi Foundation, claimed vendor says Baxter");
  });

  it("fires when the DICOM stack's maker contradicts the registry", () => {
    const f = vendorContradiction({ ouiVendor: "Philips Patient Monitoring", dicomImplementationClassUid: "1.2.840.113619.6.94" });
    expect(f?.evidence).toMatchObject({ dicomVendor: "ge", contradictions: [{ between: ["IEEE registry", "DICOM implementation"] }] });
  });

  it("fires when the claim contradicts the DICOM stack", () => {
    expect(vendorContradiction({ claimedVendor: "Siemens Healthineers", dicomImplementationClassUid: "1.3.46.670589.11" })?.evidence.contradictions).toEqual([
      { between: ["claimed vendor", "DICOM implementation"], detail: "claimed vendor says Siemens Healthineers, DICOM implementation says philips" },
    ]);
  });

  it("fires when a DHCP vendor class names another maker than the registry", () => {
    expect(vendorContradiction({ ouiVendor: "Baxter International Inc", dhcpVendorClass: "Cisco Systems, Inc. IP Phone CP-7945G" })).not.toBeNull();
  });

  it.each([
    ["names that agree", { ouiVendor: "Baxter International Inc", claimedVendor: "Baxter" }],
    ["subsidiaries and mergers", { ouiVendor: "Carefusion", claimedVendor: "BD" }],
    ["all three agreeing", { ouiVendor: "GE Healthcare", claimedVendor: "GE Medical Systems", dicomImplementationClassUid: "1.2.840.113619.6.94" }],
    ["Toshiba DICOM on a Canon claim", { claimedVendor: "Canon Medical Systems", dicomImplementationClassUid: "1.2.392.200036.9116.2" }],
    ["a radio-module maker's MAC", { ouiVendor: "Texas Instruments", claimedVendor: "Baxter" }],
    ["an Espressif module in a monitor", { ouiVendor: "Espressif Inc.", claimedVendor: "Philips" }],
    ["a PC running a vendor's software", { ouiVendor: "Dell Inc.", dicomImplementationClassUid: "1.2.840.113619.6.94" }],
    ["a claim naming the PC under vendor software", { claimedVendor: "Dell", dicomImplementationClassUid: "1.2.840.113619.6.94" }],
    ["an OS name in the DHCP vendor class", { ouiVendor: "Baxter International Inc", dhcpVendorClass: "MSFT 5.0" }],
    ["a toolkit DICOM UID", { ouiVendor: "Baxter International Inc", dicomImplementationClassUid: "1.2.276.0.7230010.3.0.3.6.4" }],
    ["a single source", { ouiVendor: "Philips Patient Monitoring" }],
    ["nothing", {}],
  ])("stays quiet for %s", (_n, input) => {
    expect(vendorContradiction(input)).toBeNull();
  });
});

describe("evaluateSpoofRules", () => {
  const rules = (findings: SpoofFinding[]) => findings.map((f) => f.rule);

  it("runs nothing on nothing", () => {
    expect(evaluateSpoofRules({})).toEqual([]);
  });

  it("runs every rule whose evidence is there, critical first", () => {
    const findings = evaluateSpoofRules({
      identity: "3c:d9:2b:10:20:30",
      enrolledFingerprint: printer,
      observedFingerprint: implant,
      mac: "3c:d9:2b:10:20:30",
      sightings: [{ switchPort: "a", observedAt: "2026-11-28T15:00:00Z" }, { switchPort: "b", observedAt: "2026-11-28T15:00:05Z" }],
      ouiVendor: "Raspberry Pi Foundation",
      claimedVendor: "HP",
      category: "printer",
    });
    expect(rules(findings)).toEqual(["knownIdentityFingerprintMismatch", "macOnTwoPorts", "vendorContradiction"]);
  });

  it("catches a keystroke injector posing as a keyboard", () => {
    const findings = evaluateSpoofRules({ claimedProduct: "USB Keyboard", usbInterfaces: [{ class: 3, subclass: 1, protocol: 1 }, { class: 8, subclass: 6, protocol: 80 }], keystrokeRateCps: 912 });
    expect(rules(findings).sort()).toEqual(["keyboardWithHiddenInterfaces", "superhumanKeystrokeRate"]);
  });

  it("uses the default window for port sightings", () => {
    const sightings = [{ switchPort: "a", observedAt: "2026-11-28T15:00:00Z" }, { switchPort: "b", observedAt: "2026-11-28T15:09:00Z" }];
    expect(rules(evaluateSpoofRules({ mac: "m", sightings }))).toEqual(["macOnTwoPorts"]);
    expect(evaluateSpoofRules({ mac: "m", sightings, windowMs: 60_000 })).toEqual([]);
  });

  it("flags a medical device with a software-set MAC, and not a clean one", () => {
    expect(rules(evaluateSpoofRules({ mac: "02:42:e4:00:00:01", category: "patient_monitor" }))).toEqual(["locallyAdministeredMacOnMedicalDevice"]);
    expect(evaluateSpoofRules({ mac: "00:09:fb:00:00:01", category: "patient_monitor", ouiVendor: "Philips Patient Monitoring", claimedVendor: "Philips" })).toEqual([]);
  });
});
