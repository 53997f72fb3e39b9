import { describe, expect, it } from "vitest";
import { isLikelyRandomized, isLocallyAdministered, isMulticast, isPlaceholderMac, normalizeMac, ouiPrefix } from "./mac";

describe("normalizeMac", () => {
  it.each([
    ["00:09:fb:12:34:56", "00:09:fb:12:34:56"],
    ["00:09:FB:12:34:56", "00:09:fb:12:34:56"],
    ["00-09-FB-12-34-56", "00:09:fb:12:34:56"],
    ["00 09 fb 12 34 56", "00:09:fb:12:34:56"],
    ["0009.fb12.3456", "00:09:fb:12:34:56"],
    ["0009.FB12.3456", "00:09:fb:12:34:56"],
    ["0009-fb12-3456", "00:09:fb:12:34:56"],
    ["0009fb-123456", "00:09:fb:12:34:56"],
    ["0009FB123456", "00:09:fb:12:34:56"],
    ["  00:09:fb:12:34:56\n", "00:09:fb:12:34:56"],
    ["\t0009fb123456 ", "00:09:fb:12:34:56"],
  ])("%j → %s", (input, expected) => expect(normalizeMac(input)).toBe(expected));

  it.each([
    "",
    "   ",
    "not-a-mac",
    "00:09:fb:12:34",
    "00:09:fb:12:34:56:78",
    "00:09-fb:12:34:56",
    "00:09:fb:12:34:5",
    "0:9:fb:12:34:56",
    "0g:09:fb:12:34:56",
    "0009fb12345",
    "0009fb1234567",
    "0009.fb12.345",
    "0009.fb12-3456",
    "0009fb:123456",
    "00:09:fb:12:34:56 extra",
    "00::09:fb:12:34:56",
  ])("refuses %j", (input) => {
    expect(normalizeMac(input)).toBeNull();
  });
});

describe("MAC bits", () => {
  it.each([
    ["00:09:fb:12:34:56", false, false],
    ["02:00:00:00:00:01", true, false],
    ["da:a1:19:00:00:01", true, false], // a real iOS private address shape
    ["f6:12:34:56:78:9a", true, false],
    ["01:00:5e:00:00:01", false, true], // IPv4 multicast
    ["33:33:00:00:00:01", true, true], // IPv6 multicast
    ["ff:ff:ff:ff:ff:ff", true, true],
  ])("%s locally administered %s, multicast %s", (mac, local, multicast) => {
    expect(isLocallyAdministered(mac)).toBe(local);
    expect(isMulticast(mac)).toBe(multicast);
    expect(isLikelyRandomized(mac)).toBe(local && !multicast);
  });

  it("knows the placeholder addresses", () => {
    expect(isPlaceholderMac("00:00:00:00:00:00")).toBe(true);
    expect(isPlaceholderMac("ff:ff:ff:ff:ff:ff")).toBe(true);
    expect(isPlaceholderMac("00:09:fb:12:34:56")).toBe(false);
  });

  it("gives the OUI prefix, of any assignment size", () => {
    expect(ouiPrefix("00:09:fb:12:34:56")).toBe("0009FB");
    expect(ouiPrefix("70:b3:d5:12:34:56", 9)).toBe("70B3D5123");
    expect(ouiPrefix("10:06:48:01:02:03", 7)).toBe("1006480");
  });
});
