import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isKnownVendor, normalizeProduct, normalizeVendor, productMatches, VENDOR_ALIASES, VENDOR_TABLE, vendorKeys, vendorsMatch } from "./vendor-aliases";
import { join } from "node:path";
import { BUNDLED_CSAF_DIR } from "../../reference/bundled-feeds";

// Every vendor name and product name of the 134 CISA medical advisories, read from the files.
type Branch = { category: string; name: string; branches?: Branch[] };
const advisoryVendors = new Set<string>();
const advisoryProducts: { vendor: string; product: string }[] = [];
const walk = (branches: Branch[] = [], vendor = "") => {
  for (const b of branches) {
    if (b.category === "vendor") advisoryVendors.add(b.name);
    if (b.category === "product_name") advisoryProducts.push({ vendor, product: b.name });
    walk(b.branches, b.category === "vendor" ? b.name : vendor);
  }
};
for (const file of readdirSync(BUNDLED_CSAF_DIR).filter((f) => f.endsWith(".json"))) walk(JSON.parse(readFileSync(join(BUNDLED_CSAF_DIR, file), "utf8")).product_tree?.branches);

// The advisories' vendor fields as written, and the companies they name.
const ADVISORY_VENDOR_KEYS: [string, string[]][] = [
  ["Abbott Laboratories", ["abbott"]],
  ["AliveCor", ["alivecor"]],
  ["B. Braun", ["b braun"]],
  ["B. Braun Medical", ["b braun"]],
  ["B. Braun Melsungen AG", ["b braun"]],
  ["BIOTRONIK", ["biotronik"]],
  ["BMC Medical, 3B Medical", ["bmc medical", "3b medical"]],
  ["Baxter", ["baxter"]],
  ["BeaconMedaes", ["beaconmedaes"]],
  ["Becton, Dickinson and Company (BD)", ["bd"]],
  ["Boston Scientific", ["boston scientific"]],
  ["Capsule Technologies", ["capsule"]],
  ["Carestream", ["carestream"]],
  ["Change Healthcare", ["change healthcare"]],
  ["Contec Health", ["contec health"]],
  ["Dräger", ["drager"]],
  ["ENEA, Green Hills Software, ITRON, IP Infusion, and Wind River", ["enea", "green hills software", "itron", "ip infusion", "wind river"]],
  ["Fresenius Kabi", ["fresenius kabi"]],
  ["Fujifilm", ["fujifilm"]],
  ["GE Healthcare", ["ge healthcare"]],
  ["General Electric (GE)", ["ge healthcare"]],
  ["Hamilton Medical AG", ["hamilton medical"]],
  ["Hillrom", ["baxter"]],
  ["Hillrom and ELI, Baxter International Inc.", ["baxter", "eli"]],
  ["Illumina", ["illumina"]],
  ["Innokas YhtymÃ¤ Oy", ["innokas"]],
  ["Insulet", ["insulet"]],
  ["Johnson & Johnson", ["johnson and johnson"]],
  ["LifePoint Informatics", ["lifepoint informatics"]],
  ["Medtronic", ["medtronic"]],
  ["Medtronic ", ["medtronic"]],
  ["Natus Medical, Inc. (Natus)", ["natus"]],
  ["OFFIS", ["offis"]],
  ["OpenClinic GA", ["openclinic ga"]],
  ["Philips", ["philips"]],
  ["Phillips", ["philips"]],
  ["Qualcomm Life", ["capsule"]],
  ["Roche Diagnostics", ["roche diagnostics"]],
  ["SOOIL Developments Co, Ltd.", ["sooil"]],
  ["Santesoft", ["santesoft"]],
  ["Siemens", ["siemens"]],
  ["Silex Technology and GE Healthcare", ["silex technology", "ge healthcare"]],
  ["Smiths Medical", ["icu medical"]],
  ["Softneta", ["softneta"]],
  ["Spacelabs", ["spacelabs"]],
  ["St. Jude Medical", ["abbott"]],
  ["Stryker", ["stryker"]],
  ["Swisslog Healthcare", ["swisslog healthcare"]],
  ["Vyaire Medical", ["vyaire medical"]],
  ["Ypsomed", ["ypsomed"]],
  ["ZOLL", ["zoll"]],
  ["i-SENS Inc", ["i sens"]],
];

describe("vendorKeys: the advisories' vendor fields", () => {
  it("the table lists every vendor field of the 134 advisories", () => {
    expect([...advisoryVendors].sort()).toEqual(ADVISORY_VENDOR_KEYS.map(([name]) => name).sort());
  });
  it.each(ADVISORY_VENDOR_KEYS)("%j → %j", (name, keys) => expect(vendorKeys(name)).toEqual(keys));
});

