// Risk model v1 — open, explainable, reproducible. docs/risk-model.md is the long form.
//
// Per vulnerability:  likelihood × exposure × (1 − compensating controls)
//   likelihood  = 1 if in CISA KEV; else the EPSS probability; else CVSS exploitability / 3.9;
//                 else 0.3, marked "assumed" (a known vulnerability with no data is not harmless)
//   exposure    = internet 1.0, general IT segment 0.7, segmented clinical segment 0.4, USB-only 0.2
//   controls    = compensating controls (NAC quarantine, micro-segmentation…), capped at 0.5:
//                 no control makes a vulnerable device more than half as safe
// Impact 1–5 = the higher of clinical criticality (life-sustaining 5, therapy delivery 4,
//   diagnosis/monitoring 3, clinical workflow 2, non-clinical 1) and data (stores PHI 4,
//   transmits PHI 3, none 1).
// Device score = round(100 × max over its vulnerabilities × impact / 5), 0 to 100.
// Floors: a KEV vulnerability on a life-sustaining device, or a detected spoof → critical;
//   an unauthorized device → at least high.
// Tiers: critical ≥ 80, high ≥ 60, medium ≥ 30, low below. 80 is reached only by a likely
//   exploit on an exposed, clinically important device (e.g. EPSS 0.9 × general IT 0.7 ×
//   impact 5 = 63 is high, KEV × internet × impact 4 = 80 is critical).
// SSVC (CISA's deployer decision, simplified): see SSVC_TABLE below.
// Every factor is stored with its value, source and feed date, and the model version, so that
// reproduceRisk(breakdown) gives the same score later, whatever the feeds say by then.

import type { Criticality, PhiHandling as Phi } from "./criticality";
import type { EXPOSURES } from "./vocabulary";

export const RISK_MODEL_VERSION = "1.0.0";

export type { Criticality, Phi };
export type Exposure = (typeof EXPOSURES)[number];
export type Tier = "critical" | "high" | "medium" | "low";
export type Ssvc = "Track" | "Track*" | "Attend" | "Act";

export const CRITICALITY_IMPACT: Record<Criticality, number> = { life_sustaining: 5, therapy_delivery: 4, diagnosis_monitoring: 3, clinical_workflow: 2, non_clinical: 1 };
export const PHI_IMPACT: Record<Phi, number> = { stores: 4, transmits: 3, none: 1 };
export const EXPOSURE_FACTOR: Record<Exposure, number> = { internet: 1.0, general_it: 0.7, clinical_segmented: 0.4, usb_only: 0.2 };
export const TIER_CUTOFFS: [Tier, number][] = [["critical", 80], ["high", 60], ["medium", 30], ["low", 0]];
export const CONTROLS_CAP = 0.5;
export const ASSUMED_LIKELIHOOD = 0.3;
export const EPSS_POC_THRESHOLD = 0.1;

export type VulnerabilityInput = {
  id: string;
  kev: boolean;
  kevCatalogVersion?: string | null;
  epss?: number | null;
  epssModel?: string | null;
  epssDate?: string | null;
  cvssVector?: string | null;
  cvssExploitability?: number | null;
  /** Network-reachable attack vector (CVSS AV:N), for SSVC's "automatable". */
  networkAttack?: boolean;
};

export type RiskInput = {
  criticality: Criticality;
  criticalitySource: string;
  phi: Phi;
  exposure: Exposure;
  exposureSource: string;
  compensatingControls: number;
  unauthorized: boolean;
  spoofDetected: boolean;
  vulnerabilities: VulnerabilityInput[];
};

export type Factor<T = number> = { value: T; source: string; date?: string | null };
export type VulnerabilityFactors = { id: string; kev: boolean; likelihood: Factor; product: number; ssvc: Ssvc };
export type Floor = { rule: "kev_on_life_sustaining" | "spoof_detected" | "unauthorized"; minimum: number; tier: Tier };

