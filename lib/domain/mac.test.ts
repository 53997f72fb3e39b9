import { describe, expect, it } from "vitest";
import { isLikelyRandomized, isLocallyAdministered, isMulticast, normalizeMac, ouiPrefix } from "./mac";

describe("normalizeMac", () => {
  it.each([
    ["00:09:fb:12:34:56", "00:09:fb:12:34:56"],
    ["00:09:FB:12:34:56", "00:09:fb:12:34:56"],
    ["00-09-FB-12-34-56", "00:09:fb:12:34:56"],
    ["0009.fb12.3456", "00:09:fb:12:34:56"],
    ["0009FB123456", "00:09:fb:12:34:56"],
    ["  00:09:fb:12:34:56\\n".replace("\\n", "\n"), "00:09:fb:12:34:56"],
  ])("%s → %s", (input, expected) => expect(normalizeMac(input)).toBe(expected));

  it.each(["", "not-a-mac", "00:09:fb:12:34", "00:09:fb:12:34:56:78", "00:09-fb:12:34:56", "0g:09:fb:12:34:56", "0009fb12345", "0009.fb12.345"])("refuses %j", (input) => {
    expect(normalizeMac(input)).toBeNull();
  });
});

describe("MAC bits", () => {
  it.each([
    ["00:09:fb:12:34:56", false, false],
    ["02:00:00:00:00:01", true, false],
    ["da:a1:19:00:00:01", true, false],
    ["01:00:5e:00:00:01", false, true],
    ["03:00:00:00:00:01", true, true],
  ])("%s locally administered %s, multicast %s", (mac, local, multicast) => {
    expect(isLocallyAdministered(mac)).toBe(local);
    expect(isMulticast(mac)).toBe(multicast);
    expect(isLikelyRandomized(mac)).toBe(local && !multicast);
  });

  it("gives the OUI prefix", () => {
    expect(ouiPrefix("00:09:fb:12:34:56")).toBe("0009FB");
    expect(ouiPrefix("70:b3:d5:12:34:56", 9)).toBe("70B3D5123");
  });
});
