import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCsaf } from "./csaf";
import { readCyclonedx } from "./cyclonedx";
import { readEpss } from "./epss";
import { BUNDLED_CSAF_DIR } from "../reference/bundled-feeds";

const CSAF = BUNDLED_CSAF_DIR;
const csaf = (file: string) => JSON.parse(readFileSync(join(CSAF, file), "utf8"));

describe("readCsaf", () => {
  it("reads an ICSMA advisory: products with vendor, name and range, and the CVEs naming each", () => {
    const r = readCsaf(csaf("icsma-23-194-01.json"));
    if (!r.ok) throw r.error;
    expect(r.advisory).toMatchObject({ id: "ICSMA-23-194-01", publisher: "CISA", url: "https://www.cisa.gov/news-events/ics-medical-advisories/icsma-23-194-01" });
    expect(r.advisory.products).toHaveLength(6);
    expect(r.advisory.products[0]).toMatchObject({ productRef: "CSAFPID-0001", vendor: "Becton, Dickinson and Company (BD)", product: "BD Alaris Point-of-Care Unit (PCU) Model 8015", versionRange: "<=12.1.3", parseStatus: "parsed" });
    expect(r.advisory.products[0].cves).toHaveLength(8);
    expect(r.advisory.products.find((p) => p.productRef === "CSAFPID-0006")!.cves).toEqual(["CVE-2023-30562"]);
    expect(r.advisory.vulnerabilities.find((v) => v.cve === "CVE-2023-30559")!.cvssVector).toBe("CVSS:3.0/AV:P/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:H");
  });

  it("keeps a range it cannot read, marked unparsed", () => {
    const all = [ "icsma-17-009-01a.json", "icsma-18-058-02.json" ].flatMap((f) => { const r = readCsaf(csaf(f)); return r.ok ? r.advisory.products : []; });
    expect(all.length).toBeGreaterThan(0);
    for (const p of all) expect(["parsed", "all", "unparsed"]).toContain(p.parseStatus);
  });

  it("refuses a document that is not CSAF 2.0 with the path of the problem", () => {
    const doc = csaf("icsma-23-194-01.json");
    doc.document.csaf_version = "1.2";
    delete doc.document.tracking.current_release_date;
    const r = readCsaf(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues.map((i) => i.path.join("."))).toEqual(["document.csaf_version", "document.tracking.current_release_date"]);
  });
});

describe("readEpss", () => {
  const head = "#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\ncve,epss,percentile\n";
  it("reads the model version, the date and every score", () => {
    const r = readEpss(`${head}CVE-2023-30559,0.00043,0.11\r\nCVE-2021-44228,0.94358,0.99961\n`);
    expect(r).toEqual({ ok: true, file: { modelVersion: "v2025.03.14", scoreDate: new Date("2025-08-25T00:00:00Z"), scores: [{ cve: "CVE-2023-30559", epss: 0.00043, percentile: 0.11 }, { cve: "CVE-2021-44228", epss: 0.94358, percentile: 0.99961 }] } });
  });
  it.each([
    ["cve,epss,percentile\n", 1, /first line/],
    ["#model_version:v1,score_date:yesterday\ncve,epss,percentile\n", 1, /not a date/],
    ["#model_version:v1,score_date:2025-08-25\ncve,score\n", 2, /header/],
    [`${head}CVE-1,0.1,0.2\n`, 3, /expected/],
    [`${head}CVE-2023-0001,NaN,0.2\n`, 3, /numbers from 0 to 1/],
    [`${head}CVE-2023-0001,-0.1,0.2\n`, 3, /numbers from 0 to 1/],
    [`${head}CVE-2023-0001,0.1,0.2,extra\n`, 3, /expected/],
    [`${head}CVE-2023-0001,0.1,0.2\nCVE-2023-0001,0.1,0.2\n`, 4, /twice/],
  ])("refuses %j at line %i", (text, line, message) => {
    const r = readEpss(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.line).toBe(line);
      expect(r.message).toMatch(message);
    }
  });
});

describe("readCyclonedx", () => {
  it("keeps components with CPE and purl, and the CVEs the SBOM declares per component", () => {
    const r = readCyclonedx({
      bomFormat: "CycloneDX", specVersion: "1.6",
      components: [
        { "bom-ref": "a", type: "library", group: "org.apache.logging.log4j", name: "log4j-core", version: "2.14.1", purl: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1" },
        { "bom-ref": "b", type: "application", name: "MedDream PACS", version: "7.2.8.810", supplier: { name: "Softneta" }, cpe: "cpe:2.3:a:softneta:meddream_pacs:7.2.8.810:*:*:*:*:*:*:*" },
        { "bom-ref": "c", type: "application", name: "MedDream PACS", version: "7.2.8.810" },
      ],
      vulnerabilities: [{ id: "CVE-2021-44228", affects: [{ ref: "a" }], analysis: { state: "exploitable" } }, { id: "GHSA-xxxx-yyyy-zzzz", affects: [{ ref: "a" }] }],
    });
    if (!r.ok) throw r.error;
    expect(r.sbom.components).toHaveLength(2);
    expect(r.sbom.components[0]).toMatchObject({ name: "org.apache.logging.log4j/log4j-core", declared: [{ cve: "CVE-2021-44228", state: "exploitable", vector: null }] });
    expect(r.sbom.components[1]).toMatchObject({ supplier: "Softneta", cpe: "cpe:2.3:a:softneta:meddream_pacs:7.2.8.810:*:*:*:*:*:*:*", declared: [] });
  });
  it("refuses what is not a CycloneDX document", () => {
    expect(readCyclonedx({ bomFormat: "SPDX", specVersion: "2.3" }).ok).toBe(false);
    expect(readCyclonedx({ bomFormat: "CycloneDX", specVersion: "1.5", components: [{ type: "library" }] }).ok).toBe(false);
  });
});
