import { describe, expect, it } from "vitest";
import { observationSchema } from "../lib/domain/protocol/agent-report";
import type { AgentObservation } from "./collectors/types";
import { deepMerge, mergeKey, mergeObservations } from "./merge";

const T1 = "2026-12-01T10:00:00.000Z";
const T2 = "2026-12-01T10:00:05.000Z";

const keyboard: AgentObservation = {
  observedAt: T1,
  channel: "usb",
  claimed: { usb: { vendorId: "046d", productId: "c31c", product: "USB Keyboard" } },
  physical: { usb: { port: "1-1.2", speed: "low", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }] } },
};
const typing: AgentObservation = { observedAt: T2, channel: "usb", physical: { usb: { port: "1-1.2", keystrokeRateCps: 7.5 } } };

describe("mergeObservations", () => {
  it("joins a USB device and its typing rate by port path, keeping every measurement and the latest time", () => {
    const merged = mergeObservations([
      { source: "usb", observation: keyboard },
      { source: "typingRate", observation: typing },
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0].key).toBe("usb:1-1.2");
    expect(merged[0].sources).toEqual(["usb", "typingRate"]);
    expect(merged[0].observation).toEqual({
      observedAt: T2,
      channel: "usb",
      claimed: { usb: { vendorId: "046d", productId: "c31c", product: "USB Keyboard" } },
      physical: { usb: { port: "1-1.2", speed: "low", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }], keystrokeRateCps: 7.5 } },
    });
    expect(observationSchema.safeParse(merged[0].observation).success).toBe(true);
  });

  it("joins a neighbour and its switch port by normalised MAC whatever the spelling", () => {
    const merged = mergeObservations([
      { source: "neighbours", observation: { observedAt: T2, channel: "ethernet", claimed: { mac: "00:09:FB:12:34:56", ip: "10.20.4.17" } } },
      { source: "snmp", observation: { observedAt: T1, channel: "ethernet", claimed: { mac: "0009.fb12.3456" }, physical: { ethernet: { switchPort: "sw1/Gi1/0/14", vlan: 20 } } } },
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0].key).toBe("mac:00:09:fb:12:34:56");
    expect(merged[0].observation.observedAt).toBe(T2);
    expect(merged[0].observation.claimed).toEqual({ mac: "0009.fb12.3456", ip: "10.20.4.17" });
    expect(merged[0].observation.physical?.ethernet).toEqual({ switchPort: "sw1/Gi1/0/14", vlan: 20 });
  });

  it("keeps observations without a mergeable key apart, even when two look alike", () => {
    const port = (n: number): AgentObservation => ({ observedAt: T1, channel: "ethernet", physical: { ethernet: { switchPort: `sw1/Gi1/0/${n}` } } });
    const merged = mergeObservations([
      { source: "snmp", observation: port(1) },
      { source: "snmp", observation: port(2) },
      { source: "snmp", observation: port(1) },
    ]);
    expect(merged.map((m) => m.key)).toEqual(["switchport:sw1/Gi1/0/1", "switchport:sw1/Gi1/0/2", "switchport:sw1/Gi1/0/1#2"]);
  });

  it("never merges by a placeholder MAC", () => {
    expect(mergeKey({ observedAt: T1, channel: "ethernet", claimed: { mac: "00:00:00:00:00:00" } })).toBeNull();
  });

  it("does not change the collectors' objects", () => {
    const before = structuredClone(keyboard);
    mergeObservations([
      { source: "usb", observation: keyboard },
      { source: "typingRate", observation: typing },
    ]);
    expect(keyboard).toEqual(before);
  });
});

describe("deepMerge", () => {
  it("replaces arrays, merges objects, ignores undefined", () => {
    expect(deepMerge({ a: [1, 2], b: { c: 1, d: 2 }, e: 1 }, { a: [3], b: { d: 5 }, e: undefined })).toEqual({ a: [3], b: { c: 1, d: 5 }, e: 1 });
  });
});
