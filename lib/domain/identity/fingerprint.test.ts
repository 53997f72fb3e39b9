import { describe, expect, it } from "vitest";
import {
  ATTRIBUTE_LABELS,
  ATTRIBUTE_WEIGHTS,
  canonicalJson,
  compareFingerprints,
  diffAttributes,
  DIFFERENT_THRESHOLD,
  fingerprintAttributes,
  fingerprintHash,
  fingerprintSimilarity,
  initialTtl,
  SAME_THRESHOLD,
} from "./fingerprint";

const pump = {
  ethernet: {
    switchPort: "sw-icu-2/Gi1/0/14",
    vlan: 20,
    linkSpeedMbps: 100,
    duplex: "full",
    autoNegotiation: true,
    dhcpFingerprint: "1,3,6,15,28,51,58,59",
    dhcpVendorClass: "dhcpcd-6.8.2:Linux-3.10",
    ttl: 64,
    tcpSignature: "4:64+0:0:1460:mss*44,7:mss,sok,ts,nop,ws:df,id+:0",
    ja4: "t13d1516h2_8daaf6152771_b186095e22b6",
  },
  electrical: { powerDrawMw: 410, signalRiseTimeNs: 3.2 },
};
const keyboard = {
  usb: {
    port: "1-1.2",
    speed: "low",
    bcdUSB: "1.10",
    bcdDevice: "1.10",
    deviceClass: 0,
    maxPowerMa: 90,
    interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }],
    hidReportDescriptorSha256: "9F2C",
    keystrokeRateCps: 6,
  },
};

describe("fingerprintAttributes", () => {
  it("keeps identity-bearing measurements under dotted keys", () => {
    const attrs = fingerprintAttributes(pump);
    expect(attrs).toMatchObject({
      "ethernet.tcpSignature": pump.ethernet.tcpSignature,
      "ethernet.dhcpFingerprint": "1,3,6,15,28,51,58,59",
      "ethernet.ja4": pump.ethernet.ja4,
      "ethernet.linkSpeedMbps": 100,
      "ethernet.duplex": "full",
      "ethernet.autoNegotiation": true,
      "ethernet.ttl": 64,
    });
  });

  it.each(["ethernet.switchPort", "ethernet.vlan"])("leaves out location: %s", (key) => {
    expect(fingerprintAttributes(pump)).not.toHaveProperty(key);
  });

  it.each(["usb.port", "usb.keystrokeRateCps"])("leaves out location and behaviour: %s", (key) => {
    expect(fingerprintAttributes(keyboard)).not.toHaveProperty(key);
  });

  it("leaves out fields it does not know, and values of the wrong type", () => {
    const attrs = fingerprintAttributes({ ethernet: { ttl: "64", linkSpeedMbps: Number.NaN, duplex: "", futureField: "x" }, usb: { interfaces: "03" }, radio: { rssi: -40 } });
    expect(attrs).toEqual({});
  });

  it("canonicalises: interfaces sorted as hex, case and whitespace ironed out", () => {
    const usb = fingerprintAttributes(keyboard);
    expect(usb["usb.interfaces"]).toBe("03.01.01.01");
    expect(usb["usb.hidReportDescriptorSha256"]).toBe("9f2c");
    const a = fingerprintAttributes({ usb: { interfaces: [{ class: 8, subclass: 6, protocol: 80, endpoints: 2 }, { class: 3, subclass: 1, protocol: 1 }] } });
    const b = fingerprintAttributes({ usb: { interfaces: [{ class: 3, subclass: 1, protocol: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }] } });
    expect(a).toEqual(b);
    expect(a["usb.interfaces"]).toBe("03.01.01.00,08.06.50.02");
    expect(fingerprintAttributes({ ethernet: { dhcpFingerprint: "1, 3, 6", duplex: "Full" } })).toEqual({ "ethernet.dhcpFingerprint": "1,3,6", "ethernet.duplex": "full" });
  });

  it("spells the LLDP chassis ID one way when it is a MAC", () => {
    expect(fingerprintAttributes({ ethernet: { lldpChassisId: "00-09-FB-12-34-56" } })["ethernet.lldpChassisId"]).toBe("00:09:fb:12:34:56");
    expect(fingerprintAttributes({ ethernet: { lldpChassisId: "SN ABC" } })["ethernet.lldpChassisId"]).toBe("sn abc");
  });

  it("keeps the initial TTL, so one router hop more or less is not a change", () => {
    expect([63, 64, 127, 128, 254, 30].map(initialTtl)).toEqual([64, 64, 128, 128, 255, 32]);
    expect(fingerprintAttributes({ ethernet: { ttl: 62 } })["ethernet.ttl"]).toBe(64);
  });

  it("buckets analog measurements, in their own unit", () => {
    const attrs = fingerprintAttributes(pump);
    expect(attrs["electrical.powerDrawMw"]).toBeGreaterThan(410 * 0.95);
    expect(attrs["electrical.powerDrawMw"]).toBeLessThan(410 * 1.05);
    expect(fingerprintAttributes({ electrical: { powerDrawMw: 0, signalRiseTimeNs: -1 } })).toEqual({});
  });

  it("is the same device, by hash, on another port, at another moment, with a little noise", () => {
    const moved = { ...pump, ethernet: { ...pump.ethernet, switchPort: "sw-icu-3/Gi1/0/2", vlan: 30, ttl: 63 }, electrical: { powerDrawMw: 412, signalRiseTimeNs: 3.21 } };
    expect(fingerprintHash(fingerprintAttributes(moved))).toBe(fingerprintHash(fingerprintAttributes(pump)));
  });

  it("gives every attribute it can produce a weight and a label", () => {
    const all = { ...fingerprintAttributes(pump), ...fingerprintAttributes(keyboard), ...fingerprintAttributes({ ethernet: { poeClass: 2, lldpChassisId: "x" } }) };
    for (const key of Object.keys(all)) {
      expect(ATTRIBUTE_WEIGHTS[key], key).toBeGreaterThan(0);
      expect(ATTRIBUTE_LABELS[key], key).toBeTruthy();
    }
  });
});