export type RiskBreakdown = {
  modelVersion: string;
  exposure: Factor<Exposure> & { factor: number };
  controls: Factor & { applied: number };
  criticality: Factor<Criticality> & { impact: number };
  phi: Factor<Phi> & { impact: number };
  impact: number;
  vulnerabilities: VulnerabilityFactors[];
  driver: string | null;
  rawScore: number;
  floors: Floor[];
  score: number;
  tier: Tier;
  ssvc: Ssvc | null;
};

export type RiskResult = { score: number; tier: Tier; ssvc: Ssvc | null; modelVersion: string; breakdown: RiskBreakdown };

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function likelihoodOf(v: VulnerabilityInput): Factor {
  if (v.kev) return { value: 1, source: `CISA KEV${v.kevCatalogVersion ? ` ${v.kevCatalogVersion}` : ""}`, date: v.kevCatalogVersion ?? null };
  if (typeof v.epss === "number") return { value: round3(v.epss), source: `EPSS${v.epssModel ? ` model ${v.epssModel}` : ""}`, date: v.epssDate ?? null };
  if (typeof v.cvssExploitability === "number") return { value: round3(Math.min(1, v.cvssExploitability / 3.9)), source: `CVSS exploitability ${v.cvssExploitability} / 3.9 (${v.cvssVector ?? "vector"})` };
  return { value: ASSUMED_LIKELIHOOD, source: "assumed: no KEV, EPSS or CVSS data" };
}

export function tierOf(score: number): Tier {
  return TIER_CUTOFFS.find(([, min]) => score >= min)![0];
}

type Exploitation = "active" | "poc" | "none";
type MissionImpact = "high" | "medium" | "low";

/** SSVC deployer decisions, simplified to the evidence we hold: [exploitation][impact][automatable]. */
export const SSVC_TABLE: Record<Exploitation, Record<MissionImpact, [notAutomatable: Ssvc, automatable: Ssvc]>> = {
  active: { high: ["Attend", "Act"], medium: ["Track*", "Attend"], low: ["Track*", "Track*"] },
  poc: { high: ["Track*", "Attend"], medium: ["Track*", "Track*"], low: ["Track", "Track"] },
  none: { high: ["Track", "Track*"], medium: ["Track", "Track"], low: ["Track", "Track"] },
};
const SSVC_RANK: Ssvc[] = ["Track", "Track*", "Attend", "Act"];

function ssvcOf(v: VulnerabilityInput, input: RiskInput): Ssvc {
  const exploitation: Exploitation = v.kev ? "active" : (v.epss ?? 0) >= EPSS_POC_THRESHOLD ? "poc" : "none";
  const impact = CRITICALITY_IMPACT[input.criticality] >= 4 || input.phi === "stores" ? "high" : CRITICALITY_IMPACT[input.criticality] === 3 || input.phi === "transmits" ? "medium" : "low";
  const automatable = v.networkAttack !== false && (input.exposure === "internet" || input.exposure === "general_it");
  return SSVC_TABLE[exploitation][impact][automatable ? 1 : 0];
}

function floorsFor(input: RiskInput): Floor[] {
  const floors: Floor[] = [];
  if (input.criticality === "life_sustaining" && input.vulnerabilities.some((v) => v.kev)) floors.push({ rule: "kev_on_life_sustaining", minimum: 80, tier: "critical" });
  if (input.spoofDetected) floors.push({ rule: "spoof_detected", minimum: 80, tier: "critical" });
  if (input.unauthorized) floors.push({ rule: "unauthorized", minimum: 60, tier: "high" });
  return floors;
}

/** The score from recorded factors only: the single formula both computing and reproducing use. */
function scoreFrom(b: Pick<RiskBreakdown, "vulnerabilities" | "impact" | "floors">): { rawScore: number; score: number } {
  const worst = Math.max(0, ...b.vulnerabilities.map((v) => v.product));
  const rawScore = Math.round((100 * worst * b.impact) / 5);
  return { rawScore, score: Math.max(rawScore, ...b.floors.map((f) => f.minimum)) };
}

