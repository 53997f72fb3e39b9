import { describe, expect, it } from "vitest";
import { computeRisk, type RiskInput } from "./risk-model";
import { explainRisk } from "./explain-risk";
import { triggerWords } from "./trigger-words";

const pump: RiskInput = {
  criticality: "life_sustaining",
  criticalitySource: "set by a clinical engineer",
  phi: "transmits",
  exposure: "general_it",
  exposureSource: "segment ICU-VLAN-20",
  compensatingControls: 0,
  unauthorized: false,
  spoofDetected: false,
  vulnerabilities: [{ id: "CVE-2017-0143", kev: true, cvssVector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H" }],
  feeds: { kevCatalogVersion: "2025.08.25", kevDate: "2025-08-25T00:00:00.000Z" },
};

describe("explainRisk", () => {
  it("reads the chain of factors, the impact and the floor in words", () => {
    const e = explainRisk(computeRisk(pump).breakdown);
    expect(e.steps).toEqual([
      "Likelihood 1.0 (CISA KEV 2025.08.25) × exposure 0.7 (general IT, segment ICU-VLAN-20) × (1 − controls 0) = 0.7",
      "impact 5 = max(criticality life-sustaining 5, PHI transmits 3)",
      "score = 100 × 0.7 × 5 ÷ 5 = 70",
    ]);
    expect(e.floors).toEqual(["A known-exploited vulnerability (CISA KEV) on a life-sustaining device: at least 80"]);
    expect(e.tier).toBe("Score 80, tier critical (critical ≥ 80, high ≥ 55, medium ≥ 30, low below).");
    expect(e.ssvc).toMatch(/^SSVC Act \(from CVE-2017-0143\): exploitation active/);
  });

  it("marks assumed factors and says when nothing matches", () => {
    const none = explainRisk(computeRisk({ ...pump, exposure: null, vulnerabilities: [] }).breakdown);
    expect(none.steps[0]).toBe("No known vulnerability matches this device, so likelihood is 0");
    expect(none.steps[2]).toBe("score = 0");
    const guessed = explainRisk(computeRisk({ ...pump, exposure: null, compensatingControls: 0.8, vulnerabilities: [{ id: "CVE-2020-0001", kev: false }] }).breakdown);
    expect(guessed.steps[0]).toBe("Likelihood 0.3 (default: no KEV listing, EPSS score or CVSS vector, assumed) × exposure 0.7 (unknown, treated as general IT, assumed) × (1 − controls 0.5, capped from 0.8) = 0.105");
  });
});

describe("triggerWords", () => {
  it("says a model rescoring is the upgrade to the model's major version, and leaves the others as they are", () => {
    expect(triggerWords("model", "2.0.0")).toBe("the upgrade to model v2");
    expect(triggerWords("model")).toBe("a risk model upgrade");
    expect(triggerWords("ingest", "2.0.0")).toBe("ingest");
  });
});
