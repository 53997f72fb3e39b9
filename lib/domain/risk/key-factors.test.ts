import { describe, expect, it } from "vitest";
import { isReadableBreakdown, keyFactors } from "./key-factors";
import { computeRisk, type RiskInput, type VulnerabilityInput } from "./risk-model";

const base: RiskInput = {
  criticality: "therapy_delivery",
  phi: "transmits",
  exposure: "general_it",
  compensatingControls: 0,
  unauthorized: false,
  spoofDetected: false,
  vulnerabilities: [],
};
const vuln = (v: Partial<VulnerabilityInput>): VulnerabilityInput => ({ id: "CVE-2023-30559", kev: false, ...v });
const factors = (over: Partial<RiskInput>, limit?: number) => keyFactors(computeRisk({ ...base, ...over }).breakdown, limit);

describe("keyFactors", () => {
  it("puts a KEV driver first, then impact, then exposure", () => {
    expect(factors({ vulnerabilities: [vuln({ kev: true })] })).toEqual([
      "Known exploited (CISA KEV): CVE-2023-30559",
      "Therapy delivery device, impact 4 of 5",
      "On a flat IT network",
    ]);
  });

  it("a floor that decides the score comes before everything", () => {
    expect(factors({ criticality: "life_sustaining", exposure: "clinical_segmented", vulnerabilities: [vuln({ kev: true })] })[0]).toBe("Known-exploited flaw on a life-sustaining device");
    expect(factors({ spoofDetected: true })[0]).toBe("Spoof detected: not physically what it claims to be");
    expect(factors({ unauthorized: true })).toEqual(["Not authorized where it is", "Therapy delivery device, impact 4 of 5", "On a flat IT network"]);
  });

  it("ranks by how close each factor is to its maximum", () => {
    // EPSS 0.2 weighs less than internet exposure (1) and impact 4 of 5.
    expect(factors({ exposure: "internet", vulnerabilities: [vuln({ epss: 0.2 })] })).toEqual([
      "Reachable from the internet",
      "Therapy delivery device, impact 4 of 5",
      "CVE-2023-30559: 20% chance of exploitation (EPSS)",
    ]);
  });

  it("says when a low EPSS was raised to the CVSS floor (model v2)", () => {
    expect(factors({ exposure: "internet", vulnerabilities: [vuln({ epss: 0.0004, cvssExploitability: 3.9 })] })[2]).toBe("CVE-2023-30559: 0.04% chance of exploitation (EPSS), counted as 10% (CVSS floor)");
  });

  it("names patient data when it, not criticality, sets the impact", () => {
    expect(factors({ criticality: "clinical_workflow", phi: "stores", vulnerabilities: [vuln({ kev: true })] })).toContain("Stores patient data (PHI), impact 4 of 5");
  });

  it("says when a match needs review, and words CVSS and missing data plainly", () => {
    expect(factors({ vulnerabilities: [vuln({ cvssExploitability: 3.9, matchStatus: "needs_review" })] })[0]).toBe("CVE-2023-30559 (match needs review): easy to exploit (CVSS)");
    expect(factors({ exposure: "usb_only", vulnerabilities: [vuln({})] }, 2)).toEqual(["Therapy delivery device, impact 4 of 5", "CVE-2023-30559: no exploitation data"]);
    expect(factors({ exposure: null, vulnerabilities: [vuln({ kev: true })] })).toContain("Network segment unknown (treated as IT)");
  });

  it("never lists compensating controls, and honours the limit", () => {
    const all = factors({ compensatingControls: 0.5, vulnerabilities: [vuln({ kev: true })] }, 10);
    expect(all.join(" ")).not.toMatch(/control/i);
    expect(factors({ vulnerabilities: [vuln({ kev: true })] }, 2)).toHaveLength(2);
  });
});

describe("isReadableBreakdown", () => {
  it("accepts a breakdown and refuses anything else", () => {
    expect(isReadableBreakdown(computeRisk(base).breakdown)).toBe(true);
    for (const junk of [null, "x", 3, {}, { vulnerabilities: "no" }, { driver: "CVE-1" }]) expect(isReadableBreakdown(junk)).toBe(false);
  });
});
