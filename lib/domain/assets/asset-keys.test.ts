import { describe, expect, it } from "vitest";
import { assetKeysOf, hostnameKey, nameTokens, normaliseAssetTag, normaliseIp, normaliseRegisterMac, normaliseSerial, tagInName } from "./asset-keys";

describe("normaliseSerial", () => {
  it("folds case, spaces, dashes and a leading S/N", () => {
    for (const s of ["S/N 12-345 ab", "s/n:12345ab", "sn: 12345AB", "SN 12345ab", " 12 345-AB ", "Serial No. 12345ab", "serial number: 12.345.AB", "Serial# 12345ab"]) expect(normaliseSerial(s)).toBe("12345AB");
  });
  it("gives no key for empty values and placeholders", () => {
    for (const s of [null, undefined, "", "  ", "N/A", "unknown", "0000", "To be filled by O.E.M."]) expect(normaliseSerial(s)).toBeNull();
  });
  it("keeps a serial that merely starts with the letters sn", () => {
    expect(normaliseSerial("SNX-100")).toBe("SNX100");
    expect(normaliseSerial("SN-0001")).toBe("SN0001");
    expect(normaliseSerial("s/n SN-0001")).toBe("SN0001");
  });
});

describe("normaliseRegisterMac", () => {
  it("reads every spelling", () => {
    for (const s of ["00:09:FB:12:34:56", "00-09-fb-12-34-56", "0009.fb12.3456", "0009FB123456", "0009fb-123456", " 00 09 fb 12 34 56 "]) expect(normaliseRegisterMac(s)).toBe("00:09:fb:12:34:56");
  });
  it("refuses what is no MAC, and placeholders", () => {
    for (const s of ["", "00:09:fb:12:34", "zz:09:fb:12:34:56", "00:00:00:00:00:00", "FF-FF-FF-FF-FF-FF", null]) expect(normaliseRegisterMac(s)).toBeNull();
  });
});

describe("hostnameKey and asset tags", () => {
  it("lower-cases and drops the domain", () => {
    expect(hostnameKey("ICU-Pump-07.hosp.local.")).toBe("icu-pump-07");
    expect(hostnameKey("pacs01")).toBe("pacs01");
    expect(hostnameKey("10.1.2.3")).toBeNull();
    expect(hostnameKey(" ")).toBeNull();
  });
  it("normalises a tag", () => expect(normaliseAssetTag(" at-004512 ")).toBe("AT-004512"));
  it("finds a tag inside a host name, bounded by non-alphanumerics", () => {
    expect(tagInName("AT004512", "icu-pump-AT004512.hosp.local")).toBe(true);
    expect(tagInName("AT-004512", "icu-pump-at004512")).toBe(true);
    expect(tagInName("AT004512", "icu_pump_at-004512")).toBe(true);
    expect(tagInName("AT004512", "icu-pump-AT0045123")).toBe(false);
    expect(tagInName("4512", "pump-x4512")).toBe(false);
    expect(tagInName("4512", "pump-4512")).toBe(true);
  });
  it("finds a tag written in parts, but never glues digits to digits", () => {
    expect(tagInName("2019-0045", "pump-2019-0045")).toBe(true);
    expect(tagInName("2019-0045", "pump-20190045")).toBe(true);
    expect(tagInName("10123", "host-10-1-2-3")).toBe(false);
    expect(tagInName("AT004512", "at-004512-b")).toBe(true);
  });
  it("never looks for a tag shorter than four characters", () => {
    expect(tagInName("A12", "pump-a12")).toBe(false);
    expect(nameTokens("a-b-c")).toEqual([]);
  });
});

describe("normaliseIp", () => {
  it("accepts v4 and v6, refuses the rest", () => {
    expect(normaliseIp(" 10.1.2.3 ")).toBe("10.1.2.3");
    expect(normaliseIp("FE80::1")).toBe("fe80::1");
    expect(normaliseIp("10.1.2.300")).toBeNull();
    expect(normaliseIp("0.0.0.0")).toBeNull();
    expect(normaliseIp("pump")).toBeNull();
  });
});

describe("assetKeysOf", () => {
  it("gives the stored keys of a register row", () => {
    expect(assetKeysOf({ assetTag: " at-1 ", serial: "S/N 9-9", mac: "0009FB123456", hostname: "Pump.hosp" })).toEqual({ assetTagKey: "AT-1", serialKey: "99", mac: "00:09:fb:12:34:56", hostnameKey: "pump" });
    expect(assetKeysOf({ assetTag: "X" })).toEqual({ assetTagKey: "X", serialKey: null, mac: null, hostnameKey: null });
  });
});
