import { describe, expect, it } from "vitest";
import { canonicalJson, compareFingerprints, fingerprintAttributes, fingerprintHash, fingerprintSimilarity } from "./fingerprint";

const pump = {
  ethernet: { switchPort: "sw-icu-2/Gi1/0/14", vlan: 20, linkSpeedMbps: 100, duplex: "full", autoNegotiation: true, dhcpFingerprint: "1,3,6,15,28,51,58,59", ttl: 64, tcpSignature: "4:64+0:0:1460:mss*44,7:mss,sok,ts,nop,ws:df,id+:0", ja4: "t13d1516h2_8daaf6152771_b186095e22b6" },
  electrical: { powerDrawMw: 410, signalRiseTimeNs: 3.2 },
};
const keyboard = { usb: { port: "1-1.2", speed: "low", bcdUSB: "1.10", bcdDevice: "1.10", deviceClass: 0, maxPowerMa: 90, interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }], hidReportDescriptorSha256: "9f2c", keystrokeRateCps: 6 } };

describe("fingerprintAttributes", () => {
  it("keeps identity-bearing measurements and leaves out location and noise", () => {
    const attrs = fingerprintAttributes(pump);
    expect(attrs["ethernet.tcpSignature"]).toBe(pump.ethernet.tcpSignature);
    expect(attrs).not.toHaveProperty("ethernet.switchPort");
    expect(attrs).not.toHaveProperty("ethernet.vlan");
    const usb = fingerprintAttributes(keyboard);
    expect(usb).not.toHaveProperty("usb.port");
    expect(usb).not.toHaveProperty("usb.keystrokeRateCps");
    expect(usb["usb.interfaces"]).toBe("03.01.01.01");
  });

  it("is the same device on another port, at another moment, with a little power noise", () => {
    const moved = { ...pump, ethernet: { ...pump.ethernet, switchPort: "sw-icu-3/Gi1/0/2", vlan: 30 }, electrical: { powerDrawMw: 412, signalRiseTimeNs: 3.21 } };
    expect(fingerprintHash(fingerprintAttributes(moved))).toBe(fingerprintHash(fingerprintAttributes(pump)));
  });

  it("orders interfaces canonically", () => {
    const a = fingerprintAttributes({ usb: { interfaces: [{ class: 8, subclass: 6, protocol: 80 }, { class: 3, subclass: 1, protocol: 1 }] } });
    const b = fingerprintAttributes({ usb: { interfaces: [{ class: 3, subclass: 1, protocol: 1 }, { class: 8, subclass: 6, protocol: 80 }] } });
    expect(a).toEqual(b);
  });
});

describe("canonicalJson and hash", () => {
  it("sorts keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: "x" } })).toBe('{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}');
  });
  it("hashes to 64 hex characters, stable across key order", () => {
    expect(fingerprintHash({ a: 1, b: "x" })).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintHash({ b: "x", a: 1 })).toBe(fingerprintHash({ a: 1, b: "x" }));
  });
});

describe("comparing fingerprints", () => {
  const base = fingerprintAttributes(pump);

  it("same: identical measurements", () => {
    expect(compareFingerprints(base, base)).toMatchObject({ verdict: "same", score: 1, diffs: [] });
  });

  it("changed: a firmware update moves weak attributes only", () => {
    const updated = { ...base, "ethernet.dhcpVendorClass": "v9", "ethernet.ja4": "t13d1516h2_other_stack" };
    const baseWithClass = { ...base, "ethernet.dhcpVendorClass": "v8" };
    const result = compareFingerprints(baseWithClass, updated);
    expect(result.verdict).toBe("changed");
    expect(result.diffs.map((d) => d.attribute)).toEqual(["ethernet.dhcpVendorClass", "ethernet.ja4"]);
  });

  it("different: another device's stack behind the same claimed identity", () => {
    const implant = fingerprintAttributes({ ethernet: { linkSpeedMbps: 1000, duplex: "full", autoNegotiation: true, dhcpFingerprint: "1,121,3,6,15,119,252", ttl: 128, tcpSignature: "4:128+0:0:1460:mss,nop,ws,nop,nop,sok:df,id+:0", ja4: "t13d1715h2_5b57614c22b0_3d5424432f57" }, electrical: { powerDrawMw: 2600 } });
    expect(compareFingerprints(base, implant).verdict).toBe("different");
  });

  it("insufficient: nothing strong measured both times", () => {
    expect(compareFingerprints({ "ethernet.duplex": "full" }, { "ethernet.duplex": "half" }).verdict).toBe("insufficient");
    expect(fingerprintSimilarity({ "usb.speed": "low" }, { "ethernet.ttl": 64 }).compared).toEqual([]);
  });

  it("weighs hard-to-forge attributes more than firmware-dependent ones", () => {
    const a = { "usb.hidReportDescriptorSha256": "x", "usb.bcdDevice": "1.0" };
    const descriptorChanged = compareFingerprints(a, { ...a, "usb.hidReportDescriptorSha256": "y" });
    const releaseChanged = compareFingerprints(a, { ...a, "usb.bcdDevice": "1.1" });
    expect(descriptorChanged.score!).toBeLessThan(releaseChanged.score!);
    expect(releaseChanged.verdict).not.toBe("different");
    expect(descriptorChanged.verdict).toBe("different");
  });
});
