import { describe, expect, it } from "vitest";
import { cpeMatchWithRange, parseCpe } from "./cpe";

describe("parseCpe", () => {
  it("reads the 11 attributes, keeping escaped colons", () => {
    expect(parseCpe("cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*")).toMatchObject({ part: "a", vendor: "openssl", product: "openssl", version: "1.0.2k", update: "*" });
    expect(parseCpe("cpe:2.3:a:acme:foo\\:bar:1.0:*:*:*:*:*:*:*")?.product).toBe("foo\\:bar");
  });
  it.each(["", "cpe:/a:openssl:openssl:1.0.2k", "cpe:2.3:a:openssl", "cpe:2.2:a:x:y:1:*:*:*:*:*:*:*", "cpe:2.3:z:x:y:1:*:*:*:*:*:*:*"])("refuses %j", (s) => expect(parseCpe(s)).toBeNull());
});

const openssl = (v: string) => `cpe:2.3:a:openssl:openssl:${v}:*:*:*:*:*:*:*`;

describe("cpeMatchWithRange", () => {
  it.each<[string, Parameters<typeof cpeMatchWithRange>[0], string, boolean]>([
    ["exact version", { cpe: openssl("1.0.2k") }, openssl("1.0.2k"), true],
    ["other exact version", { cpe: openssl("1.0.2k") }, openssl("1.0.2l"), false],
    ["ANY version", { cpe: openssl("*") }, openssl("3.0.1"), true],
    ["case-insensitive", { cpe: "cpe:2.3:a:OpenSSL:OpenSSL:*:*:*:*:*:*:*:*" }, openssl("3.0.1"), true],
    ["start including (at)", { cpe: openssl("*"), versionStartIncluding: "1.0.2", versionEndExcluding: "1.0.2u" }, openssl("1.0.2"), true],
    ["end excluding (at)", { cpe: openssl("*"), versionStartIncluding: "1.0.2", versionEndExcluding: "1.0.2u" }, openssl("1.0.2u"), false],
    ["inside", { cpe: openssl("*"), versionStartIncluding: "1.0.2", versionEndExcluding: "1.0.2u" }, openssl("1.0.2k"), true],
    ["end including (at)", { cpe: openssl("*"), versionEndIncluding: "3.0.7" }, openssl("3.0.7"), true],
    ["start excluding (at)", { cpe: openssl("*"), versionStartExcluding: "3.0.0" }, openssl("3.0.0"), false],
    ["other product", { cpe: "cpe:2.3:a:openssl:libcrypto:*:*:*:*:*:*:*:*" }, openssl("1.0.2k"), false],
    ["NA matches NA only", { cpe: "cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*" }, "cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*", true],
    ["NA against a value", { cpe: "cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*" }, "cpe:2.3:o:microsoft:windows_7:6.1:sp1:*:*:*:*:*:*", false],
    ["wildcard inside a value", { cpe: "cpe:2.3:a:apache:log4j:2.1*:*:*:*:*:*:*:*" }, "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", true],
    ["bounds, component without version", { cpe: openssl("*"), versionEndExcluding: "3.0.7" }, openssl("*"), false],
  ])("%s", (_n, criterion, component, matched) => {
    const result = cpeMatchWithRange(criterion, component);
    expect(result.matched).toBe(matched);
    expect(result.reason.length).toBeGreaterThan(10);
  });
});