describe("canonicalJson and fingerprintHash", () => {
  it("sorts keys at every level and drops undefined like JSON does", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: "x" }, z: undefined })).toBe('{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}');
    expect(canonicalJson([undefined, null, true])).toBe("[null,null,true]");
    expect(canonicalJson("é\n")).toBe(JSON.stringify("é\n"));
  });

  it("hashes to 64 hex characters, stable across key order, different for different values", () => {
    expect(fingerprintHash({ a: 1, b: "x" })).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintHash({ b: "x", a: 1 })).toBe(fingerprintHash({ a: 1, b: "x" }));
    expect(fingerprintHash({ a: 1, b: "y" })).not.toBe(fingerprintHash({ a: 1, b: "x" }));
    expect(fingerprintHash({ a: 1 })).not.toBe(fingerprintHash({ a: "1" }));
  });

  it("is sha256 of the canonical JSON", () => {
    // printf '{"a":1}' | sha256sum
    expect(fingerprintHash({ a: 1 })).toBe("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
  });
});

describe("fingerprintSimilarity", () => {
  const base = fingerprintAttributes(pump);

  it("is 1 for identical attributes, with nothing to show", () => {
    expect(fingerprintSimilarity(base, base)).toMatchObject({ score: 1, diffs: [], onlyInOne: [] });
  });

  it("scores only what was measured both times, and lists the rest", () => {
    const richer = { ...base, "usb.speed": "full" };
    const poorer = { ...base };
    delete poorer["ethernet.ja4"];
    const result = fingerprintSimilarity(richer, poorer);
    expect(result.score).toBe(1);
    expect(result.onlyInOne).toEqual(["ethernet.ja4", "usb.speed"]);
    expect(result.diffs.map((d) => [d.attribute, d.before, d.after])).toEqual([
      ["ethernet.ja4", base["ethernet.ja4"], undefined],
      ["usb.speed", "full", undefined],
    ]);
  });

  it("weighs: one strong attribute changed costs more than one weak one", () => {
    const strong = fingerprintSimilarity(base, { ...base, "ethernet.tcpSignature": "other" });
    const weak = fingerprintSimilarity(base, { ...base, "ethernet.duplex": "half" });
    expect(strong.score!).toBeLessThan(weak.score!);
    const total = Object.keys(base).reduce((s, k) => s + ATTRIBUTE_WEIGHTS[k], 0);
    expect(strong.score).toBeCloseTo(1 - ATTRIBUTE_WEIGHTS["ethernet.tcpSignature"] / total, 3);
  });

  it("lets an analog reading cross into the neighbouring bucket, not further", () => {
    const near = fingerprintAttributes({ ...pump, electrical: { powerDrawMw: 440, signalRiseTimeNs: 3.4 } });
    const far = fingerprintAttributes({ ...pump, electrical: { powerDrawMw: 2600, signalRiseTimeNs: 1.1 } });
    expect(near["electrical.powerDrawMw"]).not.toBe(base["electrical.powerDrawMw"]);
    expect(fingerprintSimilarity(base, near)).toMatchObject({ score: 1, diffs: [] });
    expect(fingerprintSimilarity(base, far).diffs.map((d) => d.attribute)).toEqual(["electrical.signalRiseTimeNs", "electrical.powerDrawMw"]);
  });

  it("says nothing (null) below one strong attribute's worth of shared evidence", () => {
    expect(fingerprintSimilarity({ "ethernet.duplex": "full" }, { "ethernet.duplex": "half" }).score).toBeNull();
    expect(fingerprintSimilarity({ "usb.speed": "low" }, { "ethernet.ttl": 64 })).toMatchObject({ score: null, compared: [] });
    expect(fingerprintSimilarity({}, {}).score).toBeNull();
    expect(fingerprintSimilarity({ "usb.hidReportDescriptorSha256": "a" }, { "usb.hidReportDescriptorSha256": "a" }).score).toBe(1);
  });
});

