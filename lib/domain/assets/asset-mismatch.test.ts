import { describe, expect, it } from "vitest";
import { assetState, mismatchesOf, registerFirmware } from "./asset-mismatch";

const network = { model: "Alaris 8015", claimedModel: null, firmwareVersion: "12.1.2", claimedFirmware: null, location: "ICU  Bed 4", department: "ICU" };

describe("mismatchesOf", () => {
  it("names each field that disagrees", () => {
    const m = mismatchesOf({ model: "Alaris 8100", location: "ED Bay 2", department: "Emergency", extra: { Firmware: "12.0" } }, network);
    expect(m.map((x) => x.field)).toEqual(["model", "firmware", "location", "department"]);
    expect(m[0]).toEqual({ field: "model", register: "Alaris 8100", network: "Alaris 8015" });
  });
  it("folds case and spaces", () => {
    expect(mismatchesOf({ model: " alaris 8015", location: "icu bed 4", department: "icu", extra: { "Firmware Version": "12.1.2" } }, network)).toEqual([]);
  });
  it("never counts an empty register field, or a field the network never reported", () => {
    expect(mismatchesOf({ model: null, location: "", department: "  ", extra: null }, network)).toEqual([]);
    expect(mismatchesOf({ model: "X", location: "Y", department: "Z" }, { model: null, firmwareVersion: null, location: null, department: null })).toEqual([]);
  });
  it("accepts the claimed model when the resolved one differs", () => {
    expect(mismatchesOf({ model: "8015", location: null, department: null }, { ...network, claimedModel: "8015" })).toEqual([]);
  });
  it("reads the firmware from the extra columns only", () => {
    expect(registerFirmware({ "Software version": " 2.0 " })).toBe("2.0");
    expect(registerFirmware({ notes: "fw 2.0" })).toBeNull();
    expect(registerFirmware(["x"])).toBeNull();
  });
});

describe("assetState", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  const seen = (daysAgo: number) => ({ lastSeenAt: new Date(now.getTime() - daysAgo * 86_400_000), retired: false });
  const base = { retired: false, notNetwork: false, device: seen(1), mismatches: [], now, missingAfterDays: 30 };
  it("gives each state", () => {
    expect(assetState(base)).toBe("reconciled");
    expect(assetState({ ...base, mismatches: [{ field: "model", register: "a", network: "b" }] })).toBe("mismatched");
    expect(assetState({ ...base, device: null })).toBe("missing");
    expect(assetState({ ...base, device: seen(31) })).toBe("missing");
    expect(assetState({ ...base, device: seen(29) })).toBe("reconciled");
    expect(assetState({ ...base, device: { ...seen(1), retired: true } })).toBe("missing");
    expect(assetState({ ...base, device: null, notNetwork: true })).toBe("not_network");
    expect(assetState({ ...base, notNetwork: true, retired: true })).toBe("retired");
  });
  it("follows the configured number of days", () => {
    expect(assetState({ ...base, device: seen(8), missingAfterDays: 7 })).toBe("missing");
  });
});
