import { describe, expect, it } from "vitest";
import { componentClosures, namesComponent } from "./component-vex";
import type { VexRule } from "./vendor-statements";

const rule = (over: Partial<VexRule>): VexRule => ({
  source: "cyclonedx-vex:test", vulnerabilityId: "CVE-2024-0001", vendor: null, product: null, versionRange: null, cpe: null, purl: null,
  deviceId: null, status: "not_affected", justification: null, detail: null, ...over,
});
const zlib = { name: "zlib", cpe: "cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*", purl: "pkg:generic/zlib@1.2.13?arch=arm" };

describe("namesComponent", () => {
  it("names a component by package URL: type, namespace and name, and the version only when the statement gives one", () => {
    expect(namesComponent(rule({ purl: "pkg:generic/zlib@1.2.13" }), zlib)).toBe(true);
    expect(namesComponent(rule({ purl: "pkg:generic/ZLIB" }), zlib)).toBe(true);
    expect(namesComponent(rule({ purl: "pkg:generic/zlib@1.2.12" }), zlib)).toBe(false);
    expect(namesComponent(rule({ purl: "pkg:deb/zlib@1.2.13" }), zlib)).toBe(false);
    expect(namesComponent(rule({ purl: "pkg:generic/madler/zlib@1.2.13" }), zlib)).toBe(false);
    expect(namesComponent(rule({ purl: "not a purl" }), zlib)).toBe(false);
  });

  it("names a component by CPE name matching", () => {
    expect(namesComponent(rule({ cpe: "cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:*" }), zlib)).toBe(true);
    expect(namesComponent(rule({ cpe: "cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*" }), zlib)).toBe(true);
    expect(namesComponent(rule({ cpe: "cpe:2.3:a:zlib:zlib:1.3:*:*:*:*:*:*:*" }), zlib)).toBe(false);
    expect(namesComponent(rule({ cpe: "cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:*" }), { name: "zlib", cpe: null, purl: null })).toBe(false);
  });
});

describe("componentClosures", () => {
  it("closes a CVE named for every component that brought it, with the words of the statement", () => {
    const statement = rule({ purl: "pkg:generic/zlib", justification: "code_not_reachable", detail: "inflate is not used" });
    expect(componentClosures(new Map([["CVE-2024-0001", [zlib]]]), [statement])).toEqual([
      { cve: "CVE-2024-0001", advisoryId: null, status: "not_affected", why: "zlib: not affected: code not reachable (inflate is not used) (VEX from cyclonedx-vex:test)" },
    ]);
    expect(componentClosures(new Map([["CVE-2024-0001", [zlib]]]), [rule({ purl: "pkg:generic/zlib", status: "fixed" })])[0].why).toBe("zlib: fixed (VEX from cyclonedx-vex:test)");
  });

  it("leaves a CVE another component also brought, and a CVE the statement does not name", () => {
    const other = { name: "libpng", cpe: null, purl: "pkg:generic/libpng@1.6.0" };
    expect(componentClosures(new Map([["CVE-2024-0001", [zlib, other]]]), [rule({ purl: "pkg:generic/zlib" })])).toEqual([]);
    expect(componentClosures(new Map([["CVE-2024-0002", [zlib]]]), [rule({ purl: "pkg:generic/zlib" })])).toEqual([]);
    expect(componentClosures(new Map([["CVE-2024-0001", [zlib]]]), [])).toEqual([]);
  });
});
