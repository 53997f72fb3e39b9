// Reading what vendors say: product_status and remediations of real bundled advisories, and
// manufacturer VEX in CSAF and CycloneDX form.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCsaf } from "./csaf";
import { isCyclonedxVex, readCsafVex, readCyclonedxVex } from "./vex";

const bundled = (name: string) => JSON.parse(readFileSync(join(__dirname, "../reference/csaf", name), "utf8"));
const read = (raw: unknown) => {
  const r = readCsaf(raw);
  if (!r.ok) throw r.error;
  return r.advisory;
};

describe("CSAF product status and remediations", () => {
  it("ICSMA-21-187-01: Vue PACS fixed versions come from the vendor_fix text, per CWE", () => {
    const pacs = read(bundled("icsma-21-187-01.json")).products.find((p) => p.product === "Vue PACS")!;
    expect(pacs.status).toBe("known_affected");
    expect(pacs.cves).toHaveLength(16);
    const fixes = pacs.remediations.filter((r) => r.fixes).map((r) => [r.fixes!.version, r.fixes!.cves.length]);
    expect(fixes).toEqual([["12.2.8.0", 3], ["12.2.8.100", 8], ["12.2.1.6", 1]]);
    // CWE-522 is named by 12.2.8.100 and by a fix promised for Q3 2023: not taken as fixed.
    expect(pacs.remediations.find((r) => r.fixes?.version === "12.2.8.100")!.cves).toContain("CVE-2019-9636");
    expect(pacs.remediations.find((r) => r.fixes?.version === "12.2.8.100")!.fixes!.cves).not.toContain("CVE-2019-9636");
    // Remediations for other products (MyVue, Speech) are not PACS's.
    expect(pacs.remediations.some((r) => r.details.includes("for MyVue"))).toBe(false);
  });

  it("reads mitigations with their URL", () => {
    const advisory = read(bundled("icsma-17-082-02.json"));
    const mitigations = advisory.products.flatMap((p) => p.remediations).filter((r) => r.category === "mitigation");
    expect(mitigations.map((m) => m.url)).toContain("https://ftp.bbmus.com");
    expect(mitigations.every((m) => !m.fixes && m.cves.length > 0)).toBe(true);
  });

  it("a product fixed for one CVE and known not affected by another gives a row per status", () => {
    const raw = bundled("icsma-21-187-01.json");
    const [first, second] = raw.vulnerabilities;
    first.product_status = { known_affected: ["CSAFPID-0002"], fixed: ["CSAFPID-0001"] };
    second.product_status = { known_affected: ["CSAFPID-0001"], known_not_affected: ["CSAFPID-0004"] };
    raw.vulnerabilities = [first, second];
    const rows = read(raw).products.map((p) => [p.productRef, p.status, p.cves]);
    expect(rows).toEqual(expect.arrayContaining([
      ["CSAFPID-0001", "known_affected", [second.cve]], ["CSAFPID-0001", "fixed", [first.cve]],
      ["CSAFPID-0004", "known_not_affected", [second.cve]], ["CSAFPID-0002", "known_affected", [first.cve]],
    ]));
    expect(readCsaf({ ...raw, vulnerabilities: [{ ...first, product_status: { made_up: ["CSAFPID-0001"] } }] }).ok).toBe(false);
  });
});

const csafVex = {
  document: { category: "csaf_vex", csaf_version: "2.0", title: "VEX", publisher: { name: "Philips" }, tracking: { id: "VEX-1", version: "2", current_release_date: "2023-01-10T00:00:00Z" } },
  product_tree: { branches: [{ category: "vendor", name: "Philips", branches: [{ category: "product_name", name: "Vue PACS", branches: [
    { category: "product_version", name: "12.1.5", product: { product_id: "P1", name: "Vue PACS 12.1.5" } },
    { category: "product_version", name: "12.3.0", product: { product_id: "P2", name: "Vue PACS 12.3.0", product_identification_helper: { cpe: "cpe:2.3:a:philips:vue_pacs:12.3.0:*:*:*:*:*:*:*" } } },
  ] }] }] },
  vulnerabilities: [{ cve: "CVE-2020-1938", product_status: { known_not_affected: ["P1"], fixed: ["P2"], known_affected: ["UNKNOWN"] }, flags: [{ label: "component_not_present", product_ids: ["P1"] }], threats: [{ category: "impact", details: "No AJP.", product_ids: ["P1"] }] }],
};