describe("normalizeVendor", () => {
  it.each([
    ["Baxter International Inc.", "baxter"],
    ["Baxter", "baxter"],
    ["Becton, Dickinson and Company", "bd"],
    ["BD", "bd"],
    ["Becton Dickinson", "bd"],
    ["CareFusion", "bd"],
    ["GE Healthcare", "ge healthcare"],
    ["GE Medical Systems", "ge healthcare"],
    ["GE", "ge healthcare"],
    ["Datex-Ohmeda", "ge healthcare"],
    ["Philips", "philips"],
    ["Koninklijke Philips N.V.", "philips"],
    ["Philips Medical Systems Nederland B.V.", "philips"],
    ["Medtronic plc", "medtronic"],
    ["Medtronic MiniMed, Inc.", "medtronic"],
    ["Covidien LP", "medtronic"],
    ["Welch Allyn, Inc.", "baxter"],
    ["Hill-Rom Holdings", "baxter"],
    ["Drägerwerk AG & Co. KGaA", "drager"],
    ["Smiths Medical ASD, Inc.", "icu medical"],
    ["Acme Devices GmbH", "acme devices"],
    ["Nihon Kohden Corp.", "nihon kohden"],
    ["Mindray S.A.", "mindray"],
    ["Example Co., Ltd.", "example"],
    ["Some Vendor LLC", "some vendor"],
    ["", ""],
  ])("%j → %j", (name, key) => expect(normalizeVendor(name)).toBe(key));

  it.each([
    ["Silex Technology and GE Healthcare", "GE Medical Systems", true],
    ["Hillrom and ELI, Baxter International Inc.", "Welch Allyn", true],
    ["Becton, Dickinson and Company (BD)", "BD", true],
    ["Philips", "GE Healthcare", false],
    ["Fresenius Kabi", "Fresenius Medical Care", false],
  ])("vendorsMatch(%j, %j) = %s", (a, b, expected) => expect(vendorsMatch(a, b)).toBe(expected));
});

describe("normalizeProduct", () => {
  it.each<[string, string | undefined, string]>([
    ["BD Alaris Point-of-Care Unit (PCU) Model 8015", undefined, "alaris point of care unit pcu model 8015"],
    ["Welch Allyn Connex Spot Monitor (CSM)", "Hillrom", "connex spot monitor csm"],
    ["GE Aespire", "General Electric (GE)", "aespire"],
    ["Philips HealthSuite Health Android App", undefined, "healthsuite health android app"],
    ["Ypsomed mylife App", "Ypsomed", "mylife app"],
    ["Ypsomed mylife App", undefined, "ypsomed mylife app"], // an unknown vendor is only stripped when named
    ["Alaris PC Unit", "GE Healthcare", "alaris pc unit"], // not GE's name: kept
    ["  MiniMed   Paradigm 512/712 pumps ", undefined, "minimed paradigm 512 712 pumps"],
    ["Philips", undefined, "philips"], // never stripped to nothing
  ])("%j (vendor %j) → %j", (name, vendor, expected) => expect(normalizeProduct(name, vendor)).toBe(expected));
});

