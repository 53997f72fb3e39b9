import { describe, expect, it } from "vitest";
import { linkEntries, primaryEntry, refusalKey, type DeviceKeys, type EntryKeys } from "./asset-linking";

const entry = (id: string, keys: Partial<EntryKeys> = {}): EntryKeys => ({ id, sourceId: "s1", assetTagKey: `TAG-${id}`, serialKey: null, manufacturer: null, mac: null, hostnameKey: null, ip: null, manualDeviceId: null, excluded: false, ...keys });
const device = (id: string, keys: Partial<DeviceKeys> = {}): DeviceKeys => ({ id, serialKey: null, vendor: null, mac: null, hostname: null, hostnameKey: null, ip: null, ...keys });

describe("linkEntries: each key", () => {
  it("links by serial with the same manufacturer (high)", () => {
    const links = linkEntries([entry("a", { serialKey: "SN1", manufacturer: "BD (Becton Dickinson)" })], [device("d", { serialKey: "SN1", vendor: "Becton, Dickinson and Company" })]);
    expect(links.get("a")).toEqual({ deviceId: "d", key: "serial", confidence: "high" });
  });
  it("does not link equal serials of two makers", () => {
    const links = linkEntries([entry("a", { serialKey: "1000", manufacturer: "Baxter" })], [device("d", { serialKey: "1000", vendor: "Philips" })]);
    expect(links.get("a")).toBeNull();
  });
  it("links a serial with no maker on one side at medium", () => {
    expect(linkEntries([entry("a", { serialKey: "SN1" })], [device("d", { serialKey: "SN1", vendor: "Baxter" })]).get("a")).toEqual({ deviceId: "d", key: "serial", confidence: "medium" });
  });
  it("links by MAC (high)", () => {
    expect(linkEntries([entry("a", { mac: "00:09:fb:00:00:01" })], [device("d", { mac: "00:09:fb:00:00:01" })]).get("a")).toEqual({ deviceId: "d", key: "mac", confidence: "high" });
  });
  it("links by the asset tag inside a host or DHCP name (medium)", () => {
    const links = linkEntries([entry("a", { assetTagKey: "AT004512" })], [device("d", { hostname: "icu-pump-AT004512.hosp.local", hostnameKey: "icu-pump-at004512" })]);
    expect(links.get("a")).toEqual({ deviceId: "d", key: "asset_tag", confidence: "medium" });
  });
  it("links by hostname (medium)", () => {
    expect(linkEntries([entry("a", { hostnameKey: "pacs01" })], [device("d", { hostname: "PACS01.hosp", hostnameKey: "pacs01" })]).get("a")).toEqual({ deviceId: "d", key: "hostname", confidence: "medium" });
  });
  it("links by IP (low) only when no stronger key disagrees", () => {
    expect(linkEntries([entry("a", { ip: "10.0.0.5" })], [device("d", { ip: "10.0.0.5" })]).get("a")).toEqual({ deviceId: "d", key: "ip", confidence: "low" });
    expect(linkEntries([entry("a", { ip: "10.0.0.5", mac: "00:09:fb:00:00:01" })], [device("d", { ip: "10.0.0.5", mac: "00:09:fb:00:00:02" })]).get("a")).toBeNull();
  });
});

describe("linkEntries: choosing", () => {
  it("takes the strongest key when several find different devices", () => {
    const e = entry("a", { mac: "00:09:fb:00:00:01", ip: "10.0.0.5", hostnameKey: "pump" });
    const links = linkEntries([e], [device("byIp", { ip: "10.0.0.5" }), device("byHost", { hostnameKey: "pump" }), device("byMac", { mac: "00:09:fb:00:00:01" })]);
    expect(links.get("a")?.deviceId).toBe("byMac");
  });
  it("links nothing when the strongest key finds two devices", () => {
    expect(linkEntries([entry("a", { hostnameKey: "pump" })], [device("d1", { hostnameKey: "pump" }), device("d2", { hostnameKey: "pump" })]).get("a")).toBeNull();
  });
  it("gives a device to one entry per source: the stronger key wins, the other stays unlinked", () => {
    const links = linkEntries([entry("a", { mac: "00:09:fb:00:00:01" }), entry("b", { ip: "10.0.0.5" })], [device("d", { mac: "00:09:fb:00:00:01", ip: "10.0.0.5" })]);
    expect(links.get("a")?.deviceId).toBe("d");
    expect(links.get("b")).toBeNull();
  });
  it("links neither of two entries of one source claiming a device by equal keys", () => {
    const links = linkEntries([entry("a", { mac: "00:09:fb:00:00:01" }), entry("b", { mac: "00:09:fb:00:00:01" })], [device("d", { mac: "00:09:fb:00:00:01" })]);
    expect([links.get("a"), links.get("b")]).toEqual([null, null]);
  });
  it("lets entries of two sources link the same device", () => {
    const links = linkEntries([entry("a", { mac: "00:09:fb:00:00:01" }), entry("b", { sourceId: "s2", mac: "00:09:fb:00:00:01" })], [device("d", { mac: "00:09:fb:00:00:01" })]);
    expect([links.get("a")?.deviceId, links.get("b")?.deviceId]).toEqual(["d", "d"]);
  });
  it("never links a refused pair, and then tries the next key", () => {
    const e = entry("a", { mac: "00:09:fb:00:00:01", hostnameKey: "pump" });
    const links = linkEntries([e], [device("d1", { mac: "00:09:fb:00:00:01" }), device("d2", { hostnameKey: "pump" })], new Set([refusalKey("a", "d1")]));
    expect(links.get("a")).toEqual({ deviceId: "d2", key: "hostname", confidence: "medium" });
  });
  it("keeps a person's link and keeps its device out of the source's automatic links", () => {
    const links = linkEntries([entry("a", { manualDeviceId: "d9" }), entry("b", { mac: "00:09:fb:00:00:01" })], [device("d9", { mac: "00:09:fb:00:00:01" })]);
    expect(links.get("a")).toEqual({ deviceId: "d9", key: "manual", confidence: "high" });
    expect(links.get("b")).toBeNull();
  });
  it("never links a retired or not-network entry automatically", () => {
    expect(linkEntries([entry("a", { mac: "00:09:fb:00:00:01", excluded: true })], [device("d", { mac: "00:09:fb:00:00:01" })]).get("a")).toBeNull();
  });
  it("takes devices in any number of chunks", () => {
    const e = entry("a", { mac: "00:09:fb:00:00:01", ip: "10.0.0.5" });
    const one = linkEntries([e], [device("x", { ip: "10.0.0.5" }), device("d", { mac: "00:09:fb:00:00:01" })]);
    expect(one.get("a")?.deviceId).toBe("d");
  });
});

describe("primaryEntry", () => {
  it("prefers a person's link, then the surest, then the lowest id", () => {
    expect(primaryEntry([])).toBeNull();
    expect(primaryEntry([{ entryId: "b", link: { deviceId: "d", key: "ip", confidence: "low" } }, { entryId: "c", link: { deviceId: "d", key: "manual", confidence: "high" } }])).toBe("c");
    expect(primaryEntry([{ entryId: "b", link: { deviceId: "d", key: "mac", confidence: "high" } }, { entryId: "a", link: { deviceId: "d", key: "serial", confidence: "high" } }])).toBe("a");
  });
});