export function computeRisk(input: RiskInput): RiskResult {
  const exposure = EXPOSURE_FACTOR[input.exposure];
  const controls = Math.min(CONTROLS_CAP, Math.max(0, input.compensatingControls));
  const vulnerabilities = input.vulnerabilities
    .map((v) => {
      const likelihood = likelihoodOf(v);
      return { id: v.id, kev: v.kev, likelihood, product: round3(likelihood.value * exposure * (1 - controls)), ssvc: ssvcOf(v, input) };
    })
    .sort((a, b) => b.product - a.product || a.id.localeCompare(b.id));
  const impactCriticality = CRITICALITY_IMPACT[input.criticality];
  const impactPhi = PHI_IMPACT[input.phi];
  const floors = floorsFor(input);
  const impact = Math.max(impactCriticality, impactPhi);
  const { rawScore, score } = scoreFrom({ vulnerabilities, impact, floors });
  const ssvc = vulnerabilities.length ? vulnerabilities.map((v) => v.ssvc).reduce((a, b) => (SSVC_RANK.indexOf(b) > SSVC_RANK.indexOf(a) ? b : a)) : null;
  const breakdown: RiskBreakdown = {
    modelVersion: RISK_MODEL_VERSION,
    exposure: { value: input.exposure, source: input.exposureSource, factor: exposure },
    controls: { value: input.compensatingControls, source: "device record", applied: controls },
    criticality: { value: input.criticality, source: input.criticalitySource, impact: impactCriticality },
    phi: { value: input.phi, source: "device record", impact: impactPhi },
    impact,
    vulnerabilities,
    driver: vulnerabilities[0]?.id ?? null,
    rawScore,
    floors,
    score,
    tier: tierOf(score),
    ssvc,
  };
  return { score, tier: breakdown.tier, ssvc, modelVersion: RISK_MODEL_VERSION, breakdown };
}

/** Recomputes a stored score from its breakdown alone; equal to breakdown.score when intact. */
export function reproduceRisk(b: RiskBreakdown): { score: number; tier: Tier; matches: boolean } {
  const vulnerabilities = b.vulnerabilities.map((v) => ({ ...v, product: round3(v.likelihood.value * b.exposure.factor * (1 - b.controls.applied)) }));
  const { score } = scoreFrom({ vulnerabilities, impact: Math.max(b.criticality.impact, b.phi.impact), floors: b.floors });
  return { score, tier: tierOf(score), matches: score === b.score };
}

/** Plain-English lines for a CISO, most important first. */
export function topFactors(b: RiskBreakdown, limit = 4): string[] {
  const lines: string[] = [];
  for (const f of b.floors) lines.push(f.rule === "spoof_detected" ? "A spoof was detected on this device: critical whatever its vulnerabilities." : f.rule === "unauthorized" ? "The device is not authorized where it is: at least high." : "A known-exploited (KEV) vulnerability on a life-sustaining device: critical.");
  const d = b.vulnerabilities[0];
  if (d) lines.push(`${d.id}: likelihood ${d.likelihood.value} (${d.likelihood.source}), × exposure ${b.exposure.factor} (${b.exposure.value.replace(/_/g, " ")}), × ${1 - b.controls.applied} after controls.`);
  lines.push(`Impact ${b.impact}/5 from ${b.criticality.impact >= b.phi.impact ? `clinical criticality (${b.criticality.value.replace(/_/g, " ")})` : `patient data (${b.phi.value} PHI)`}.`);
  if (b.vulnerabilities.length > 1) lines.push(`${b.vulnerabilities.length - 1} more vulnerabilit${b.vulnerabilities.length === 2 ? "y" : "ies"} scored lower.`);
  return lines.slice(0, limit);
}