describe("CSAF VEX", () => {
  it("one statement per product and status, with the flag as justification and the impact as detail", () => {
    const r = readCsafVex(csafVex);
    if (!r.ok) throw r.error;
    expect(r.vex.source).toBe("csaf-vex:VEX-1");
    expect(r.vex.statements).toEqual([
      { vulnerabilityId: "CVE-2020-1938", vendor: "Philips", product: "Vue PACS", versionRange: "12.1.5", cpe: null, purl: null, status: "not_affected", justification: "component_not_present", detail: "No AJP." },
      { vulnerabilityId: "CVE-2020-1938", vendor: "Philips", product: "Vue PACS", versionRange: "12.3.0", cpe: "cpe:2.3:a:philips:vue_pacs:12.3.0:*:*:*:*:*:*:*", purl: null, status: "fixed", justification: null, detail: null },
    ]);
  });
  it("refuses a VEX without vulnerabilities or with a bad CVE id", () => {
    expect(readCsafVex({ ...csafVex, vulnerabilities: [] }).ok).toBe(false);
    expect(readCsafVex({ ...csafVex, vulnerabilities: [{ cve: "CVE-1" }] }).ok).toBe(false);
  });
});

const cdx = {
  bomFormat: "CycloneDX", specVersion: "1.5", serialNumber: "urn:uuid:1", version: 1,
  metadata: { component: { type: "device", name: "Vue PACS", version: "12.1.5", supplier: { name: "Philips" } } },
  vulnerabilities: [
    { id: "CVE-2018-12326", affects: [{ ref: "urn:cdx:1/1#pacs" }], analysis: { state: "not_affected", justification: "code_not_reachable", detail: "No Redis." } },
    { id: "CVE-2019-9636", affects: [{ ref: "pkg:pypi/python@2.7.15" }], analysis: { state: "exploitable" } },
  ],
};

describe("CycloneDX VEX", () => {
  it("is a BOM of vulnerabilities without components", () => {
    expect(isCyclonedxVex(cdx)).toBe(true);
    expect(isCyclonedxVex({ ...cdx, components: [{ type: "library", name: "x" }] })).toBe(false);
    expect(isCyclonedxVex({ ...cdx, vulnerabilities: [] })).toBe(false);
  });
  it("a bom-link names the described product, a purl names itself; states map to VEX statuses", () => {
    const r = readCyclonedxVex(cdx, "abc");
    if (!r.ok) throw r.error;
    expect(r.needsDevice).toBe(false);
    expect(r.vex.source).toBe("cyclonedx-vex:urn:uuid:1");
    expect(r.vex.statements).toEqual([
      { vulnerabilityId: "CVE-2018-12326", vendor: "Philips", product: "Vue PACS", versionRange: "12.1.5", cpe: null, purl: null, status: "not_affected", justification: "code_not_reachable", detail: "No Redis." },
      { vulnerabilityId: "CVE-2019-9636", vendor: null, product: null, versionRange: null, cpe: null, purl: "pkg:pypi/python@2.7.15", status: "affected", justification: null, detail: null },
    ]);
  });
  it("needs a device when nothing names the product", () => {
    const r = readCyclonedxVex({ ...cdx, metadata: {}, serialNumber: undefined }, "abcdef");
    expect(r.ok && r.needsDevice && r.vex.source).toBe("cyclonedx-vex:abcdef");
  });
  it("refuses an unknown analysis state or a missing analysis", () => {
    expect(readCyclonedxVex({ ...cdx, vulnerabilities: [{ ...cdx.vulnerabilities[0], analysis: { state: "fine" } }] }, "x").ok).toBe(false);
    expect(readCyclonedxVex({ ...cdx, vulnerabilities: [{ id: "CVE-2018-12326", affects: [{ ref: "a" }] }] }, "x").ok).toBe(false);
  });
});
