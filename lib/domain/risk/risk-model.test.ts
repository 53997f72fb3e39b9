import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { BUNDLED_CSAF_DIR, BUNDLED_KEV_FILE } from "../../reference/bundled-feeds";
import {
  computeRisk, criticalityForCategory, likelihoodOf, phiForCategory, reproduceRisk, RISK_MODEL_VERSION, SSVC_TABLE, tierOf,
  type RiskBreakdown, type RiskInput, type VulnerabilityInput,
} from "./risk-model";
import { topFactors } from "./top-factors";

const FEEDS = { kevCatalogVersion: "2025.08.25", kevDate: "2025-08-25", epssModel: "v2025.03.14", epssDate: "2025-08-26" };
const base: RiskInput = {
  criticality: "therapy_delivery",
  criticalitySource: "category default (infusion pump)",
  phi: "transmits",
  exposure: "general_it",
  exposureSource: "segment WARD-4N-VLAN-24",
  compensatingControls: 0,
  unauthorized: false,
  spoofDetected: false,
  vulnerabilities: [],
  feeds: FEEDS,
};
const vuln = (v: Partial<VulnerabilityInput>): VulnerabilityInput => ({ id: "CVE-2020-0001", kev: false, ...v });
const risk = (over: Partial<RiskInput>) => computeRisk({ ...base, ...over });
const CRITICAL_RCE = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

