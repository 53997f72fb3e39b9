import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import fixture from "./fixtures/csaf-version-ranges.json";
import { compareVersions, isVersion, versionsComparable, versionScheme } from "./version-order";
import { parseVersionRange, versionInRange, type ParsedRange } from "./versions";
import { BUNDLED_CSAF_DIR } from "../../reference/bundled-feeds";

const CSAF_DIR = BUNDLED_CSAF_DIR;
const show = (p: ParsedRange) => (p.kind === "constraints" ? p.alternatives.map((g) => g.map((c) => `${c.op}${c.version}`).join(" & ")) : p.kind);

describe("compareVersions", () => {
  it.each([
    ["12.1.3", "12.1.4", -1],
    ["12.1.10", "12.1.9", 1],
    ["1.2", "1.2.0", 0],
    ["1.2", "1.2.0.0.0", 0],
    ["8.00.01", "8.0.1", 0],
    ["v2.3.1", "2.3.1", 0],
    ["V2.3.1b", "2.3.1", 1],
    ["R9.5", "9.5", 0],
    ["Rev. 3", "3.0", 0],
    ["7.2.8.810", "7.2.9", -1],
    ["7.2.8.810", "7.2.8.9", 1],
    ["2.6", "2.6A", -1],
    ["2.6A", "2.6B", -1],
    ["2.6B", "2.7", -1],
    ["2.6A", "2.6.1", -1],
    ["R4.1L1", "R4.2", -1],
    ["B.06.18", "B.06.2", 1],
    ["B.12", "C.00.04", -1],
    ["1.3.1 Build 13", "1.3.1 Build 9", 1],
    ["1.3.1", "1.3.1 Build 9", -1],
    ["5.1", "5.1 SP2", -1],
    ["5.1 SP2", "5.1 SP10", -1],
    ["5.1.0 SP2", "5.1 SP2", 0],
    ["1.8.4 Service Pack 01", "1.8.4 SP1", 0],
    ["5.1 SP2", "5.2", -1],
    ["1.0rc1", "1.0", -1],
    ["1.0beta", "1.0rc1", -1],
    ["1.0-alpha", "1.0-beta", -1],
    ["012U000040", "012U000039", 1],
    ["20D29", "20D32", -1],
    ["2018-1", "2021-1", -1],
    ["4107600010.23", "4107600010.9", 1],
    ["123456789012345678901", "123456789012345678900", 1],
  ] as const)("%s vs %s → %i", (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });

  it("is a total order: antisymmetric and transitive on firmware-like strings", () => {
    const part = fc.oneof(fc.nat(20).map(String), fc.constantFrom("0", "00", "a", "b", "sp", "beta", "rc", "build"));
    const version = fc.array(part, { minLength: 1, maxLength: 5 }).chain((parts) => fc.constantFrom(".", "-", " ").map((sep) => parts.join(sep)));
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0);
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("versionScheme and versionsComparable", () => {
  it.each([
    ["12.1.3", "numeric"],
    ["v20D32", "numeric"],
    ["R4.1L1", "numeric"],
    ["B.06.18", "letter"],
    ["K", "letter"],
    ["VM5.0", "prefix:vm"],
    ["BT02", "prefix:bt"],
    ["L81", "prefix:l"],
    ["unknown", null],
    ["", null],
  ] as const)("%j is %s", (v, scheme) => expect(versionScheme(v)).toBe(scheme));

  it.each([
    ["12.1.3", "12.2", true],
    ["K.02.11", "L", true],
    ["U61", "L81", false],
    ["BT03", "BT06", true],
    ["5.0", "VM5.0", false],
    ["10.2", "K", false],
  ] as const)("%s and %s comparable: %s", (a, b, expected) => expect(versionsComparable(a, b)).toBe(expected));

  it.each([
    ["12.1.3", true],
    ["v2.3.1b", true],
    ["5.1 SP2", true],
    ["1.3.1 Build 13", true],
    ["1.1.3 MR Build 11", true],
    ["3.0 D15", true],
    ["unknown", false],
    ["N/A", false],
    ["MMT-1711", false],
    ["Windows 10", false],
    ["12.1.3 (2023-01-02)", false],
  ] as const)("isVersion(%j) = %s", (v, expected) => expect(isVersion(v)).toBe(expected));
});

type Row = { text: string; kind: ParsedRange["kind"]; alternatives?: string[] };

describe("parseVersionRange: every version string of the 134 CISA medical advisories", () => {
  it.each((fixture as Row[]).map((r) => [r.text, r] as const))("%j", (text, row) => {
    const parsed = parseVersionRange(text);
    expect(parsed.kind).toBe(row.kind);
    expect(parsed.source).toBe(text);
    if (row.kind === "constraints") expect(show(parsed)).toEqual(row.alternatives);
    if (parsed.kind === "unparsed") expect(parsed.reason.length).toBeGreaterThan(4);
  });

  it("the fixture holds every distinct product_version(_range) name of the advisories", () => {
    const found = new Set<string>();
    type Branch = { category: string; name: string; branches?: Branch[] };
    const walk = (branches: Branch[] = []) => {
      for (const b of branches) {
        if (b.category === "product_version_range" || b.category === "product_version") found.add(b.name);
        walk(b.branches);
      }
    };
    const files = readdirSync(CSAF_DIR).filter((f) => f.endsWith(".json"));
    expect(files).toHaveLength(134);
    for (const file of files) walk(JSON.parse(readFileSync(`${CSAF_DIR}/${file}`, "utf8")).product_tree?.branches);
    const listed = new Set((fixture as Row[]).map((r) => r.text));
    expect([...found].filter((t) => !listed.has(t))).toEqual([]);
    expect(listed.size).toBe(found.size);
  });
});

describe("parseVersionRange: shapes", () => {
  it.each<[string, string, string | string[]]>([
    ["upper bound", "<=12.1.3", ["<=12.1.3"]],
    ["interval written lower | upper", ">= 1.1 | <= 1.3.2", [">=1.1 & <=1.3.2"]],
    ["list of versions", "5.0|5.1", ["=5.0", "=5.1"]],
    ["family", "versions 2.x", [">=2 & <3"]],
    ["family upper bound", "<= 12.2.x.x", ["<12.3"]],
    ["words: and below", "2.3.6 and below", ["<=2.3.6"]],
    ["words: prior to", "prior to 3.0", ["<3.0"]],
    ["words: or later", "4.1 or later", [">=4.1"]],
    ["words: from … to", "from 1.0 to 2.0", [">=1.0 & <=2.0"]],
    ["revision letters", "Rev B-M", [">=B & <N"]],
    ["one revision letter is the whole revision", "Rev J", [">=J & <K"]],
    ["letter suffix", "V2.3.1b", ["=V2.3.1b"]],
    ["service pack", "5.1 SP2", ["=5.1 SP2"]],
    ["build", "1.3.1 build 1234", ["=1.3.1 build 1234"]],
    ["unicode comparator", "≤ 9.5", ["<=9.5"]],
    ["all", "All versions", "all"],
    ["vers all", "vers:all/*", "all"],
    ["vers interval", "vers:generic/>=1.0|<2.0", [">=1.0 & <2.0"]],
    ["vers sorted by version, not as written", "vers:generic/<2.0|>=1.0", [">=1.0 & <2.0"]],
    ["vers open ends and an equality", "vers:npm/1.2.3|<1.0.0|>=2.0.0|<5.0.0|>=6.0.0", ["=1.2.3", "<1.0.0", ">=2.0.0 & <5.0.0", ">=6.0.0"]],
    ["vers exclusion applies to every interval", "vers:generic/>=1.0|!=1.5|<2.0", [">=1.0 & <2.0 & !=1.5"]],
    ["vers only an exclusion", "vers:generic/!=1.5", ["!=1.5"]],
    ["vers percent-encoding", "vers:generic/%3C%3D2.0", ["<=2.0"]],
  ])("%s: %j", (_shape, text, expected) => {
    expect(show(parseVersionRange(text))).toEqual(expected);
  });

  it.each([
    ["free text", "Accu-Chek Inform II"],
    ["a date that is not one", "< february 30 2024"],
    ["a platform note", "<=11.2 on Windows 8.1 with IIS 7.5"],
    ["a parenthetical note", "<= 1.54 (integrated into GE MobileLink)"],
    ["model numbers", "24950 | 24952"],
    ["an infix comparison", "A10 < A11"],
    ["bounds that exclude each other", ">= 3.0 | <= 2.0"],
    ["bounds on different numberings", ">= 2.0 | <= VM5.0"],
    ["'up to' (inclusive or not?)", "up to 3.0"],
    ["vers bounds out of order", "vers:generic/<1.0|<2.0"],
    ["vers garbage", "vers:generic/>=one"],
    ["empty", "   "],
  ])("%s stays unparsed with a reason: %j", (_shape, text) => {
    const parsed = parseVersionRange(text);
    expect(parsed).toMatchObject({ kind: "unparsed", source: text });
    expect(parsed.kind === "unparsed" && parsed.reason).toBeTruthy();
  });
});

describe("versionInRange", () => {
  it.each([
    ["12.1.3", "<=12.1.3", "affected"],
    ["12.1.4", "<=12.1.3", "not_affected"],
    ["4.20", ">= 4.01 | <= 4.34", "affected"],
    ["4.35", ">= 4.01 | <= 4.34", "not_affected"],
    ["9.19", "9.13 | 9.19 | 9.33 | 12.1", "affected"],
    ["9.20", "9.13 | 9.19 | 9.33 | 12.1", "not_affected"],
    ["14.2.7", "14.x", "affected"],
    ["15.0", "14.x", "not_affected"],
    ["12.2.9.9", "<= 12.2.x.x", "affected"],
    ["12.3", "<= 12.2.x.x", "not_affected"],
    ["2.3.6", "2.3.6 and  below", "affected"],
    ["2.4", "2.3.6 and  below", "not_affected"],
    ["K.02.11", "<= K", "affected"],
    ["J.01.02", "Rev J", "affected"],
    ["K.00.01", "Rev J", "not_affected"],
    ["L.00.01", "<= K", "not_affected"],
    ["BT04", ">=BT02 | <= BT06", "affected"],
    ["BT08", ">=BT02 | <= BT06", "not_affected"],
    ["L75", "<= U61 |<= L81", "affected"],
    ["L90", "<= U61 |<= L81", "needs_review"], // not on the L line, and U61 is another scale
    ["4.0", "<= VM5.0", "needs_review"],
    ["1.0", "vers:generic/>=1.0|<2.0", "affected"],
    ["2.0", "vers:generic/>=1.0|<2.0", "not_affected"],
    ["1.5", "vers:generic/>=1.0|!=1.5|<2.0", "not_affected"],
    ["anything", "vers:all/*", "affected"],
    [null, "vers:all/*", "affected"],
    ["5.0", "< july 1 2017", "needs_review"],
    ["5.0", "MMT-1711 | MMT-1712", "needs_review"],
    ["5.0", "<=11.2 on Windows 8.1 with IIS 7.5", "needs_review"],
    [null, "<= 9.5", "needs_review"],
    ["unknown", "<= 9.5", "needs_review"],
    ["", "<= 9.5", "needs_review"],
  ] as const)("%j in %j → %s", (version, range, verdict) => {
    expect(versionInRange(version, parseVersionRange(range))).toBe(verdict);
  });

  // The ranges as the real advisories write them, read from the files.
  const ranges = (file: string) => {
    const out = new Map<string, string>();
    type Branch = { category: string; name: string; branches?: Branch[] };
    const walk = (branches: Branch[] = [], product = "") => {
      for (const b of branches) {
        if (b.category.startsWith("product_version")) out.set(product, b.name);
        walk(b.branches, b.category === "product_name" ? b.name : product);
      }
    };
    walk(JSON.parse(readFileSync(`${CSAF_DIR}/${file}`, "utf8")).product_tree.branches);
    return out;
  };

  it.each([
    ["BD Alaris PCU 8015 (ICSMA-23-194-01)", "icsma-23-194-01.json", "BD Alaris Point-of-Care Unit (PCU) Model 8015", "<=12.1.3", [["12.1.3", "affected"], ["12.1.2", "affected"], ["9.33.1", "affected"], ["12.1.4", "not_affected"], ["12.1.3.1", "not_affected"], ["12.2", "not_affected"]]],
    ["Softneta MedDream PACS (ICSMA-23-248-01)", "icsma-23-248-01.json", "MedDream PACS", "<= 7.2.8.810", [["7.2.8.810", "affected"], ["7.2.8", "affected"], ["7.2.8.9", "affected"], ["7.2.8.811", "not_affected"], ["7.2.9", "not_affected"], ["v7.3", "not_affected"]]],
    ["BD Alaris 8015 PC unit (ICSMA-17-017-02)", "icsma-17-017-02.json", "Alaris 8015 PC unit", "<= 9.5", [["9.5", "affected"], ["9.19", "not_affected"]]],
  ] as const)("%s", (_n, file, product, written, cases) => {
    expect(ranges(file).get(product)).toBe(written);
    const parsed = parseVersionRange(written);
    for (const [version, verdict] of cases) expect([version, versionInRange(version, parsed)]).toEqual([version, verdict]);
  });
});

describe("builds and dates as devices report them", () => {
  it.each([
    ["12.1.3_Build_4411", "12.1.3 build 4411", 0],
    ["12.1.3.4411", "12.1.3_Build_4411", 0],
    ["12.1.3.4411", "12.1.3_Build_5000", -1],
    ["12.1.3.6000", "12.1.3 Build 5000", 1],
    ["12.1 build 5", "12.1.0.5", 0],
    ["8/30/2024", "2024-08-30", 0],
    ["2024-07-15", "8/30/2024", -1],
    ["30/8/2024", "2024-08-30", 0], // the first number cannot be a month
    ["Aug 30, 2024", "2024-08-30", 0],
  ] as const)("compareVersions(%j, %j) = %i", (a, b, expected) => expect(compareVersions(a, b)).toBe(expected));

  it("dates are their own numbering, compared only with dates", () => {
    expect(versionScheme("8/30/2024")).toBe("date");
    expect(versionsComparable("2024-08-30", "8/30/2024")).toBe(true);
    expect(versionsComparable("2024-08-30", "12.1.3")).toBe(false);
    expect(isVersion("2/30/2024")).toBe(false);
  });

  it.each([
    ["12.1.3.4411", "<12.1.3_Build_5000", "affected"],
    ["12.1.3 build 4411", "<12.1.3_Build_5000", "affected"],
    ["12.1.3.5000", "<12.1.3_Build_5000", "not_affected"],
    ["12.1.3.4411", "<=12.1.3", "affected"], // a build of the release the bound names
    ["12.1.3_Build_4411", "<=12.1.3", "affected"],
    ["12.1.3.4411", "<12.1.3", "not_affected"],
    ["12.1.3.1", "<=12.1.3", "not_affected"], // a short fourth number is a later patch
    ["2024-07-15", "<8/30/2024", "affected"],
    ["08/30/2024", "<8/30/2024", "not_affected"],
    ["2024-09-02", "before 2024-08-30", "not_affected"],
    ["2024-08-01", "before August 30, 2024", "affected"],
    ["2024-08-01", "8/30/2024 and earlier", "affected"],
    ["2.2.3", "<8/30/2024", "needs_review"], // a firmware version against a date: a person looks
  ] as const)("%j in %j → %s", (version, range, verdict) => expect(versionInRange(version, parseVersionRange(range))).toBe(verdict));
});
