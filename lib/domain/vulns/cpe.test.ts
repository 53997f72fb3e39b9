import { describe, expect, it } from "vitest";
import { compareCpeAttribute, cpeMatches, cpeMatchWithRange, parseCpe, unescapeCpe, type CpeCriterion } from "./cpe";

const cpe = (part: string, vendor: string, product: string, version = "*", update = "*") => `cpe:2.3:${part}:${vendor}:${product}:${version}:${update}:*:*:*:*:*:*`;

describe("parseCpe", () => {
  it("reads the 11 attributes of a formatted string", () => {
    expect(parseCpe("cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*")).toEqual({
      part: "a", vendor: "openssl", product: "openssl", version: "1.0.2k", update: "*", edition: "*",
      language: "*", swEdition: "*", targetSw: "*", targetHw: "*", other: "*",
    });
  });

  it("keeps escaped characters in the value and lower-cases it", () => {
    const parsed = parseCpe("cpe:2.3:a:Acme:Foo\\:Bar\\!:1.0:*:*:*:*:*:*:*");
    expect(parsed).toMatchObject({ vendor: "acme", product: "foo\\:bar\\!" });
    expect(unescapeCpe(parsed!.product)).toBe("foo:bar!");
  });

  it.each(["cpe:2.3:a:apache:log4j:2.1*:*:*:*:*:*:*:*", "cpe:2.3:a:*log4j:log4j:*:*:*:*:*:*:*:*", "cpe:2.3:a:x:y:1.?:*:*:*:*:*:*:*", "cpe:2.3:a:x:y:1.0\\*:*:*:*:*:*:*:*", "cpe:2.3:*:x:y:-:*:*:*:*:*:*:*"])(
    "accepts %j",
    (s) => expect(parseCpe(s)).not.toBeNull(),
  );

  it.each([
    ["empty", ""],
    ["CPE 2.2 URI", "cpe:/a:openssl:openssl:1.0.2k"],
    ["too few attributes", "cpe:2.3:a:openssl:openssl:1.0"],
    ["too many attributes", "cpe:2.3:a:openssl:openssl:1.0:*:*:*:*:*:*:*:*"],
    ["another CPE version", "cpe:2.2:a:x:y:1:*:*:*:*:*:*:*"],
    ["unknown part", "cpe:2.3:z:x:y:1:*:*:*:*:*:*:*"],
    ["wildcard inside a word", "cpe:2.3:a:x:ab*cd:1:*:*:*:*:*:*:*"],
    ["whitespace", "cpe:2.3:a:x:my product:1:*:*:*:*:*:*:*"],
    ["empty attribute", "cpe:2.3:a:x::1:*:*:*:*:*:*:*"],
    ["only wildcards", "cpe:2.3:a:x:y:??:*:*:*:*:*:*:*"],
    ["dangling escape", "cpe:2.3:a:x:y:*:*:*:*:*:*:*:1\\"],
  ])("refuses %s", (_n, s) => expect(parseCpe(s)).toBeNull());
});

