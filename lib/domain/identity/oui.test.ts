import { describe, expect, it } from "vitest";
import { lookupOuiVendor } from "../../reference/oui-registry";
import { createOuiLookup } from "./oui";

describe("createOuiLookup", () => {
  const lookup = createOuiLookup({
    "0009FB": "Philips Patient Monitoring\nHewlett-Packard-Str.2\nBoeblingen 71034\nGermany",
    "70B3D5": "IEEE Registration Authority\n445 Hoes Lane\nPiscataway NJ 08554\nUnited States",
    "70B3D5123": "Small Maker Ltd\nSomewhere",
    "1006480": "Medium Maker GmbH\nElsewhere",
    "100648": "IEEE Registration Authority\n445 Hoes Lane",
    "ABCDEC": "Private\n",
  });

  it("gives the organisation line only, with the prefix that matched", () => {
    expect(lookup("00:09:fb:01:02:03")).toEqual({ vendor: "Philips Patient Monitoring", prefix: "0009FB" });
  });

  it.each(["00-09-FB-01-02-03", "0009.fb01.0203", "0009FB010203"])("accepts the spelling %s", (mac) => {
    expect(lookup(mac)?.vendor).toBe("Philips Patient Monitoring");
  });

  it("prefers the longest (MA-S, MA-M) assignment", () => {
    expect(lookup("70:b3:d5:12:34:56")).toEqual({ vendor: "Small Maker Ltd", prefix: "70B3D5123" });
    expect(lookup("10:06:48:01:02:03")).toEqual({ vendor: "Medium Maker GmbH", prefix: "1006480" });
  });

  it("names no maker for registry blocks, private entries, unknown prefixes and invalid input", () => {
    expect(lookup("70:b3:d5:99:34:56")).toBeNull();
    expect(lookup("ab:cd:ec:00:00:01")).toBeNull();
    expect(lookup("00:09:fc:01:02:03")).toBeNull();
    expect(lookup("not a mac")).toBeNull();
  });

  it("names no maker for software-set or group addresses", () => {
    const withLegacy = createOuiLookup({ "02608C": "3COM\n", "01005E": "Multicast Inc\n" });
    expect(withLegacy("02:60:8c:00:00:01")).toBeNull();
    expect(withLegacy("01:00:5e:00:00:01")).toBeNull();
  });
});

describe("the real registry (oui-data)", () => {
  it.each([
    // Values checked in node_modules/oui-data/index.json: the 00:09:FB block is registered to
    // "Philips Patient Monitoring" (Boeblingen), not "Philips Medizin Systeme".
    ["00:09:fb:12:34:56", "Philips Patient Monitoring", "0009FB"],
    ["00:1b:63:00:00:01", "Apple, Inc.", "001B63"],
    ["b8:27:eb:00:00:01", "Raspberry Pi Foundation", "B827EB"],
    ["f0:e5:c3:00:00:01", "Drägerwerk AG & Co. KG aA", "F0E5C3"],
    ["44:4b:5d:00:00:01", "GE Healthcare", "444B5D"],
    ["10:06:48:00:00:01", "FLEXTRONICS TECHNOLOGIES (INDIA) PVT LTD", "1006480"],
  ])("%s is %s", (mac, vendor, prefix) => {
    expect(lookupOuiVendor(mac)).toEqual({ vendor, prefix });
  });

  it("has no maker for a randomized phone address", () => {
    expect(lookupOuiVendor("da:a1:19:00:00:01")).toBeNull();
  });
});
