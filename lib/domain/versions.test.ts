import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fixture from "./fixtures/csaf-version-ranges.json";
import { compareVersions, parseVersionRange, versionInRange } from "./versions";

describe("compareVersions", () => {
  it.each([
    ["12.1.3", "12.1.4", -1],
    ["12.1.10", "12.1.9", 1],
    ["1.2", "1.2.0", 0],
    ["v2.3.1", "2.3.1", 0],
    ["7.2.8.810", "7.2.9", -1],
    ["2.6", "2.6A", -1],
    ["2.6B", "2.6A", 1],
    ["R4.1L1", "R4.2", -1],
    ["B.06.18", "B.06.2", 1],
    ["1.3.1 Build 13", "1.3.1 Build 9", 1],
    ["1.3.1", "1.3.1 Build 9", -1],
    ["012U000040", "012U000039", 1],
    ["8.00.01", "8.0.1", 0],
  ])("%s vs %s → %i", (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });
});

describe("parseVersionRange: every range shape in the 134 CISA medical advisories", () => {
  type Row = { text: string; kind: string; alternatives?: string[] };
  it.each((fixture as Row[]).map((r) => [r.text, r] as const))("%j", (text, row) => {
    const parsed = parseVersionRange(text);
    expect(parsed.kind).toBe(row.kind);
    if (parsed.kind === "constraints") expect(parsed.alternatives.map((g) => g.map((c) => `${c.op}${c.version}`).join(" & "))).toEqual(row.alternatives);
    if (parsed.kind === "unparsed") expect(parsed.source).toBe(text);
  });

  it("the fixture holds every distinct version string of the advisories", () => {
    const dir = "../shared/data/csaf";
    const found = new Set<string>();
    const walk = (branches: { category: string; name: string; branches?: unknown[] }[] = []) => {
      for (const b of branches) {
        if (b.category === "product_version_range" || b.category === "product_version") found.add(b.name);
        walk(b.branches as never);
      }
    };
    for (const file of readdirSync(dir)) walk(JSON.parse(readFileSync(`${dir}/${file}`, "utf8")).product_tree?.branches);
    expect(found.size).toBeGreaterThan(250);
    expect([...found].filter((t) => !(fixture as { text: string }[]).some((r) => r.text === t))).toEqual([]);
  });
});

describe("versionInRange", () => {
  it.each([
    ["12.1.3", "<=12.1.3", "affected"],
    ["12.1.4", "<=12.1.3", "not_affected"],
    ["7.2.8.810", "<= 7.2.8.810", "affected"],
    ["7.2.9", "<= 7.2.8.810", "not_affected"],
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
    ["1.0", "vers:generic/>=1.0|<2.0", "affected"],
    ["2.0", "vers:generic/>=1.0|<2.0", "not_affected"],
    ["anything", "vers:all/*", "affected"],
    ["5.0", "< july 1 2017", "needs_review"],
    ["5.0", "MMT-1711 | MMT-1712", "needs_review"],
    ["5.0", "<=11.2 on Windows 8.1 with IIS 7.5", "needs_review"],
  ] as const)("%s in %j → %s", (version, range, verdict) => {
    expect(versionInRange(version, parseVersionRange(range))).toBe(verdict);
  });

  it("a device without a readable version needs review, never a silent match or miss", () => {
    expect(versionInRange(null, parseVersionRange("<= 9.5"))).toBe("needs_review");
    expect(versionInRange("unknown", parseVersionRange("<= 9.5"))).toBe("needs_review");
  });

  it("keeps the source text of what it cannot read, with a reason", () => {
    expect(parseVersionRange("Accu-Chek Inform II")).toEqual({ kind: "unparsed", reason: '"Accu-Chek Inform II" is not a version', source: "Accu-Chek Inform II" });
  });
});
