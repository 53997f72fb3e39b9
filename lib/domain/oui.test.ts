import { describe, expect, it } from "vitest";
import { lookupOuiVendor } from "../reference/oui";
import { createOuiLookup } from "./oui";

describe("OUI vendor lookup", () => {
  it("uses the organisation line of the registry entry", () => {
    const lookup = createOuiLookup({ "0009FB": "Philips Patient Monitoring\nBoeblingen\nGermany" });
    expect(lookup("00:09:fb:01:02:03")).toEqual({ vendor: "Philips Patient Monitoring", prefix: "0009FB" });
    expect(lookup("00:09:fc:01:02:03")).toBeNull();
  });

  it("prefers the longest (MA-S, MA-M) assignment", () => {
    const lookup = createOuiLookup({ "70B3D5": "IEEE Registration Authority", "70B3D5123": "Small Maker Ltd" });
    expect(lookup("70:b3:d5:12:34:56")?.vendor).toBe("Small Maker Ltd");
    expect(lookup("70:b3:d5:99:34:56")?.vendor).toBe("IEEE Registration Authority");
  });

  it.each([
    ["00:09:fb:12:34:56", /Philips/],
    ["b8:27:eb:00:00:01", /Raspberry Pi/],
    ["00:1b:63:00:00:01", /Apple/],
  ])("real registry: %s is %s", (mac, vendor) => {
    expect(lookupOuiVendor(mac)?.vendor).toMatch(vendor);
  });
});
