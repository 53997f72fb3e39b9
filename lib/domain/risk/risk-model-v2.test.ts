// Risk model v2's own rules: a known vulnerability never scores 0 (EPSS refines, it does not
// erase CVSS or KEV), an end-of-life operating system is a factor of its own, possible matches
// count apart at half weight, and a stored breakdown reproduces its score by its version's rules.
import { describe, expect, it } from "vitest";
import { explainRisk } from "./explain-risk";
import {
  computeRisk, CVSS_FLOOR, END_OF_LIFE_DRIVER, EXPOSURE_FACTOR, likelihoodOf, reproduceRisk, RISK_MODEL_VERSION,
  type EndOfLifeInput, type Exposure, type RiskBreakdown, type RiskInput, type VulnerabilityInput,
} from "./risk-model";
import { topFactors } from "./top-factors";

const pump: RiskInput = {
  criticality: "therapy_delivery", phi: "transmits", exposure: "general_it", compensatingControls: 0, unauthorized: false, spoofDetected: false, vulnerabilities: [],
  feeds: { epssModel: "v2025.03.14", epssDate: "2025-08-26" },
};
// BD Alaris 8015 at 12.1.3 (ICSMA-23-194-01 and ICSMA-20-170-01): adjacent and network vectors up to 8.2, all with a low EPSS.
const ALARIS: VulnerabilityInput[] = [
  ["CVE-2023-30559", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0.0005],
  ["CVE-2023-30560", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0.0004],
  ["CVE-2023-30561", "CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:H", 0.0006],
  ["CVE-2023-30562", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H", 0.0005],
  ["CVE-2023-30563", "CVSS:3.1/AV:A/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 0.0004],
  ["CVE-2023-30564", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 0.0009],
  ["CVE-2023-30565", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 0.0005],
  ["CVE-2020-12040", "CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N", 0.0011],
].map(([id, cvssVector, epss]) => ({ id: id as string, kev: false, cvssVector: cvssVector as string, epss: epss as number }));

const WES7: EndOfLifeInput = { id: "windows-embedded-standard-7", name: "Windows Embedded Standard 7", reported: "Windows 7 Embedded", endOfSupport: "2020-10-13", approximate: false, source: "https://learn.microsoft.com/lifecycle/products/windows-embedded-standard-7" };
const pacs: RiskInput = { ...pump, criticality: "clinical_workflow", phi: "stores", endOfLife: WES7 };

describe("model v2: EPSS refines likelihood, it does not erase CVSS and KEV", () => {
  it("is version 2", () => expect(RISK_MODEL_VERSION).toMatch(/^2\./));

  it("keeps an EPSS above the CVSS floor, raises one below it, and KEV stays 1", () => {
    expect(likelihoodOf({ id: "a", kev: false, epss: 0.42, cvssExploitability: 3.9 })).toMatchObject({ value: 0.42, basis: "epss" });
    expect(likelihoodOf({ id: "a", kev: false, epss: 0.0005, cvssExploitability: 2.8 }, pump.feeds)).toMatchObject({
      value: 0.0718, basis: "cvss_floor", epss: 0.0005, source: "EPSS model v2025.03.14 gives 0.0005, raised to the CVSS floor 0.1 × CVSS exploitability 2.8 / 3.9",
    });
    expect(likelihoodOf({ id: "a", kev: false, epss: 0.001, cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" })).toMatchObject({ value: 0.093, basis: "cvss_floor" });
    expect(likelihoodOf({ id: "a", kev: false, epss: 0.001 })).toMatchObject({ value: CVSS_FLOOR, basis: "cvss_floor" });
    expect(likelihoodOf({ id: "a", kev: true, epss: 0.0001 })).toMatchObject({ value: 1, basis: "kev" });
  });

  it.each(Object.keys(EXPOSURE_FACTOR) as Exposure[])("the Alaris 8015 at 12.1.3 with low EPSS scores above 0 %s", (exposure) => {
    const r = computeRisk({ ...pump, exposure, vulnerabilities: ALARIS });
    expect(r.score).toBeGreaterThan(0);
    expect(r.breakdown.vulnerabilities.every((v) => v.likelihood.value > 0.0011)).toBe(true);
  });

  it("on a flat IT network the Alaris scores from its easiest CVE's floor, in words", () => {
    const r = computeRisk({ ...pump, vulnerabilities: ALARIS });
    expect(r.breakdown.driver).toBe("CVE-2023-30559"); // AV:A/AC:L/PR:N/UI:N, exploitability 2.8 → floor 0.0718 (tied, the more urgent SSVC first)
    expect(r.score).toBe(4); // 100 × 0.0718 × 0.7 × 4 ÷ 5
    expect(explainRisk(r.breakdown).steps[0]).toMatch(/^Likelihood 0\.0718 \(EPSS model v2025\.03\.14 gives 0\.0005, raised to the CVSS floor/);
  });

  it("a known vulnerability never scores 0, even USB-only, controlled, non-clinical, with the least CVSS", () => {
    const r = computeRisk({ ...pump, exposure: "usb_only", compensatingControls: 0.5, criticality: "non_clinical", phi: "none", vulnerabilities: [{ id: "x", kev: false, epss: 0, cvssExploitability: 0.1 }] });
    expect(r).toMatchObject({ score: 1, tier: "low", breakdown: { rawScore: 0, floors: [{ rule: "known_vulnerability", minimum: 1 }] } });
    expect(explainRisk(r.breakdown).floors).toEqual(["A known vulnerability never scores 0: at least 1"]);
  });

  it("a device with no vulnerability and a supported OS still scores 0", () => {
    expect(computeRisk(pump)).toMatchObject({ score: 0, breakdown: { floors: [], driver: null, endOfLife: null } });
  });
});

describe("model v2: an end-of-life operating system", () => {
  it("scores a Windows 7 Embedded PACS workstation on general IT above 0, naming the release and its end date", () => {
    const r = computeRisk(pacs);
    expect(r.score).toBe(28); // 100 × 0.5 × 0.7 × impact 4 (stores PHI) ÷ 5
    expect(r.breakdown.driver).toBe(END_OF_LIFE_DRIVER);
    expect(r.breakdown.endOfLife).toMatchObject({ value: WES7, source: WES7.source, date: "2020-10-13", likelihood: 0.5, adjusted: 0.35 });
    const words = explainRisk(r.breakdown);
    expect(words.endOfLife).toBe(`End-of-life operating system Windows Embedded Standard 7 (reported "Windows 7 Embedded"): vendor support ended 2020-10-13, source ${WES7.source}.`);
    expect(words.steps[0]).toContain("Windows Embedded Standard 7");
    expect(topFactors(r.breakdown)[0]).toMatch(/^End-of-life operating system Windows Embedded Standard 7 .*ended 2020-10-13/);
  });

  it("a vulnerability that weighs more drives, the OS is still named", () => {
    const r = computeRisk({ ...pacs, vulnerabilities: [{ id: "CVE-2019-0708", kev: true }] });
    expect(r.breakdown.driver).toBe("CVE-2019-0708");
    expect(r.score).toBe(56);
    expect(topFactors(r.breakdown, 10).some((l) => l.includes("Windows Embedded Standard 7"))).toBe(true);
  });

  it("says an approximate end date is approximate", () => {
    const r = computeRisk({ ...pump, endOfLife: { ...WES7, name: "VxWorks 6.9", reported: "VxWorks 6.9", endOfSupport: "2022-12-31", approximate: true } });
    expect(explainRisk(r.breakdown).endOfLife).toMatch(/ended 2022-12-31 \(approximate date\)/);
  });
});

describe("model v2: possible matches count apart, at half weight", () => {
  it("counts matches and possible matches apart, and halves a possible one", () => {
    const r = computeRisk({ ...pump, vulnerabilities: [{ id: "CVE-P", kev: true, matchStatus: "needs_review" }, { id: "CVE-A", kev: false, epss: 0.2, matchStatus: "affected" }] });
    expect(r.breakdown.counts).toEqual({ affected: 1, possible: 1 });
    expect(r.breakdown.vulnerabilities.map((v) => [v.id, v.weight, v.adjusted])).toEqual([["CVE-P", 0.5, 0.35], ["CVE-A", 1, 0.14]]);
    expect(r.score).toBe(28);
    expect(explainRisk(r.breakdown).steps[0]).toContain("× 0.5 (possible match, not confirmed)");
  });
});

describe("model v2: reproducibility", () => {
  const stored = computeRisk({ ...pacs, compensatingControls: 0.2, vulnerabilities: [...ALARIS.slice(0, 3), { id: "CVE-P", kev: false, matchStatus: "needs_review" }] });
  const fromDb = (): RiskBreakdown => JSON.parse(JSON.stringify(stored.breakdown));

  it("a stored v2 breakdown reproduces its score", () => {
    expect(reproduceRisk(fromDb())).toEqual({ score: stored.score, tier: stored.tier, ssvc: stored.ssvc, matches: true, differences: [] });
  });

  it("an edited end-of-life factor or match weight does not reproduce", () => {
    const eol = fromDb();
    eol.endOfLife!.likelihood = 0.9;
    expect(reproduceRisk(eol).differences.join("; ")).toMatch(/end-of-life OS: adjusted likelihood 0\.28 recorded, 0\.504 recomputed/);
    const weight = fromDb();
    weight.vulnerabilities.find((v) => v.id === "CVE-P")!.weight = 1;
    expect(reproduceRisk(weight).matches).toBe(false);
  });

  it("a v1 breakdown reproduces by v1's rules: a possible KEV match counted in full and floored", () => {
    const v2 = computeRisk({ ...pump, criticality: "life_sustaining", exposure: "clinical_segmented", vulnerabilities: [{ id: "CVE-K", kev: true, matchStatus: "needs_review" }] }).breakdown;
    const v1 = JSON.parse(JSON.stringify(v2)) as RiskBreakdown;
    v1.modelVersion = "1.1.0";
    delete v1.counts;
    delete v1.endOfLife;
    delete v1.vulnerabilities[0].weight;
    Object.assign(v1.vulnerabilities[0], { adjusted: 0.4 });
    Object.assign(v1, { rawScore: 40, floors: [{ rule: "kev_on_life_sustaining", minimum: 80 }], score: 80, tier: "critical" });
    expect(reproduceRisk(v1)).toMatchObject({ score: 80, matches: true, differences: [] });
    expect(v2).toMatchObject({ score: 20, floors: [] });
  });
});