describe("productMatches", () => {
  const matchesAmong = (device: string, vendor: string) =>
    [...new Set(advisoryProducts.filter((p) => vendorsMatch(p.vendor, vendor) && productMatches(device, p.product).matched).map((p) => p.product))].sort();

  it("Alaris PCU Model 8015 matches every advisory naming the 8015 PC unit, or all PC units, and nothing else of BD's", () => {
    expect(matchesAmong("Alaris PCU Model 8015", "BD")).toEqual(["Alaris 8015 PC unit", "Alaris PC Unit", "Alaris PC Unit Model 8015", "BD Alaris Point-of-Care Unit (PCU) Model 8015"]);
  });

  it("Alaris Syringe Module 8110 matches none of BD's advisory products", () => {
    expect(matchesAmong("Alaris Syringe Module 8110", "BD")).toEqual([]);
  });

  it.each([
    ["Alaris PCU Model 8015", "BD Alaris Point-of-Care Unit (PCU) Model 8015", true, /same product name/],
    ["Alaris PCU 8015", "Alaris 8015 PC unit", true, /model 8015 and name/],
    ["Alaris PCU Model 8015", "Alaris PC Unit", true, /family "alaris pcu"/],
    ["Alaris Syringe Module 8110", "BD Alaris Point-of-Care Unit (PCU) Model 8015", false, /model numbers differ: 8110 vs 8015/],
    ["Alaris Syringe Module 8110", "Alaris PC Unit", false, /lacks pcu/],
    ["Alaris PC Unit", "Alaris PC Unit Model 8015", false, /names model 8015; the device model names none/],
    ["Alaris PCU Model 8015", "Alaris 8000 PC unit", false, /8015 vs 8000/],
    ["IntelliVue MX40", "IntelliVue MX40 Patient Worn Monitor (WLAN only)", true, /model mx40/],
    ["IntelliVue MX40", "IntelliVue patient monitor MX100", false, /differ/],
    ["MiniMed Paradigm 712", "MiniMed Paradigm 512/712 pumps", true, /model 712/],
    ["MiniMed Paradigm 722", "MiniMed Paradigm 512/712 pumps", false, /differ/],
    ["IntelliBridge EC40 Hub", "IntelliBridge EC 40 Hub", true, /same product name/],
    ["IntelliBridge EC40 Hub", "IntelliBridge EC 80 Hub", false, /differ/],
    ["Connex Spot Monitor", "Welch Allyn Connex Spot Monitor (CSM)", true, /same product name/],
    ["Connex Spot Monitor", "Welch Allyn Connex Vital Signs Monitor (CVSM)", false, /lacks vital, sign/],
    ["CareLink 2090 Programmer", "2090 CareLink Programmer", true, /model 2090/],
    ["CareLink 2090 Programmer", "CareLink 9790 Programmer", false, /differ/],
    ["Valleylab FT10", "Valleylab FT10 Energy Platform (VLFT10GEN)", true, /model ft10/],
    ["Valleylab FT10", "Valleylab FX8 Energy Platform (VLFX8GEN) software", false, /differ/],
    ["Aespire 7100", "GE Aespire", true, /family "aespire"/],
    ["FACSChorus", "BD FACSChorus (HP Z2 G5 workstation, shipped with FACSMelody Cell Sorter)", true, /same product name/], // parentheses qualify, never required
    ["8015", "Alaris PC Unit Model 8015", false, /only the number/],
    ["", "Alaris PC Unit", false, /no model name/],
    ["Anything", "Version", false, /no name to compare/],
  ])("%j vs %j → %s", (device, advisory, matched, how) => {
    const result = productMatches(device, advisory);
    expect(result.matched).toBe(matched);
    expect(result.how).toMatch(how);
  });
});

describe("the canonical vendor table", () => {
  it("every vendor the bundled advisories name resolves to a table entry, not merely a cleaned name", () => {
    const unresolved = [...advisoryVendors].flatMap((name) => vendorKeys(name).filter((k) => !isKnownVendor(k)).map((k) => `${name} → ${k}`));
    expect(unresolved).toEqual([]);
  });

  it.each([
    ["Spacelabs", "spacelabs"],
    ["Spacelabs Healthcare", "spacelabs"],
    ["Spacelabs Medical Inc.", "spacelabs"],
    ["SPACELABS", "spacelabs"],
    ["SPACELABS MEDICAL", "spacelabs"], // the IEEE registry's spelling
    ["Hamilton Medical", "hamilton medical"],
    ["HAMILTON Bonaduz AG", "hamilton medical"], // the IEEE registry's spelling
    ["Draeger Medical Systems, Inc.", "drager"],
    ["B.Braun Melsungen AG", "b braun"], // no space after the dot
    ["ALARIS MEDICAL SYSTEMS, INC.", "bd"],
    ["Contec Medical Systems", "contec health"],
    ["Mindray DS USA, Inc.", "mindray"],
    ["OFFIS e.V.", "offis"],
  ])("%j → %j", (name, key) => {
    expect(normalizeVendor(name)).toBe(key);
    expect(isKnownVendor(key)).toBe(true);
  });

  it("keeps companies with similar names apart", () => {
    expect(vendorsMatch("Fresenius Medical Care", "Fresenius Kabi")).toBe(false);
    expect(vendorsMatch("IndiNatus India Private Limited", "Natus Medical, Inc. (Natus)")).toBe(false);
    expect(vendorsMatch("Hamilton Company", "Hamilton Medical AG")).toBe(false);
    expect(vendorsMatch("Zoller + Fröhlich GmbH", "ZOLL")).toBe(false);
  });

  it("holds every reviewed alias, one entry per company", () => {
    const keys = VENDOR_TABLE.map((v) => v.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const a of VENDOR_ALIASES) expect(VENDOR_TABLE.find((v) => v.key === a.key)?.names).toEqual(expect.arrayContaining(a.names));
  });
});