describe("compareCpeAttribute (NISTIR 7696 table 6-2: source = criterion, target = candidate)", () => {
  it.each([
    ["ANY", "ANY", "*", "*", "EQUAL"],
    ["ANY", "NA", "*", "-", "SUPERSET"],
    ["ANY", "value", "*", "1.0", "SUPERSET"],
    ["ANY", "value with wildcards", "*", "1.*", "UNDEFINED"],
    ["NA", "ANY", "-", "*", "SUBSET"],
    ["NA", "NA", "-", "-", "EQUAL"],
    ["NA", "value", "-", "1.0", "DISJOINT"],
    ["NA", "value with wildcards", "-", "1.*", "UNDEFINED"],
    ["value", "ANY", "1.0", "*", "SUBSET"],
    ["value", "NA", "1.0", "-", "DISJOINT"],
    ["value", "same value", "1.0", "1.0", "EQUAL"],
    ["value", "other value", "1.0", "1.1", "DISJOINT"],
    ["value", "value with wildcards", "1.0", "1.*", "UNDEFINED"],
    ["wildcards", "ANY", "1.*", "*", "SUBSET"],
    ["wildcards", "NA", "1.*", "-", "DISJOINT"],
    ["wildcards", "matching value", "2.1*", "2.14.1", "SUPERSET"],
    ["wildcards", "other value", "2.1*", "2.0", "DISJOINT"],
    ["leading wildcard", "matching value", "*log4j", "apache_log4j", "SUPERSET"],
    ["'?' is at most one character", "one", "1.?", "1.2", "SUPERSET"],
    ["'?' is at most one character", "none", "1.?", "1.", "SUPERSET"],
    ["'?' is at most one character", "two", "1.?", "1.23", "DISJOINT"],
    ["escaped '*' is a literal", "literal", "1.0\\*", "1.0\\*", "EQUAL"],
    ["escaped '*' is a literal", "other", "1.0\\*", "1.0x", "DISJOINT"],
    ["escaped ':'", "same", "foo\\:bar", "foo\\:bar", "EQUAL"],
  ])("%s vs %s", (_s, _t, source, target, relation) => expect(compareCpeAttribute(source, target)).toBe(relation));
});

describe("cpeMatches", () => {
  it.each([
    ["same name", cpe("a", "openssl", "openssl", "1.0.2k"), cpe("a", "openssl", "openssl", "1.0.2k"), true],
    ["ANY version", cpe("a", "openssl", "openssl"), cpe("a", "openssl", "openssl", "3.0.1"), true],
    ["case-insensitive", cpe("a", "OpenSSL", "OpenSSL"), cpe("a", "openssl", "openssl", "3.0.1"), true],
    ["other version", cpe("a", "openssl", "openssl", "1.0.2k"), cpe("a", "openssl", "openssl", "1.0.2l"), false],
    ["other part", cpe("o", "openssl", "openssl"), cpe("a", "openssl", "openssl", "1.0"), false],
    ["other vendor", cpe("a", "wolfssl", "openssl"), cpe("a", "openssl", "openssl", "1.0"), false],
    ["NA matches NA", cpe("o", "microsoft", "windows_7", "-", "sp1"), cpe("o", "microsoft", "windows_7", "-", "sp1"), true],
    ["NA does not match ANY (SUBSET)", cpe("o", "microsoft", "windows_7", "-", "sp1"), cpe("o", "microsoft", "windows_7", "*", "sp1"), false],
    ["a named update does not match an unknown one", cpe("a", "apache", "log4j", "2.0", "beta9"), cpe("a", "apache", "log4j", "2.0"), false],
    ["a candidate that is itself a pattern", cpe("a", "apache", "log4j"), cpe("a", "apache", "log4j", "2.*"), false],
    ["invalid candidate", cpe("a", "apache", "log4j"), "cpe:/a:apache:log4j:2.14.1", false],
  ])("%s", (_n, criterion, candidate, expected) => expect(cpeMatches(criterion, candidate)).toBe(expected));

  it("accepts parsed CPEs as well as strings", () => {
    expect(cpeMatches(parseCpe(cpe("a", "apache", "*"))!, parseCpe(cpe("a", "apache", "tomcat", "9.0.30"))!)).toBe(true);
  });
});

