import { describe, expect, it } from "vitest";
import { computeRisk, likelihoodOf, reproduceRisk, tierOf, topFactors, type RiskInput, type VulnerabilityInput } from "./risk-model";

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
};
const vuln = (v: Partial<VulnerabilityInput>): VulnerabilityInput => ({ id: "CVE-2020-0001", kev: false, ...v });
const score = (over: Partial<RiskInput>) => computeRisk({ ...base, ...over });

describe("likelihood", () => {
  it.each<[string, Partial<VulnerabilityInput>, number, RegExp]>([
    ["KEV wins over everything", { kev: true, epss: 0.01, cvssExploitability: 1 }, 1, /CISA KEV/],
    ["then EPSS", { epss: 0.42, cvssExploitability: 3.9 }, 0.42, /EPSS/],
    ["then CVSS exploitability / 3.9", { cvssExploitability: 2.8 }, 0.718, /exploitability 2.8 \/ 3.9/],
    ["else an assumed 0.3, said so", {}, 0.3, /assumed/],
  ])("%s", (_n, v, value, source) => {
    const l = likelihoodOf(vuln(v));
    expect(l.value).toBe(value);
    expect(l.source).toMatch(source);
  });
});

describe("device score", () => {
  it("is 0 without vulnerabilities or floors, with no SSVC label", () => {
    expect(score({})).toMatchObject({ score: 0, tier: "low", ssvc: null });
  });

  it.each<[string, Partial<RiskInput>, number]>([
    // 100 × likelihood × exposure × (1 − controls) × impact / 5
    ["EPSS 0.5, general IT, impact 4", { vulnerabilities: [vuln({ epss: 0.5 })] }, 28],
    ["same on the internet", { exposure: "internet", vulnerabilities: [vuln({ epss: 0.5 })] }, 40],
    ["same on a segmented clinical VLAN", { exposure: "clinical_segmented", vulnerabilities: [vuln({ epss: 0.5 })] }, 16],
    ["same USB-only", { exposure: "usb_only", vulnerabilities: [vuln({ epss: 0.5 })] }, 8],
    ["controls 0.3", { compensatingControls: 0.3, vulnerabilities: [vuln({ epss: 0.5 })] }, 20],
    ["controls capped at 0.5", { compensatingControls: 0.9, vulnerabilities: [vuln({ epss: 0.5 })] }, 14],
    ["impact from PHI when higher: non-clinical PACS storing PHI", { criticality: "non_clinical", phi: "stores", vulnerabilities: [vuln({ kev: true })] }, 56],
    ["life-sustaining, internet, KEV", { criticality: "life_sustaining", exposure: "internet", vulnerabilities: [vuln({ kev: true })] }, 100],
    ["the worst vulnerability drives", { vulnerabilities: [vuln({ id: "CVE-A", epss: 0.1 }), vuln({ id: "CVE-B", kev: true })] }, 56],
  ])("%s → %i", (_n, over, expected) => {
    expect(score(over).score).toBe(expected);
  });

  it("names the driving vulnerability", () => {
    expect(score({ vulnerabilities: [vuln({ id: "CVE-A", epss: 0.1 }), vuln({ id: "CVE-B", kev: true })] }).breakdown.driver).toBe("CVE-B");
  });
});

describe("floors", () => {
  it("a KEV vulnerability on a life-sustaining device is critical even when segmented", () => {
    const r = score({ criticality: "life_sustaining", exposure: "usb_only", vulnerabilities: [vuln({ kev: true })] });
    expect(r.breakdown.rawScore).toBe(20);
    expect(r).toMatchObject({ score: 80, tier: "critical" });
    expect(r.breakdown.floors.map((f) => f.rule)).toEqual(["kev_on_life_sustaining"]);
  });
  it("a detected spoof is critical with no vulnerability at all", () => expect(score({ spoofDetected: true })).toMatchObject({ score: 80, tier: "critical" }));
  it("an unauthorized device is at least high", () => expect(score({ unauthorized: true })).toMatchObject({ score: 60, tier: "high" }));
  it("a floor never lowers a higher score", () => expect(score({ unauthorized: true, exposure: "internet", criticality: "life_sustaining", vulnerabilities: [vuln({ epss: 0.9 })] }).score).toBe(90));
  it("a non-KEV vulnerability on a life-sustaining device has no floor", () => expect(score({ criticality: "life_sustaining", vulnerabilities: [vuln({ epss: 0.2 })] }).breakdown.floors).toEqual([]));
});

