import { describe, expect, it } from "vitest";
import { parsePurl, purlNames } from "./purl";

describe("parsePurl", () => {
  it.each([
    ["pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", { type: "maven", namespace: "org.apache.logging.log4j", name: "log4j-core", version: "2.14.1" }],
    ["pkg:npm/%40angular/core@12.0.0", { type: "npm", namespace: "@angular", name: "core", version: "12.0.0" }],
    ["pkg:generic/openssl@1.0.2k?download_url=https://example.org/x.tgz#crypto", { type: "generic", namespace: null, name: "openssl", version: "1.0.2k" }],
    ["pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u4?arch=amd64", { type: "deb", namespace: "debian", name: "openssl", version: "1.1.1n-0+deb11u4" }],
    ["pkg:generic/philips/intellibridge-ec40@C.00.04", { type: "generic", namespace: "philips", name: "intellibridge-ec40", version: "C.00.04" }],
    ["PKG:pypi/django", { type: "pypi", namespace: null, name: "django", version: null }],
    ["pkg:golang/github.com/acme/infusion-gw@v1.2.3", { type: "golang", namespace: "github.com/acme", name: "infusion-gw", version: "v1.2.3" }],
  ])("reads %s", (text, want) => {
    expect(parsePurl(text)).toEqual(want);
  });

  it.each(["", "openssl@1.0.2", "pkg:", "pkg:npm", "pkg:npm/", "cpe:2.3:a:openssl:openssl:1.0.2:*:*:*:*:*:*:*", "pkg:9bad/x@1"])("refuses %j", (text) => {
    expect(parsePurl(text)).toBeNull();
  });
});

describe("purlNames", () => {
  it("gives the namespace, its last segment and a reverse-domain organisation as vendors", () => {
    expect(purlNames("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")).toEqual({ vendors: ["org.apache.logging.log4j", "apache"], product: "log4j-core", version: "2.14.1" });
    expect(purlNames("pkg:golang/github.com/acme/infusion-gw@v1.2.3")?.vendors).toEqual(["github.com/acme", "acme"]);
    expect(purlNames("pkg:generic/becton_dickinson/alaris-pc@12.1.3")).toEqual({ vendors: ["becton dickinson"], product: "alaris-pc", version: "12.1.3" });
  });

  it("has no vendor without a namespace", () => {
    expect(purlNames("pkg:npm/lodash@4.17.20")).toEqual({ vendors: [], product: "lodash", version: "4.17.20" });
  });
});