describe("cpeMatchWithRange", () => {
  // CVE-2020-1938 (Ghostcat, in KEV; named by ICSMA-21-187-01 for Philips Vue PACS): NVD's three ranges.
  const tomcat = cpe("a", "apache", "tomcat");
  const ghostcat: CpeCriterion[] = [
    { cpe: tomcat, versionStartIncluding: "7.0.0", versionEndExcluding: "7.0.100" },
    { cpe: tomcat, versionStartIncluding: "8.5.0", versionEndExcluding: "8.5.51" },
    { cpe: tomcat, versionStartIncluding: "9.0.0", versionEndExcluding: "9.0.31" },
  ];
  it.each([
    ["9.0.30", true],
    ["9.0.31", false],
    ["9.0.0", true],
    ["8.5.50", true],
    ["8.5.51", false],
    ["7.0.99", true],
    ["7.0.100", false],
    ["10.0.0", false],
    ["6.0.53", false],
  ])("Apache Tomcat %s under Ghostcat's criteria: %s", (version, expected) => {
    expect(ghostcat.some((c) => cpeMatchWithRange(c, cpe("a", "apache", "tomcat", version)).matched)).toBe(expected);
  });

  const openssl = (v: string) => cpe("a", "openssl", "openssl", v);
  it.each<[string, CpeCriterion, string, boolean, RegExp]>([
    ["letters order within a release", { cpe: openssl("*"), versionStartIncluding: "1.0.2", versionEndExcluding: "1.0.2u" }, openssl("1.0.2k"), true, /1\.0\.2k is >= 1\.0\.2 and < 1\.0\.2u/],
    ["start including, at the bound", { cpe: openssl("*"), versionStartIncluding: "1.0.2", versionEndExcluding: "1.0.2u" }, openssl("1.0.2"), true, /is >= 1\.0\.2/],
    ["end excluding, at the bound", { cpe: openssl("*"), versionStartIncluding: "1.0.2", versionEndExcluding: "1.0.2u" }, openssl("1.0.2u"), false, /is not < 1\.0\.2u/],
    ["past the end", { cpe: openssl("*"), versionStartIncluding: "1.0.2", versionEndExcluding: "1.0.2u" }, openssl("1.0.2zd"), false, /is not < 1\.0\.2u/],
    ["end including, at the bound", { cpe: openssl("*"), versionEndIncluding: "3.0.7" }, openssl("3.0.7"), true, /<= 3\.0\.7/],
    ["start excluding, at the bound", { cpe: openssl("*"), versionStartExcluding: "3.0.0" }, openssl("3.0.0"), false, /is not > 3\.0\.0/],
    ["start excluding, above", { cpe: openssl("*"), versionStartExcluding: "3.0.0" }, openssl("3.0.1"), true, /> 3\.0\.0/],
    ["other product", { cpe: cpe("a", "openssl", "libcrypto"), versionEndExcluding: "3.0.7" }, openssl("1.0.2k"), false, /is not openssl:libcrypto/],
    ["exact criterion, no bounds", { cpe: cpe("a", "apache", "log4j", "2.0", "beta9") }, cpe("a", "apache", "log4j", "2.0", "beta9"), true, /matches/],
    ["exact criterion, other update", { cpe: cpe("a", "apache", "log4j", "2.0", "beta9") }, cpe("a", "apache", "log4j", "2.0", "rc1"), false, /is not within/],
    ["invalid criterion", { cpe: "cpe:/a:openssl:openssl" }, openssl("1.0"), false, /criterion is not a CPE 2\.3/],
    ["invalid component", { cpe: openssl("*") }, "openssl 1.0.2k", false, /component is not a CPE 2\.3/],
  ])("%s", (_n, criterion, component, matched, reason) => {
    const result = cpeMatchWithRange(criterion, component);
    expect(result.matched).toBe(matched);
    expect(result.reason).toMatch(reason);
    expect(result.needsReview).toBeUndefined();
  });

  it.each<[string, string]>([
    ["no version", openssl("*")],
    ["not applicable version", openssl("-")],
    ["another numbering", openssl("vm5.0")],
  ])("bounds against a component with %s: not matched, needs review", (_n, component) => {
    expect(cpeMatchWithRange({ cpe: openssl("*"), versionEndExcluding: "3.0.7" }, component)).toMatchObject({ matched: false, needsReview: true });
  });
});