describe("diffAttributes", () => {
  it("lists changed, added and removed attributes, heaviest first, with labels", () => {
    const diffs = diffAttributes({ "usb.bcdDevice": "1.10", "usb.interfaces": "03.01.01.01", "usb.speed": "low" }, { "usb.bcdDevice": "1.11", "usb.interfaces": "03.01.01.01,08.06.50.02", "usb.maxPowerMa": 500 });
    expect(diffs).toEqual([
      { attribute: "usb.interfaces", label: "USB interfaces", before: "03.01.01.01", after: "03.01.01.01,08.06.50.02", weight: 1 },
      { attribute: "usb.speed", label: "USB speed", before: "low", after: undefined, weight: 0.6 },
      { attribute: "usb.maxPowerMa", label: "declared USB power", before: undefined, after: 500, weight: 0.5 },
      { attribute: "usb.bcdDevice", label: "USB device release", before: "1.10", after: "1.11", weight: 0.2 },
    ]);
  });
});

describe("compareFingerprints", () => {
  const base = fingerprintAttributes(pump);

  it("exports the documented thresholds", () => {
    expect([SAME_THRESHOLD, DIFFERENT_THRESHOLD]).toEqual([0.9, 0.6]);
  });

  it("same: identical measurements", () => {
    expect(compareFingerprints(base, base)).toMatchObject({ verdict: "same", score: 1, diffs: [] });
  });

  it("changed: a firmware update moves the TLS stack and the DHCP vendor class only", () => {
    const updated = { ...base, "ethernet.dhcpVendorClass": "dhcpcd-9.4.1:Linux-5.10", "ethernet.ja4": "t13d1715h2_5b57614c22b0_3d5424432f57" };
    const result = compareFingerprints(base, updated);
    expect(result.verdict).toBe("changed");
    expect(result.diffs.map((d) => d.attribute)).toEqual(["ethernet.ja4", "ethernet.dhcpVendorClass"]);
  });

  it("different: another device's stack and hardware behind the same claimed identity", () => {
    const implant = fingerprintAttributes({
      ethernet: { linkSpeedMbps: 100, duplex: "full", autoNegotiation: true, dhcpFingerprint: "1,121,3,6,15,119,252", ttl: 128, tcpSignature: "4:128+0:0:1460:mss,nop,ws,nop,nop,sok:df,id+:0", ja4: "t13d1715h2_5b57614c22b0_3d5424432f57" },
      electrical: { powerDrawMw: 2600, signalRiseTimeNs: 1.1 },
    });
    const result = compareFingerprints(base, implant);
    expect(result.verdict).toBe("different");
    expect(result.score!).toBeLessThan(0.2);
  });

  it("insufficient: nothing strong measured both times", () => {
    expect(compareFingerprints({ "ethernet.duplex": "full" }, { "ethernet.duplex": "half" }).verdict).toBe("insufficient");
  });

  it("weighs hard-to-forge attributes more than firmware-dependent ones", () => {
    const a = { "usb.hidReportDescriptorSha256": "x", "usb.bcdDevice": "1.0" };
    const descriptorChanged = compareFingerprints(a, { ...a, "usb.hidReportDescriptorSha256": "y" });
    const releaseChanged = compareFingerprints(a, { ...a, "usb.bcdDevice": "1.1" });
    expect(descriptorChanged.verdict).toBe("different");
    expect(releaseChanged.verdict).toBe("changed");
  });

  it.each([
    [{ same: 0.99 }, "changed"],
    [{ same: 0.5, different: 0.4 }, "same"],
    [{ same: 0.99, different: 0.97 }, "different"],
  ] as const)("takes thresholds %j", (thresholds, verdict) => {
    const oneWeakChange = { ...base, "ethernet.duplex": "half" };
    expect(compareFingerprints(base, oneWeakChange, thresholds).verdict).toBe(verdict);
  });

  it("refuses thresholds the wrong way round", () => {
    expect(() => compareFingerprints(base, base, { same: 0.5, different: 0.7 })).toThrow(RangeError);
  });
});
