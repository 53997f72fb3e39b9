import { describe, expect, it } from "vitest";
import { fingerprintAttributes } from "./fingerprint";
import {
  keyboardWithHiddenInterfaces,
  knownIdentityFingerprintMismatch,
  locallyAdministeredMacOnMedicalDevice,
  macOnTwoPorts,
  superhumanKeystrokeRate,
  vendorContradiction,
} from "./spoof-rules";

const printer = fingerprintAttributes({ ethernet: { linkSpeedMbps: 1000, duplex: "full", ttl: 255, dhcpFingerprint: "1,3,6,15,44,47", tcpSignature: "4:255+0:0:1460:mss,nop,ws:df:0", ja4: "t12d1210h1_aaaa_bbbb" } });
const implant = fingerprintAttributes({ ethernet: { linkSpeedMbps: 100, duplex: "full", ttl: 64, dhcpFingerprint: "1,121,3,6,15,119,252", tcpSignature: "4:64+0:0:1460:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", ja4: "t13d1516h2_8daa_b186" } });

describe("knownIdentityFingerprintMismatch", () => {
  it("fires when another physical device uses a known MAC", () => {
    const finding = knownIdentityFingerprintMismatch({ identity: "3c:d9:2b:10:20:30", known: printer, observed: implant });
    expect(finding).toMatchObject({ rule: "knownIdentityFingerprintMismatch", severity: "critical" });
    expect((finding!.evidence.differences as unknown[]).length).toBeGreaterThan(3);
  });
  it("stays quiet for the same device, or a firmware-level change", () => {
    expect(knownIdentityFingerprintMismatch({ identity: "m", known: printer, observed: printer })).toBeNull();
    expect(knownIdentityFingerprintMismatch({ identity: "m", known: printer, observed: { ...printer, "ethernet.ja4": "t13_new_stack" } })).toBeNull();
  });
});

describe("macOnTwoPorts", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 15, minute)).toISOString();
  it("fires for one MAC on two ports within the window", () => {
    const f = macOnTwoPorts({ mac: "3c:d9:2b:10:20:30", sightings: [{ switchPort: "sw-4n/Gi1/0/7", observedAt: at(0) }, { switchPort: "sw-4n/Gi1/0/31", observedAt: at(3) }], windowMs: 10 * 60_000 });
    expect(f).toMatchObject({ rule: "macOnTwoPorts", evidence: { ports: ["sw-4n/Gi1/0/7", "sw-4n/Gi1/0/31"], secondsApart: 180 } });
  });
  it("stays quiet for one port, or a device moved long ago", () => {
    expect(macOnTwoPorts({ mac: "m", sightings: [{ switchPort: "a", observedAt: at(0) }, { switchPort: "a", observedAt: at(1) }], windowMs: 600_000 })).toBeNull();
    expect(macOnTwoPorts({ mac: "m", sightings: [{ switchPort: "a", observedAt: at(0) }, { switchPort: "b", observedAt: at(30) }], windowMs: 600_000 })).toBeNull();
  });
});

describe("keyboardWithHiddenInterfaces", () => {
  const kbd = { class: 3, subclass: 1, protocol: 1 };
  it.each([
    ["mass storage", [kbd, { class: 8, subclass: 6, protocol: 80 }], "mass storage"],
    ["RNDIS network", [kbd, { class: 0xe0, subclass: 1, protocol: 3 }], "network"],
    ["CDC serial", [kbd, { class: 2, subclass: 2 }, { class: 10 }], "serial (CDC)"],
  ])("fires for a keyboard with %s", (_n, interfaces, hidden) => {
    expect(keyboardWithHiddenInterfaces({ claimedProduct: "USB Keyboard", interfaces })?.evidence.hiddenInterfaces).toEqual([hidden]);
  });
  it("fires on the claimed name even without a boot-keyboard interface", () => {
    expect(keyboardWithHiddenInterfaces({ claimedProduct: "Wireless Mouse", interfaces: [{ class: 3 }, { class: 8 }] })).not.toBeNull();
  });
  it("stays quiet for a plain keyboard, and for a USB stick that is honest about being one", () => {
    expect(keyboardWithHiddenInterfaces({ claimedProduct: "USB Keyboard", interfaces: [kbd] })).toBeNull();
    expect(keyboardWithHiddenInterfaces({ claimedProduct: "Cruzer Blade", interfaces: [{ class: 8, subclass: 6, protocol: 80 }] })).toBeNull();
  });
});

describe("superhumanKeystrokeRate", () => {
  it("fires above a person's speed", () => expect(superhumanKeystrokeRate({ keystrokeRateCps: 900 })).toMatchObject({ rule: "superhumanKeystrokeRate" }));
  it.each([6, 17, 50, null, undefined])("stays quiet at %s", (rate) => expect(superhumanKeystrokeRate({ keystrokeRateCps: rate })).toBeNull());
});

describe("locallyAdministeredMacOnMedicalDevice", () => {
  it("fires for an infusion pump with a software-set MAC", () => {
    expect(locallyAdministeredMacOnMedicalDevice({ mac: "02:11:22:33:44:55", category: "infusion_pump" })).toMatchObject({ severity: "high" });
  });
  it("stays quiet for a burnt-in MAC, or a phone with a randomized one", () => {
    expect(locallyAdministeredMacOnMedicalDevice({ mac: "00:09:fb:33:44:55", category: "infusion_pump" })).toBeNull();
    expect(locallyAdministeredMacOnMedicalDevice({ mac: "da:a1:19:00:00:01", category: "phone" })).toBeNull();
  });
});

describe("vendorContradiction", () => {
  it("fires when the registry maker is not the claimed one", () => {
    expect(vendorContradiction({ ouiVendor: "Raspberry Pi Foundation", claimedVendor: "Baxter" })).toMatchObject({ rule: "vendorContradiction" });
  });
  it("fires when the DICOM stack's maker contradicts the registry", () => {
    const f = vendorContradiction({ ouiVendor: "Philips Patient Monitoring", dicomImplementationClassUid: "1.2.840.113619.6.94" });
    expect(f?.summary).toContain("ge");
  });
  it("stays quiet for agreeing names, module makers and PCs running a vendor's software", () => {
    expect(vendorContradiction({ ouiVendor: "Baxter Healthcare Corporation", claimedVendor: "Baxter International Inc." })).toBeNull();
    expect(vendorContradiction({ ouiVendor: "Texas Instruments", claimedVendor: "Baxter" })).toBeNull();
    expect(vendorContradiction({ ouiVendor: "Dell Inc.", dicomImplementationClassUid: "1.2.840.113619.6.94" })).toBeNull();
    expect(vendorContradiction({ ouiVendor: "GE Healthcare", claimedVendor: "GE Medical Systems", dicomImplementationClassUid: "1.2.840.113619.6.94" })).toBeNull();
  });
});
