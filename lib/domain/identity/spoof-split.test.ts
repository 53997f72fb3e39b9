import { describe, expect, it } from "vitest";
import type { DeviceGroup } from "./device-groups";
import type { Evidence } from "./evidence";
import { fingerprintHash, type FingerprintAttributes } from "./fingerprint";
import { matchFingerprint, observationsToMove, planSplit, routeSplitEvidence, storedFingerprint, type FingerprintCandidate } from "./spoof-split";

// The printer whose MAC was cloned, and the implant cloning it.
const printer: FingerprintAttributes = { "ethernet.tcpSignature": "4:255+0:0:1460:mss,nop,ws:df:0", "ethernet.dhcpFingerprint": "1,3,6,15,44,47", "ethernet.ttl": 255, "ethernet.ja4": "t12d", "ethernet.linkSpeedMbps": 1000 };
const implant: FingerprintAttributes = { "ethernet.tcpSignature": "4:64+0:0:1460:mss*20,7", "ethernet.dhcpFingerprint": "1,121,3,6,15,119,252", "ethernet.ttl": 64, "ethernet.ja4": "t13d", "ethernet.linkSpeedMbps": 100 };
const laptop: FingerprintAttributes = { "ethernet.tcpSignature": "4:128+0:0:1460:mss,nop,ws", "ethernet.dhcpFingerprint": "1,15,3,6,44,46", "ethernet.ttl": 128, "ethernet.ja4": "t13x", "ethernet.linkSpeedMbps": 1000 };
const fp = (attributes: FingerprintAttributes) => ({ hash: fingerprintHash(attributes), attributes });
const candidate = (deviceId: string, attributes: FingerprintAttributes): FingerprintCandidate => ({ deviceId, ...fp(attributes) });

describe("matchFingerprint", () => {
  const candidates = [candidate("printer", printer), candidate("implant", implant)];
  it("finds the device by the same hash", () => {
    expect(matchFingerprint(fp(implant), candidates)).toBe("implant");
    expect(matchFingerprint(fp(printer), candidates)).toBe("printer");
  });
  it("finds it through measurement noise (within the 'same' threshold), not only by hash", () => {
    expect(matchFingerprint(fp({ ...implant, "ethernet.linkSpeedMbps": 10 }), candidates)).toBe("implant");
  });
  it("is nobody's for a third device, or for an observation that measured nothing", () => {
    expect(matchFingerprint(fp(laptop), candidates)).toBeNull();
    expect(matchFingerprint(null, candidates)).toBeNull();
  });
});

describe("planSplit", () => {
  const a = { id: "fa", hash: "A", lastSeenAt: new Date("2026-12-01T10:00:00Z") };
  const b = { id: "fb", hash: "B", lastSeenAt: new Date("2026-12-02T10:00:00Z") };
  const c = { id: "fc", hash: "C", lastSeenAt: new Date("2026-11-30T10:00:00Z") };
  it("moves the chosen fingerprint; the device keeps its current one", () => {
    expect(planSplit([a, b, c], "fb", "fa")).toEqual({ moved: b, kept: [a, c], keptCurrentId: "fa" });
  });
  it("gives the device the fingerprint of the rest seen last when its current one leaves", () => {
    expect(planSplit([a, b, c], "fb", "fb")).toMatchObject({ keptCurrentId: "fa" });
  });
  it("refuses a fingerprint not in the history, and a device with a single fingerprint", () => {
    expect(planSplit([a, b], "nope", "fa")).toMatch(/not in the device's history/);
    expect(planSplit([a], "fa", "fa")).toMatch(/only this fingerprint/);
  });
});

describe("observationsToMove", () => {
  it("moves the observations that measured the split-off device, and keeps the rest", () => {
    const observations = [
      { id: "o1", fingerprint: fp(printer) },
      { id: "o2", fingerprint: fp(implant) },
      { id: "o3", fingerprint: null },
      { id: "o4", fingerprint: fp(laptop) },
      { id: "o5", fingerprint: fp({ ...implant, "ethernet.linkSpeedMbps": 10 }) },
    ];
    expect(observationsToMove(observations, candidate("new", implant), [candidate("old", printer)])).toEqual(["o2", "o5"]);
  });
});

describe("routeSplitEvidence", () => {
  const evidence = (attributes: FingerprintAttributes | null) => ({ fingerprint: attributes ? fp(attributes) : null }) as unknown as Evidence;
  const key = { kind: "switchport" as const, value: "sw/1" };
  const routes = new Map([["printer", [candidate("printer", printer), candidate("implant", implant)]]]);

  it("sends each observation of the split identity to the device whose fingerprint it carries", () => {
    const group: DeviceGroup = { deviceId: "printer", isNew: false, evidence: [evidence(printer), evidence(implant), evidence(laptop)], newKeys: [key] };
    const routed = routeSplitEvidence([group], routes);
    expect(routed.map((g) => [g.deviceId, g.evidence.length, g.newKeys.length, g.isNew])).toEqual([["printer", 2, 1, false], ["implant", 1, 0, false]]);
  });
  it("gives the identity keys to the split-off device when nothing stays with the holder", () => {
    const group: DeviceGroup = { deviceId: "printer", isNew: false, evidence: [evidence(implant)], newKeys: [key] };
    expect(routeSplitEvidence([group], routes)).toEqual([{ deviceId: "implant", isNew: false, evidence: group.evidence, newKeys: [key] }]);
  });
  it("leaves devices of no split identity as they are", () => {
    const other: DeviceGroup = { deviceId: "pump", isNew: true, evidence: [evidence(implant)], newKeys: [] };
    expect(routeSplitEvidence([other], routes)).toEqual([other]);
  });
});

describe("storedFingerprint", () => {
  it("is the fingerprint ingestion computed from the same physical measurements, or null when nothing was measured", () => {
    const physical = { ethernet: { switchPort: "sw/7", ttl: 255, dhcpFingerprint: "1,3,6,15,44,47", tcpSignature: "4:255+0:0:1460:mss,nop,ws:df:0" } };
    const stored = storedFingerprint(physical);
    expect(stored?.attributes).toMatchObject({ "ethernet.ttl": 255, "ethernet.dhcpFingerprint": "1,3,6,15,44,47" });
    expect(stored?.hash).toBe(fingerprintHash(stored!.attributes));
    expect(storedFingerprint(null)).toBeNull();
    expect(storedFingerprint({})).toBeNull();
  });
});