describe("tiers", () => {
  it.each([[100, "critical"], [80, "critical"], [79, "high"], [60, "high"], [59, "medium"], [30, "medium"], [29, "low"], [0, "low"]] as const)("%i → %s", (s, tier) => {
    expect(tierOf(s)).toBe(tier);
  });
});

describe("SSVC", () => {
  it.each<[string, Partial<RiskInput>, Partial<VulnerabilityInput>, string]>([
    ["KEV, automatable, high impact → Act", { exposure: "internet" }, { kev: true }, "Act"],
    ["KEV, not automatable, high impact → Attend", { exposure: "clinical_segmented" }, { kev: true }, "Attend"],
    ["KEV, automatable, medium impact → Attend", { criticality: "diagnosis_monitoring", phi: "none" }, { kev: true }, "Attend"],
    ["proof of concept (EPSS ≥ 0.1), automatable, high → Attend", {}, { epss: 0.2 }, "Attend"],
    ["proof of concept, segmented, high → Track*", { exposure: "clinical_segmented" }, { epss: 0.2 }, "Track*"],
    ["no known exploitation, non-clinical → Track", { criticality: "non_clinical", phi: "none" }, { epss: 0.01 }, "Track"],
    ["local attack vector is not automatable", { exposure: "internet" }, { kev: true, networkAttack: false }, "Attend"],
  ])("%s", (_n, over, v, label) => {
    expect(score({ ...over, vulnerabilities: [vuln(v)] }).ssvc).toBe(label);
  });
  it("the device label is its most urgent vulnerability's", () => {
    expect(score({ exposure: "internet", vulnerabilities: [vuln({ id: "a", epss: 0.01 }), vuln({ id: "b", kev: true })] }).ssvc).toBe("Act");
  });
});

describe("reproducibility", () => {
  const stored = computeRisk({ ...base, compensatingControls: 0.2, unauthorized: true, vulnerabilities: [vuln({ id: "CVE-1", epss: 0.61, epssModel: "v2025.03.14", epssDate: "2026-11-27" }), vuln({ id: "CVE-2", cvssExploitability: 3.9 })] });

  it("a stored breakdown, read back from JSON, reproduces its score", () => {
    const fromDb = JSON.parse(JSON.stringify(stored.breakdown));
    expect(reproduceRisk(fromDb)).toEqual({ score: stored.score, tier: stored.tier, matches: true });
  });

  it("keeps every factor's value, source and feed date, and the model version", () => {
    const b = stored.breakdown;
    expect(b.modelVersion).toBe("1.0.0");
    expect(b.vulnerabilities.find((v) => v.id === "CVE-1")!.likelihood).toEqual({ value: 0.61, source: "EPSS model v2025.03.14", date: "2026-11-27" });
    expect(b.exposure).toEqual({ value: "general_it", source: "segment WARD-4N-VLAN-24", factor: 0.7 });
    expect(b.criticality.source).toBe("category default (infusion pump)");
  });

  it("a tampered breakdown does not reproduce", () => {
    const tampered = JSON.parse(JSON.stringify(stored.breakdown));
    tampered.score = 95;
    expect(reproduceRisk(tampered).matches).toBe(false);
  });

  it("explains itself in plain words", () => {
    const lines = topFactors(stored.breakdown);
    expect(lines[0]).toMatch(/not authorized/);
    expect(lines.join(" ")).toMatch(/CVE-2: likelihood 1 \(CVSS exploitability 3.9/);
  });
});