describe("likelihood", () => {
  it.each<[string, Partial<VulnerabilityInput>, number, string, string | null, boolean]>([
    ["KEV wins over everything", { kev: true, epss: 0.01, cvssExploitability: 1 }, 1, "CISA KEV 2025.08.25", "2025-08-25", false],
    ["then EPSS, with the model and score date", { epss: 0.42, epssDate: "2025-08-20", cvssVector: CRITICAL_RCE }, 0.42, "EPSS model v2025.03.14", "2025-08-20", false],
    ["EPSS date from the feed when the vulnerability has none", { epss: 0.42 }, 0.42, "EPSS model v2025.03.14", "2025-08-26", false],
    ["an EPSS outside 0..1 is not a probability", { epss: 4.2, cvssExploitability: 3.9 }, 1, "CVSS exploitability 3.9 / 3.9", null, false],
    ["then a known CVSS exploitability ÷ 3.9", { cvssExploitability: 2.8, feedDate: "2023-07-13" }, 0.7179, "CVSS exploitability 2.8 / 3.9", "2023-07-13", false],
    ["or the exploitability of the CVSS 3.1 vector", { cvssVector: CRITICAL_RCE }, 1, "CVSS:3.1 vector (exploitability 3.9 / 3.9)", null, false],
    ["or of a CVSS 3.0 vector (EternalBlue, 2.2)", { cvssVector: "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H" }, 0.5641, "CVSS:3.0 vector (exploitability 2.2 / 3.9)", null, false],
    ["a CVSS 4.0 vector has no 3.x subscore: default", { cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" }, 0.3, "default: CVSS 4.0 has no 3.x exploitability subscore", null, true],
    ["an invalid vector: default", { cvssVector: "CVSS:3.1/AV:N" }, 0.3, "default: the CVSS vector is invalid", null, true],
    ["nothing known: default 0.3, assumed", {}, 0.3, "default: no KEV listing, EPSS score or CVSS vector", null, true],
  ])("%s", (_n, v, value, source, date, assumed) => {
    expect(likelihoodOf(vuln(v), FEEDS)).toMatchObject({ value, source, date, assumed });
  });

  it("says when the KEV catalog version was not recorded", () => {
    expect(likelihoodOf(vuln({ kev: true })).source).toBe("CISA KEV (catalog version not recorded)");
  });
});

describe("exposure, controls and impact", () => {
  // Likelihood 1 (EPSS 1.0, no KEV floor) on a life-sustaining device: score = 100 × exposure × (1 − controls).
  const certain = [vuln({ epss: 1 })];
  it.each<[string, Partial<RiskInput>, number, boolean]>([
    ["internet", { exposure: "internet" }, 100, false],
    ["general IT segment", { exposure: "general_it" }, 70, false],
    ["segmented clinical segment", { exposure: "clinical_segmented" }, 40, false],
    ["USB-only", { exposure: "usb_only" }, 20, false],
    ["unknown segment → general IT, assumed", { exposure: null }, 70, true],
  ])("exposure %s", (_n, over, score, assumed) => {
    const r = risk({ criticality: "life_sustaining", vulnerabilities: certain, ...over });
    expect(r.score).toBe(score);
    expect(r.breakdown.exposure.assumed).toBe(assumed);
  });

  it.each<[string, number, number, number]>([
    ["none", 0, 0, 70],
    ["0.2", 0.2, 0.2, 56],
    ["0.5, the cap", 0.5, 0.5, 35],
    ["0.9, capped at 0.5", 0.9, 0.5, 35],
    ["negative, treated as none", -0.3, 0, 70],
    ["not a number, treated as none", Number.NaN, 0, 70],
  ])("compensating controls %s", (_n, given, applied, score) => {
    const r = risk({ criticality: "life_sustaining", compensatingControls: given, vulnerabilities: certain });
    expect(r.breakdown.controls.applied).toBe(applied);
    expect(r.score).toBe(score);
  });

  it.each<[RiskInput["criticality"], RiskInput["phi"], number]>([
    ["life_sustaining", "none", 5],
    ["therapy_delivery", "none", 4],
    ["diagnosis_monitoring", "none", 3],
    ["clinical_workflow", "none", 2],
    ["non_clinical", "none", 1],
    ["non_clinical", "stores", 4],
    ["non_clinical", "transmits", 3],
    ["clinical_workflow", "stores", 4],
    ["diagnosis_monitoring", "transmits", 3],
  ])("impact of %s storing %s PHI is %i (the higher of the two)", (criticality, phi, impact) => {
    const r = risk({ criticality, phi, exposure: "internet", vulnerabilities: [vuln({ epss: 1 })] });
    expect(r.breakdown.impact).toBe(impact);
    expect(r.score).toBe(20 * impact);
  });

  it("the worst vulnerability drives the score and is named", () => {
    const r = risk({ vulnerabilities: [vuln({ id: "CVE-A", epss: 0.1 }), vuln({ id: "CVE-B", kev: true }), vuln({ id: "CVE-C" })] });
    expect(r.breakdown.driver).toBe("CVE-B");
    expect(r.breakdown.vulnerabilities.map((v) => v.id)).toEqual(["CVE-B", "CVE-C", "CVE-A"]);
    expect(r.score).toBe(56); // 1 × 0.7 × 4 ÷ 5
  });
});

describe("floors", () => {
  it.each<[string, Partial<RiskInput>, number, number, string[]]>([
    ["a KEV vulnerability on a life-sustaining device, even USB-only", { criticality: "life_sustaining", exposure: "usb_only", vulnerabilities: [vuln({ kev: true })] }, 20, 80, ["kev_on_life_sustaining"]],
    ["a detected spoof, with no vulnerability", { spoofDetected: true }, 0, 80, ["spoof_detected"]],
    ["an unauthorized device", { unauthorized: true }, 0, 55, ["unauthorized"]],
    ["spoofed and unauthorized: the higher floor", { spoofDetected: true, unauthorized: true }, 0, 80, ["spoof_detected", "unauthorized"]],
    ["a floor never lowers a higher score", { unauthorized: true, exposure: "internet", criticality: "life_sustaining", vulnerabilities: [vuln({ epss: 0.9 })] }, 90, 90, ["unauthorized"]],
    ["no floor for a non-KEV vulnerability on a life-sustaining device", { criticality: "life_sustaining", exposure: "usb_only", vulnerabilities: [vuln({ epss: 0.9 })] }, 18, 18, []],
    ["no floor for KEV on a therapy device", { exposure: "usb_only", vulnerabilities: [vuln({ kev: true })] }, 16, 16, []],
    // v2: a possible KEV match counts at half weight (1 × 0.4 × 0.5 × 5 ÷ 5) and floors only once confirmed.
    ["a possible KEV match counts half and does not floor until confirmed", { criticality: "life_sustaining", exposure: "clinical_segmented", vulnerabilities: [vuln({ kev: true, matchStatus: "needs_review" })] }, 20, 20, []],
    ["a confirmed KEV match floors", { criticality: "life_sustaining", exposure: "clinical_segmented", vulnerabilities: [vuln({ kev: true, matchStatus: "affected" })] }, 40, 80, ["kev_on_life_sustaining"]],
    ["a known vulnerability never scores 0 (v2)", { exposure: "usb_only", compensatingControls: 0.5, criticality: "non_clinical", phi: "none", vulnerabilities: [vuln({ epss: 0.0001, cvssExploitability: 0.1 })] }, 0, 1, ["known_vulnerability"]],
  ])("%s", (_n, over, rawScore, score, rules) => {
    const r = risk(over);
    expect(r.breakdown.rawScore).toBe(rawScore);
    expect(r.score).toBe(score);
    expect(r.breakdown.floors.map((f) => f.rule)).toEqual(rules);
  });
});

describe("tiers", () => {
  it.each([[100, "critical"], [80, "critical"], [79, "high"], [55, "high"], [54, "medium"], [30, "medium"], [29, "low"], [0, "low"]] as const)("%i → %s", (score, tier) => {
    expect(tierOf(score)).toBe(tier);
  });

  // A certain exploit (KEV) at each exposure: the cut-offs separate recognisable situations.
  it.each<[string, Partial<RiskInput>, number, string]>([
    ["internet, therapy device", { exposure: "internet" }, 80, "critical"],
    ["flat IT network, therapy device", {}, 56, "high"],
    ["internet, monitor", { exposure: "internet", criticality: "diagnosis_monitoring", phi: "none" }, 60, "high"],
    ["flat IT network, monitor", { criticality: "diagnosis_monitoring", phi: "none" }, 42, "medium"],
    ["segmented clinical VLAN, therapy device", { exposure: "clinical_segmented" }, 32, "medium"],
    ["segmented clinical VLAN, monitor", { exposure: "clinical_segmented", criticality: "diagnosis_monitoring", phi: "none" }, 24, "low"],
  ])("KEV on %s → %i, %s", (_n, over, score, tier) => {
    expect(risk({ ...over, vulnerabilities: [vuln({ kev: true })] })).toMatchObject({ score, tier });
  });
});

describe("SSVC", () => {
  // CISA's decision table (CERT/CC SSVC data/csv/cisa/cisa_coordinator_2_0_3.csv), row by row.
  const CISA = `none,no,partial,low,track;none,no,partial,medium,track;none,no,partial,high,track;none,no,total,low,track;none,no,total,medium,track;none,no,total,high,track*;none,yes,partial,low,track;none,yes,partial,medium,track;none,yes,partial,high,attend;none,yes,total,low,track;none,yes,total,medium,track;none,yes,total,high,attend;poc,no,partial,low,track;poc,no,partial,medium,track;poc,no,partial,high,track*;poc,no,total,low,track;poc,no,total,medium,track*;poc,no,total,high,attend;poc,yes,partial,low,track;poc,yes,partial,medium,track;poc,yes,partial,high,attend;poc,yes,total,low,track;poc,yes,total,medium,track*;poc,yes,total,high,attend;active,no,partial,low,track;active,no,partial,medium,track;active,no,partial,high,attend;active,no,total,low,track;active,no,total,medium,attend;active,no,total,high,act;active,yes,partial,low,attend;active,yes,partial,medium,attend;active,yes,partial,high,act;active,yes,total,low,attend;active,yes,total,medium,act;active,yes,total,high,act`;
  it.each(CISA.split(";").map((row) => row.split(",")))("SSVC_TABLE follows CISA: %s, automatable %s, %s, %s → %s", (e, a, t, m, label) => {
    const table = SSVC_TABLE as Record<string, Record<string, Record<string, Record<string, string>>>>;
    expect(table[e][a][t][m].toLowerCase()).toBe(label);
  });

  const local = "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  const userNeeded = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H";
  const partial = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N";
  it.each<[string, Partial<RiskInput>, Partial<VulnerabilityInput>, string, object]>([
    ["KEV, reachable, network, total, therapy", { exposure: "internet" }, { kev: true, cvssVector: CRITICAL_RCE }, "Act", { exploitation: "active", automatable: true, technicalImpact: "total", missionImpact: "high" }],
    ["KEV on a segmented VLAN is not automatable, still Act when total and high", { exposure: "clinical_segmented" }, { kev: true, cvssVector: CRITICAL_RCE }, "Act", { automatable: false }],
    ["KEV, segmented, partial impact", { exposure: "clinical_segmented" }, { kev: true, cvssVector: partial }, "Attend", { technicalImpact: "partial" }],
    ["KEV, local attack vector, monitor", { criticality: "diagnosis_monitoring", phi: "none" }, { kev: true, cvssVector: local }, "Attend", { automatable: false, missionImpact: "medium" }],
    ["KEV, needs a user, monitor", { criticality: "diagnosis_monitoring", phi: "none" }, { kev: true, cvssVector: userNeeded }, "Attend", { automatable: false }],
    ["KEV, automatable, non-clinical", { criticality: "non_clinical", phi: "none" }, { kev: true, cvssVector: CRITICAL_RCE }, "Attend", { missionImpact: "low" }],
    ["EPSS ≥ 0.1 is a proof of concept", {}, { epss: 0.2, cvssVector: CRITICAL_RCE }, "Attend", { exploitation: "poc" }],
    ["proof of concept, segmented, monitor", { exposure: "clinical_segmented", criticality: "diagnosis_monitoring", phi: "none" }, { epss: 0.2, cvssVector: CRITICAL_RCE }, "Track*", {}],
    ["no exploitation, segmented, total, therapy", { exposure: "clinical_segmented" }, { epss: 0.05, cvssVector: CRITICAL_RCE }, "Track*", { exploitation: "none" }],
    ["no exploitation, partial, non-clinical", { criticality: "non_clinical", phi: "none" }, { epss: 0.01, cvssVector: partial }, "Track", {}],
    ["no vector: automatable and total assumed", {}, { epss: 0.01 }, "Attend", { automatable: true, technicalImpact: "total" }],
    ["unknown exposure counts as reachable", { exposure: null }, { kev: true, cvssVector: CRITICAL_RCE }, "Act", { automatable: true }],
  ])("%s → %s", (_n, over, v, label, points) => {
    const r = risk({ ...over, vulnerabilities: [vuln(v)] });
    expect(r.ssvc).toBe(label);
    expect(r.breakdown.vulnerabilities[0].ssvc).toMatchObject({ label, ...points });
  });

  it("the device shows its most urgent label, whichever vulnerability drives the score", () => {
    const r = risk({ exposure: "clinical_segmented", vulnerabilities: [vuln({ id: "a", epss: 0.9, cvssVector: partial }), vuln({ id: "b", kev: true, cvssVector: CRITICAL_RCE })] });
    expect(r.ssvc).toBe("Act");
  });
});

describe("a device with no vulnerabilities", () => {
  it("scores 0, low, with no driver and no SSVC label", () => {
    expect(risk({})).toMatchObject({ score: 0, tier: "low", ssvc: null, breakdown: { driver: null, rawScore: 0, floors: [] } });
  });
  it("scores from its floors only", () => {
    expect(risk({ unauthorized: true })).toMatchObject({ score: 55, tier: "high", ssvc: null });
  });
});

describe("reproducibility", () => {
  const stored = computeRisk({
    ...base,
    compensatingControls: 0.2,
    unauthorized: true,
    vulnerabilities: [vuln({ id: "CVE-1", epss: 0.61, epssDate: "2025-08-24" }), vuln({ id: "CVE-2", cvssVector: "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", feedDate: "2018-02-27" }), vuln({ id: "CVE-3" })],
  });
  const fromDb = (): RiskBreakdown => JSON.parse(JSON.stringify(stored.breakdown));

  it("a stored breakdown, read back from JSON, reproduces its score, tier and label", () => {
    expect(reproduceRisk(fromDb())).toEqual({ score: stored.score, tier: stored.tier, ssvc: stored.ssvc, matches: true, differences: [] });
  });

  it("keeps every factor's value, source and date, and the model version", () => {
    const b = fromDb();
    expect(b.modelVersion).toBe(RISK_MODEL_VERSION);
    expect(b.feeds).toEqual(FEEDS);
    expect(b.vulnerabilities.find((v) => v.id === "CVE-1")!.likelihood).toEqual({ value: 0.61, source: "EPSS model v2025.03.14", date: "2025-08-24", assumed: false, basis: "epss" });
    expect(b.vulnerabilities.find((v) => v.id === "CVE-2")!.likelihood).toMatchObject({ value: 0.5641, source: "CVSS:3.0 vector (exploitability 2.2 / 3.9)", date: "2018-02-27", basis: "cvss" });
    expect(b.vulnerabilities.find((v) => v.id === "CVE-3")!.likelihood).toMatchObject({ value: 0.3, assumed: true, basis: "default" });
    expect(b.exposure).toEqual({ value: "general_it", source: "segment WARD-4N-VLAN-24", date: null, assumed: false, factor: 0.7 });
    expect(b.controls).toMatchObject({ value: 0.2, applied: 0.2 });
    expect(b.criticality).toMatchObject({ value: "therapy_delivery", source: "category default (infusion pump)", impact: 4 });
    expect(b.phi).toMatchObject({ value: "transmits", impact: 3 });
    expect(b).toMatchObject({ impact: 4, driver: "CVE-1", rawScore: 27, floors: [{ rule: "unauthorized", minimum: 55 }], score: 55, tier: "high", cutoffs: { critical: 80, high: 55, medium: 30 } });
  });

  it.each<[string, (b: RiskBreakdown) => void, RegExp]>([
    ["an edited score", (b) => (b.score = 95), /score: 95 recorded, 55 recomputed/],
    ["an edited likelihood", (b) => (b.vulnerabilities[0].likelihood.value = 0.99), /CVE-1: adjusted likelihood/],
    ["a dropped floor", (b) => (b.unauthorized = false), /the floors differ/],
    ["another model version", (b) => (b.modelVersion = "0.9.0"), /computed with model 0\.9\.0/],
  ])("%s does not reproduce", (_n, tamper, difference) => {
    const b = fromDb();
    tamper(b);
    const result = reproduceRisk(b);
    expect(result.matches).toBe(false);
    expect(result.differences.join("; ")).toMatch(difference);
  });
});

describe("a real case: EternalBlue on Philips IntelliSpace Portal (ICSMA-18-058-02)", () => {
  const kev = JSON.parse(readFileSync(BUNDLED_KEV_FILE, "utf8")) as { catalogVersion: string; dateReleased: string; vulnerabilities: { cveID: string }[] };
  const csaf = JSON.parse(readFileSync(join(BUNDLED_CSAF_DIR, "icsma-18-058-02.json"), "utf8")) as { vulnerabilities: { cve: string; scores: { cvss_v3: { vectorString: string } }[] }[] };
  const cve = "CVE-2017-0143";
  const r = computeRisk({
    criticality: criticalityForCategory("pacs"), criticalitySource: "category default (PACS)", phi: phiForCategory("pacs"), exposure: "general_it", compensatingControls: 0, unauthorized: false, spoofDetected: false,
    vulnerabilities: [{ id: cve, kev: kev.vulnerabilities.some((v) => v.cveID === cve), cvssVector: csaf.vulnerabilities.find((v) => v.cve === cve)!.scores[0].cvss_v3.vectorString }],
    feeds: { kevCatalogVersion: kev.catalogVersion, kevDate: kev.dateReleased.slice(0, 10) },
  });
  it("is known-exploited, on a PHI-storing PACS on a flat network: 56, high, Act", () => {
    expect(r).toMatchObject({ score: 56, tier: "high", ssvc: "Act" });
    expect(r.breakdown.vulnerabilities[0].likelihood).toMatchObject({ value: 1, source: "CISA KEV 2025.08.25", date: "2025-08-25" });
  });
  it("explains itself in plain words", () => {
    expect(topFactors(r.breakdown)).toEqual([
      "Worst vulnerability CVE-2017-0143: known to be exploited (CISA KEV 2025.08.25, 2025-08-25), likelihood 1.",
      "Exposure ×0.7: on a general IT network segment (device segment).",
      "Impact 4 of 5: it stores patient data (PHI).",
      "SSVC Act: exploitation active, automatable, total technical impact, high mission impact.",
    ]);
  });
});

describe("topFactors", () => {
  it("puts floors first, then the driver, exposure, controls, impact and the rest", () => {
    const b = risk({ unauthorized: true, exposure: null, compensatingControls: 0.8, vulnerabilities: [vuln({ id: "CVE-9", epss: 0.61, matchStatus: "needs_review" }), vuln({ id: "CVE-8" })] }).breakdown;
    const lines = topFactors(b, 10);
    expect(lines[0]).toBe("The device is not authorized where it is: at least 55 (high).");
    expect(lines[1]).toBe("Worst vulnerability CVE-9 (match needs review): 61% chance of exploitation within 30 days (EPSS model v2025.03.14, 2025-08-26).");
    expect(lines[2]).toBe("Exposure ×0.7: network segment unknown, treated as general IT.");
    expect(lines[3]).toBe("Compensating controls reduce the likelihood by 50% (capped).");
    expect(lines[4]).toBe("Impact 4 of 5: therapy delivery device.");
    expect(lines.at(-1)).toBe("1 other vulnerability scores no higher.");
    expect(topFactors(b, 2)).toHaveLength(2);
  });
  it("says when nothing matches", () => expect(topFactors(risk({}).breakdown)[0]).toBe("No known vulnerability matches this device."));
});

describe("category defaults", () => {
  it.each([
    ["ventilator", "life_sustaining", "transmits"],
    ["infusion_pump", "therapy_delivery", "transmits"],
    ["patient_monitor", "diagnosis_monitoring", "transmits"],
    ["imaging", "diagnosis_monitoring", "stores"],
    ["lab_analyzer", "diagnosis_monitoring", "stores"],
    ["pacs", "clinical_workflow", "stores"],
    ["workstation", "clinical_workflow", "stores"],
    ["printer", "non_clinical", "transmits"],
    ["network_gear", "non_clinical", "none"],
    ["usb_peripheral", "non_clinical", "none"],
    ["phone", "non_clinical", "none"],
    ["iot", "non_clinical", "none"],
    ["unknown", "non_clinical", "none"],
    ["something new", "non_clinical", "none"],
  ])("%s → %s, PHI %s", (category, criticality, phi) => {
    expect(criticalityForCategory(category)).toBe(criticality);
    expect(phiForCategory(category)).toBe(phi);
  });
});
