import { describe, expect, it } from "vitest";
import { cveMatches, indexProducts, matchProducts, type MatchTarget } from "./advisory-match";
import { adviceFor, closeByVendor, deviceClosures, vendorStatements, type StatedProduct, type VexRule } from "./vendor-statements";

const pacs: StatedProduct = {
  id: "p1", advisoryId: "ICSMA-21-187-01", vendor: "Philips", product: "Vue PACS", versionRange: "<= 12.2.x.x", cves: ["CVE-A", "CVE-B"], status: "known_affected",
  remediations: [
    { category: "vendor_fix", details: "Philips released Version 12.2.8.0 … remediates CWE-20", url: null, cves: ["CVE-A"], fixes: { version: "12.2.8.0", cves: ["CVE-A"] } },
    { category: "mitigation", details: "Block port 8009.", url: "https://example.org/m", cves: ["CVE-A", "CVE-B"] },
  ],
};
const target = (version: string): MatchTarget => ({ vendors: ["Philips"], models: ["Vue PACS"], version, subject: "device" });
const vex = (over: Partial<VexRule>): VexRule => ({ source: "csaf-vex:V1", vulnerabilityId: "CVE-B", vendor: "philips", product: "vue pacs", versionRange: "12.1.5", deviceId: null, status: "not_affected", justification: "component_not_present", detail: null, ...over });

function run(version: string, products: StatedProduct[] = [pacs], rules: VexRule[] = []) {
  const affected = products.filter((p) => p.status === "known_affected");
  const matches = cveMatches(matchProducts(target(version), indexProducts(affected)), (id) => affected.find((p) => p.id === id)?.cves ?? []);
  const s = vendorStatements(products, rules);
  return { ...closeByVendor(target(version), matches, s), s, matches };
}

describe("closeByVendor", () => {
  it("a vendor fix at or below the device's version ends that CVE only", () => {
    const r = run("12.2.8.410");
    expect(r.open.map((m) => m.cve)).toEqual(["CVE-B"]);
    expect(r.closed).toEqual([{ cve: "CVE-A", advisoryId: "ICSMA-21-187-01", status: "fixed", why: expect.stringMatching(/^fixed in 12\.2\.8\.0/) }]);
  });
  it("an older version stays matched, with the update first in what to do", () => {
    const r = run("12.2.1.0");
    expect(r.open.map((m) => m.cve)).toEqual(["CVE-A", "CVE-B"]);
    expect(adviceFor(r.open[0], r.s).map((a) => a.text)).toEqual(["Update to 12.2.8.0 or later (vendor fix)", "Mitigate: Block port 8009."]);
    expect(adviceFor(r.open[1], r.s).map((a) => a.kind)).toEqual(["mitigation"]);
  });
  it("a version that cannot be compared with the fix is not closed", () => {
    expect(run("R12-beta").closed).toEqual([]);
  });
  it("a product the advisory lists as fixed or known not affected ends the match", () => {
    const fixed: StatedProduct = { ...pacs, id: "p2", versionRange: "12.2.5", cves: ["CVE-B"], status: "fixed", remediations: null };
    const r = run("12.2.5", [pacs, fixed]);
    expect(r.closed.map((c) => [c.cve, c.status])).toEqual([["CVE-B", "fixed"]]);
    const notAffected: StatedProduct = { ...pacs, id: "p3", versionRange: null, cves: ["CVE-A"], status: "known_not_affected", remediations: null };
    expect(run("12.2.1.0", [pacs, notAffected]).closed.map((c) => [c.cve, c.status])).toEqual([["CVE-A", "not_affected"]]);
  });
  it("a manufacturer VEX not_affected closes with its justification; for another version it says nothing", () => {
    const r = run("12.1.5", [pacs], [vex({})]);
    expect(r.closed).toEqual([{ cve: "CVE-B", advisoryId: "ICSMA-21-187-01", status: "not_affected", why: "not affected: component not present (VEX from csaf-vex:V1)" }]);
    expect(run("12.1.6", [pacs], [vex({})]).closed).toEqual([]);
  });
  it("a VEX 'affected' confirms a possible match", () => {
    const unreadable: StatedProduct = { ...pacs, versionRange: "see vendor notice (R4)", remediations: null };
    const r = run("12.1.5", [unreadable], [vex({ status: "affected" })]);
    expect(r.matches.map((m) => m.status)).toEqual(["needs_review", "needs_review"]);
    expect(r.open.map((m) => [m.cve, m.status])).toEqual([["CVE-A", "needs_review"], ["CVE-B", "affected"]]);
  });
  it("a device's own VEX closes whatever matched", () => {
    const s = vendorStatements([pacs], [vex({ deviceId: "d1", vendor: null, product: null, justification: "requires_environment" })]);
    expect(deviceClosures("d1", ["CVE-A", "CVE-B"], s).map((c) => c.why)).toEqual(["not affected: requires environment (VEX from csaf-vex:V1)"]);
    expect(deviceClosures("d2", ["CVE-B"], s)).toEqual([]);
  });
});
