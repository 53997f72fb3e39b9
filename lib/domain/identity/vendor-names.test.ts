import { describe, expect, it } from "vitest";
import { isComponentMaker, knownVendorIn, normalizeVendorName, sameVendor, vendorOfDicomUid } from "./vendor-names";

describe("normalizeVendorName", () => {
  it.each([
    ["Baxter International Inc.", "baxter"],
    ["Baxter International Inc", "baxter"], // as the IEEE registry spells it
    ["Baxter", "baxter"],
    ["Philips Medizin Systeme Boeblingen GmbH", "philips"],
    ["Philips Patient Monitoring", "philips"],
    ["Koninklijke Philips N.V.", "philips"],
    ["Respironics, Inc.", "philips"],
    ["GE Healthcare", "ge"],
    ["GE Medical Systems", "ge"],
    ["General Electric Company", "ge"],
    ["GE Medical System(China) Co., Ltd.", "ge"],
    ["DATEX DIVISION OF", "ge"],
    ["Becton, Dickinson and Company", "bd"],
    ["Carefusion", "bd"],
    ["Welch Allyn, Inc.", "baxter"],
    ["Drägerwerk AG & Co. KG aA", "drager"],
    ["Draeger Medical Systems, Inc.", "drager"],
    ["B.Braun Melsungen AG", "b braun"],
    ["B. Braun", "b braun"],
    ["HAMILTON Bonaduz AG", "hamilton medical"],
    ["Toshiba Medical Systems", "canon"],
    ["Canon Medical Systems Corporation", "canon"],
    ["Maquet Critical Care AB", "getinge"],
    ["Hewlett Packard Enterprise", "hp"],
    ["HP Inc.", "hp"],
    ["Acme Widgets Ltd.", "acme widgets"],
  ])("%s → %s", (name, key) => expect(normalizeVendorName(name)).toBe(key));

  it.each([
    ["Booz Allen Hamilton", "booz allen hamilton"],
    ["Rochester Network Supply, Inc.", "rochester network supply"],
    ["Zoller + Fröhlich GmbH", "zoller frohlich"],
  ])("does not over-match: %s → %s", (name, key) => expect(normalizeVendorName(name)).toBe(key));
});

describe("knownVendorIn", () => {
  it.each([
    ["Cisco Systems, Inc. IP Phone CP-7945G", "cisco"],
    ["Philips IntelliVue MX450", "philips"],
    ["MSFT 5.0", null],
    ["udhcp 1.30.1", null],
    ["dhcpcd-9.4.1:Linux-5.10.17:armv7l:BCM2835", null],
    ["android-dhcp-13", null],
  ])("%s → %s", (text, key) => expect(knownVendorIn(text)).toBe(key));
});

describe("sameVendor", () => {
  it.each([
    ["Baxter Healthcare Corporation", "Baxter", true],
    ["Hewlett Packard", "HP Inc.", true],
    ["Philips", "GE Healthcare", false],
    ["Softneta UAB", "Softneta", true],
    ["Shenzhen Alpha Ltd", "Shenzhen Beta Ltd", false],
    ["Medical Devices Inc", "Medical Imaging Ltd", false],
    ["", "Baxter", false],
  ])("%s vs %s → %s", (a, b, same) => expect(sameVendor(a, b)).toBe(same));
});

describe("isComponentMaker", () => {
  it.each([
    "Texas Instruments",
    "Espressif Inc.",
    "Intel Corporate",
    "Murata Manufacturing Co., Ltd.",
    "DigiBoard",
    "REALTEK SEMICONDUCTOR CORP.",
    "Hon Hai Precision Ind. Co.,Ltd.",
    "Dell Inc.",
    "Hewlett Packard",
    "VMware, Inc.",
    "Super Micro Computer, Inc.",
  ])("%s is one", (vendor) => expect(isComponentMaker(vendor)).toBe(true));

  it.each(["Philips Patient Monitoring", "Baxter International Inc", "Raspberry Pi Foundation", "Shenzhen Yinwang Intelligent Technologies Co.,Ltd.", "DIGI-DATA CORPORATION", "HP Tuners LLC"])(
    "%s is not",
    (vendor) => expect(isComponentMaker(vendor)).toBe(false),
  );
});

describe("vendorOfDicomUid", () => {
  it.each([
    ["1.2.840.113619.6.94", "ge"],
    ["1.2.840.113619", "ge"],
    ["1.3.12.2.1107.5.1.4", "siemens"],
    ["1.3.46.670589.11.0.0.51.4.56.1", "philips"],
    ["1.2.392.200036.9116.2.6.1.48", "canon"],
    ["1.2.840.1136190", null], // not a whole arc
    ["1.2.276.0.7230010.3.0.3.6.4", null], // OFFIS DCMTK: a toolkit, not a maker
    ["", null],
  ])("%s → %s", (uid, vendor) => expect(vendorOfDicomUid(uid)).toBe(vendor));
});
