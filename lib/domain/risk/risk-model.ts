/**
 * Risk model v1.0.0: open, explainable, reproducible. Pure; one score per device, 0 to 100.
 *
 * PER VULNERABILITY  exposure-adjusted likelihood = likelihood × exposure × (1 − controls)
 *   likelihood: 1 if the CVE is in CISA's Known Exploited Vulnerabilities catalog (exploitation
 *     is a fact); else its EPSS probability (0..1, exploitation in the next 30 days); else the
 *     CVSS 3.x exploitability subscore ÷ 3.9, its maximum; else 0.3, flagged "assumed": a known
 *     vulnerability with no data is not harmless, but is not presumed exploited either. CVSS 2.0
 *     and 4.0 vectors have no 3.x subscore, so they take the default too.
 *   exposure: internet 1.0 · general IT segment 0.7 · segmented clinical segment 0.4 ·
 *     USB-only 0.2; unknown → 0.7 "assumed" (most hospital networks are flat).
 *   controls: compensating controls (NAC quarantine, micro-segmentation…), 0 to 0.5. Capped at
 *     0.5 because no control makes a vulnerable device more than half as safe.
 * IMPACT 1–5 = the higher of clinical criticality (life-sustaining 5, therapy delivery 4,
 *   diagnosis/monitoring 3, clinical workflow 2, non-clinical 1) and patient data (stores PHI 4,
 *   transmits PHI 3, none 1).
 * DEVICE SCORE = round(100 × highest exposure-adjusted likelihood × impact ÷ 5); 0 with no
 *   vulnerabilities. The worst vulnerability drives: one open door is enough.
 * FLOORS (never lower a score): a KEV vulnerability on a life-sustaining device → 80 (critical);
 *   a detected spoof → 80 (critical: something is lying about what it is); an unauthorized
 *   device → 55 (high). A match that "needs review" counts: it is shown, never hidden.
 * TIERS: critical ≥ 80, high ≥ 55, medium ≥ 30, low below. With a certain exploit (likelihood
 *   1) the score is exposure × impact × 20, so the cut-offs fall between recognisable cases:
 *   critical = internet-exposed and impact ≥ 4 (80, 100); high = internet and impact 3 (60),
 *   or a flat IT network and impact ≥ 4 (56, 70); medium = flat network and impact 3 (42),
 *   internet and impact 2 (40), a segmented clinical VLAN and impact ≥ 4 (32, 40); low = the
 *   rest (segmented impact 3 is 24, USB-only at most 20). High starts at 55, not 60, so that a
 *   known-exploited flaw on an infusion pump on a flat network (56) is high, not medium.
 * SSVC LABEL (CISA's SSVC tree, v2.0.3): per vulnerability, from
 *   exploitation: active if in KEV, poc if EPSS ≥ 0.1 (roughly the top decile), else none;
 *   automatable: the device is reachable (internet, general IT or unknown) and the CVSS vector
 *     says network attack without user interaction (AV:N, UI:N; no vector → assumed yes);
 *   technical impact: total when the vector gives high confidentiality and integrity loss
 *     (C:H/I:H, VC:H/VI:H, or C:C/I:C in 2.0; no vector → assumed total), else partial;
 *   mission and well-being: high for impact ≥ 4, medium for 3, low for 1–2.
 *   The device shows its most urgent label (Act > Attend > Track* > Track); see SSVC_TABLE.
 * RISK ACCEPTANCE is not part of the score: an accepted risk keeps its score and is flagged
 *   apart, with an owner and an expiry, so accepting never makes a device look safer.
 * REPRODUCTION: the breakdown keeps every factor's value, source and date, the floors, the
 *   driver and the cut-offs; reproduceRisk(breakdown) recomputes the score from it alone.
 * CATEGORY DEFAULTS (criticality.ts, corrected per device by clinical engineers): ventilator →
 *   life-sustaining; infusion pump → therapy delivery; patient monitor, imaging, lab analyzer →
 *   diagnosis/monitoring; PACS, workstation → clinical workflow; anything else (printer,
 *   network gear, USB peripheral, phone, IoT, unknown) → non-clinical. PHI: PACS, imaging, lab
 *   analyzer, workstation store it; monitors, pumps, ventilators, printers transmit it.
 * Any change to a factor, weight, floor, cut-off or table changes RISK_MODEL_VERSION.
 */
import { scoreCvssVector } from "../vulns/cvss";
import type { Criticality, PhiHandling } from "./criticality";
import type { EXPOSURES } from "../words/vocabulary";

export { criticalityForCategory, phiForCategory } from "./criticality";
export type { Criticality, PhiHandling };

export const RISK_MODEL_VERSION = "1.1.0";

export type Exposure = (typeof EXPOSURES)[number];
export type Tier = "critical" | "high" | "medium" | "low";
export type Ssvc = "Track" | "Track*" | "Attend" | "Act";
type Level = "low" | "medium" | "high";
type Exploitation = "none" | "poc" | "active";

export const EXPOSURE_FACTOR: Record<Exposure, number> = { internet: 1, general_it: 0.7, clinical_segmented: 0.4, isolated: 0.3, usb_only: 0.2 };
export const UNKNOWN_EXPOSURE_FACTOR = 0.7;
export const CRITICALITY_IMPACT: Record<Criticality, number> = { life_sustaining: 5, therapy_delivery: 4, diagnosis_monitoring: 3, clinical_workflow: 2, non_clinical: 1 };
export const PHI_IMPACT: Record<PhiHandling, number> = { stores: 4, transmits: 3, none: 1 };
export const CONTROLS_CAP = 0.5;
export const DEFAULT_LIKELIHOOD = 0.3;
export const EPSS_POC_THRESHOLD = 0.1;
export const TIER_CUTOFFS = { critical: 80, high: 55, medium: 30 } as const;

/** CISA SSVC v2.0.3: [exploitation][automatable?][technical impact][mission & well-being]. */
export const SSVC_TABLE: Record<Exploitation, Record<"no" | "yes", Record<"partial" | "total", Record<Level, Ssvc>>>> = {
  none: { no: { partial: { low: "Track", medium: "Track", high: "Track" }, total: { low: "Track", medium: "Track", high: "Track*" } }, yes: { partial: { low: "Track", medium: "Track", high: "Attend" }, total: { low: "Track", medium: "Track", high: "Attend" } } },
  poc: { no: { partial: { low: "Track", medium: "Track", high: "Track*" }, total: { low: "Track", medium: "Track*", high: "Attend" } }, yes: { partial: { low: "Track", medium: "Track", high: "Attend" }, total: { low: "Track", medium: "Track*", high: "Attend" } } },
  active: { no: { partial: { low: "Track", medium: "Track", high: "Attend" }, total: { low: "Track", medium: "Attend", high: "Act" } }, yes: { partial: { low: "Attend", medium: "Attend", high: "Act" }, total: { low: "Attend", medium: "Act", high: "Act" } } },
};
const SSVC_ORDER: Ssvc[] = ["Track", "Track*", "Attend", "Act"];

export type VulnerabilityInput = {
  id: string;
  kev: boolean;
  epss?: number | null;
  epssDate?: string | null;
  cvssVector?: string | null;
  /** The CVSS 3.x exploitability subscore if already known; else read from cvssVector. */
  cvssExploitability?: number | null;
  /** When the CVSS data was published or imported (the advisory's date). */
  feedDate?: string | null;
  matchStatus?: "affected" | "needs_review";
};
export type FeedDates = { kevCatalogVersion?: string | null; kevDate?: string | null; epssModel?: string | null; epssDate?: string | null };
export type RiskInput = {
  criticality: Criticality;
  criticalitySource?: string;
  phi: PhiHandling;
  phiSource?: string;
  exposure: Exposure | null | undefined;
  exposureSource?: string;
  compensatingControls: number;
  controlsSource?: string;
  unauthorized: boolean;
  spoofDetected: boolean;
  vulnerabilities: VulnerabilityInput[];
  feeds?: FeedDates;
};

export type Factor<T> = { value: T; source: string; date: string | null; assumed: boolean };
export type SsvcPoints = { exploitation: Exploitation; automatable: boolean; technicalImpact: "partial" | "total"; missionImpact: Level; label: Ssvc };
export type VulnerabilityFactors = {
  id: string;
  kev: boolean;
  matchStatus: "affected" | "needs_review";
  likelihood: Factor<number> & { basis: "kev" | "epss" | "cvss" | "default" };
  /** likelihood × exposure × (1 − controls), rounded to 4 decimals: the number the score uses. */
  adjusted: number;
  ssvc: SsvcPoints;
};
export type FloorRule = "kev_on_life_sustaining" | "spoof_detected" | "unauthorized";
export type Floor = { rule: FloorRule; minimum: number };
export type RiskBreakdown = {
  modelVersion: string;
  feeds: FeedDates;
  exposure: Factor<Exposure | "unknown"> & { factor: number };
  controls: Factor<number> & { applied: number };
  criticality: Factor<Criticality> & { impact: number };
  phi: Factor<PhiHandling> & { impact: number };
  unauthorized: boolean;
  spoofDetected: boolean;
  impact: number;
  vulnerabilities: VulnerabilityFactors[];
  driver: string | null;
  rawScore: number;
  floors: Floor[];
  cutoffs: typeof TIER_CUTOFFS;
  score: number;
  tier: Tier;
  ssvc: Ssvc | null;
};
export type RiskResult = { score: number; tier: Tier; ssvc: Ssvc | null; modelVersion: string; breakdown: RiskBreakdown };

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
const metric = (vector: string | null | undefined, name: string) => new RegExp(`(?:^|/)${name}:([A-Z])`).exec(vector ?? "")?.[1];
const factor = <T>(value: T, source: string, date: string | null = null, assumed = false): Factor<T> => ({ value, source, date, assumed });

export function tierOf(score: number, cutoffs: typeof TIER_CUTOFFS = TIER_CUTOFFS): Tier {
  return score >= cutoffs.critical ? "critical" : score >= cutoffs.high ? "high" : score >= cutoffs.medium ? "medium" : "low";
}

/** KEV, else EPSS, else CVSS 3.x exploitability ÷ 3.9, else the assumed default; with its source. */
export function likelihoodOf(v: VulnerabilityInput, feeds: FeedDates = {}): VulnerabilityFactors["likelihood"] {
  if (v.kev) return { ...factor(1, `CISA KEV ${feeds.kevCatalogVersion ?? "(catalog version not recorded)"}`, feeds.kevDate ?? null), basis: "kev" };
  if (typeof v.epss === "number" && v.epss >= 0 && v.epss <= 1) {
    return { ...factor(round4(v.epss), `EPSS model ${feeds.epssModel ?? "(version not recorded)"}`, v.epssDate ?? feeds.epssDate ?? null), basis: "epss" };
  }
  const scored = v.cvssVector ? scoreCvssVector(v.cvssVector) : null;
  const exploitability = v.cvssExploitability ?? (scored?.ok ? scored.exploitability : undefined);
  if (typeof exploitability === "number" && exploitability >= 0) {
    const source = scored?.ok ? `CVSS:${scored.version} vector (exploitability ${exploitability} / 3.9)` : `CVSS exploitability ${exploitability} / 3.9`;
    return { ...factor(round4(Math.min(1, exploitability / 3.9)), source, v.feedDate ?? null), basis: "cvss" };
  }
  const why = scored?.ok ? `CVSS ${scored.version} has no 3.x exploitability subscore` : scored ? "the CVSS vector is invalid" : "no KEV listing, EPSS score or CVSS vector";
  return { ...factor(DEFAULT_LIKELIHOOD, `default: ${why}`, null, true), basis: "default" };
}

function ssvcOf(v: VulnerabilityInput, exposure: Exposure | "unknown", impact: number): SsvcPoints {
  const exploitation: Exploitation = v.kev ? "active" : (v.epss ?? 0) >= EPSS_POC_THRESHOLD ? "poc" : "none";
  const reachable = exposure === "internet" || exposure === "general_it" || exposure === "unknown";
  const remote = !v.cvssVector || (metric(v.cvssVector, "AV") === "N" && metric(v.cvssVector, "UI") === "N");
  const [c, i] = [metric(v.cvssVector, "C") ?? metric(v.cvssVector, "VC"), metric(v.cvssVector, "I") ?? metric(v.cvssVector, "VI")];
  const technicalImpact = !v.cvssVector || ((c === "H" || c === "C") && (i === "H" || i === "C")) ? "total" : "partial";
  const missionImpact: Level = impact >= 4 ? "high" : impact === 3 ? "medium" : "low";
  const automatable = reachable && remote;
  return { exploitation, automatable, technicalImpact, missionImpact, label: SSVC_TABLE[exploitation][automatable ? "yes" : "no"][technicalImpact][missionImpact] };
}

/** The single formula, used by computeRisk and reproduceRisk alike. */
function scoreFrom(b: Pick<RiskBreakdown, "vulnerabilities" | "exposure" | "controls" | "criticality" | "phi" | "unauthorized" | "spoofDetected" | "cutoffs">) {
  const adjusted = b.vulnerabilities.map((v) => round4(v.likelihood.value * b.exposure.factor * (1 - b.controls.applied)));
  const impact = Math.max(b.criticality.impact, b.phi.impact);
  const rawScore = Math.round((100 * Math.max(0, ...adjusted) * impact) / 5);
  const floors: Floor[] = [];
  if (b.criticality.value === "life_sustaining" && b.vulnerabilities.some((v) => v.kev)) floors.push({ rule: "kev_on_life_sustaining", minimum: b.cutoffs.critical });
  if (b.spoofDetected) floors.push({ rule: "spoof_detected", minimum: b.cutoffs.critical });
  if (b.unauthorized) floors.push({ rule: "unauthorized", minimum: b.cutoffs.high });
  const score = Math.max(rawScore, ...floors.map((f) => f.minimum));
  const labels = b.vulnerabilities.map((v) => SSVC_TABLE[v.ssvc.exploitation][v.ssvc.automatable ? "yes" : "no"][v.ssvc.technicalImpact][v.ssvc.missionImpact]);
  const ssvc = labels.length ? SSVC_ORDER[Math.max(...labels.map((l) => SSVC_ORDER.indexOf(l)))] : null;
  return { adjusted, impact, rawScore, floors, score, tier: tierOf(score, b.cutoffs), ssvc };
}

export function computeRisk(input: RiskInput): RiskResult {
  const feeds = input.feeds ?? {};
  const known = input.exposure ? input.exposure : null;
  const exposure = known
    ? { ...factor<Exposure | "unknown">(known, input.exposureSource ?? "device segment"), factor: EXPOSURE_FACTOR[known] }
    : { ...factor<Exposure | "unknown">("unknown", "default: segment exposure unknown, treated as general IT", null, true), factor: UNKNOWN_EXPOSURE_FACTOR };
  const given = Number.isFinite(input.compensatingControls) ? input.compensatingControls : 0;
  const controls = { ...factor(given, input.controlsSource ?? "device record"), applied: Math.min(CONTROLS_CAP, Math.max(0, given)) };
  const criticality = { ...factor(input.criticality, input.criticalitySource ?? "device record"), impact: CRITICALITY_IMPACT[input.criticality] };
  const phi = { ...factor(input.phi, input.phiSource ?? "device record"), impact: PHI_IMPACT[input.phi] };
  const impact = Math.max(criticality.impact, phi.impact);
  const vulnerabilities: VulnerabilityFactors[] = input.vulnerabilities
    .map((v) => {
      const likelihood = likelihoodOf(v, feeds);
      const adjusted = round4(likelihood.value * exposure.factor * (1 - controls.applied));
      return { id: v.id, kev: v.kev, matchStatus: v.matchStatus ?? "affected", likelihood, adjusted, ssvc: ssvcOf(v, exposure.value, impact) };
    })
    .sort((a, b) => b.adjusted - a.adjusted || SSVC_ORDER.indexOf(b.ssvc.label) - SSVC_ORDER.indexOf(a.ssvc.label) || a.id.localeCompare(b.id));
  const facts = { vulnerabilities, exposure, controls, criticality, phi, unauthorized: input.unauthorized, spoofDetected: input.spoofDetected, cutoffs: TIER_CUTOFFS };
  const { rawScore, floors, score, tier, ssvc } = scoreFrom(facts);
  const breakdown: RiskBreakdown = { modelVersion: RISK_MODEL_VERSION, feeds, ...facts, impact, driver: vulnerabilities[0]?.id ?? null, rawScore, floors, score, tier, ssvc };
  return { score, tier, ssvc, modelVersion: RISK_MODEL_VERSION, breakdown };
}

/** Recomputes a stored score from its breakdown alone (say, months later, after KEV and EPSS moved on). */
export function reproduceRisk(b: RiskBreakdown): { score: number; tier: Tier; ssvc: Ssvc | null; matches: boolean; differences: string[] } {
  const again = scoreFrom(b);
  const differences: string[] = [];
  if (b.modelVersion !== RISK_MODEL_VERSION) differences.push(`computed with model ${b.modelVersion}, reproduced with ${RISK_MODEL_VERSION}`);
  b.vulnerabilities.forEach((v, i) => v.adjusted !== again.adjusted[i] && differences.push(`${v.id}: adjusted likelihood ${v.adjusted} recorded, ${again.adjusted[i]} recomputed`));
  for (const key of ["impact", "rawScore", "score", "tier", "ssvc"] as const) if (b[key] !== again[key]) differences.push(`${key}: ${b[key]} recorded, ${again[key]} recomputed`);
  if (JSON.stringify(b.floors) !== JSON.stringify(again.floors)) differences.push("the floors differ");
  return { score: again.score, tier: again.tier, ssvc: again.ssvc, matches: differences.length === 0, differences };
}

const words = (s: string) => s.replace(/_/g, " ");
const EXPOSURE_TEXT: Record<Exposure, string> = {
  internet: "reachable from the internet",
  general_it: "on a general IT network segment",
  clinical_segmented: "on a segmented clinical network",
  isolated: "on an isolated network with no route out",
  usb_only: "reachable only over USB",
};
const FLOOR_TEXT: Record<FloorRule, string> = {
  kev_on_life_sustaining: "A known-exploited vulnerability (CISA KEV) on a life-sustaining device",
  spoof_detected: "A spoof was detected: the device is not physically what it claims to be",
  unauthorized: "The device is not authorized where it is",
};

function likelihoodText(v: VulnerabilityFactors): string {
  const l = v.likelihood;
  const date = l.date ? `, ${l.date}` : "";
  if (l.basis === "kev") return `known to be exploited (${l.source}${date}), likelihood 1`;
  if (l.basis === "epss") return `${Math.round(l.value * 100)}% chance of exploitation within 30 days (${l.source}${date})`;
  if (l.basis === "cvss") return `likelihood ${l.value} from how easy it is to exploit (${l.source})`;
  return `no exploitation data, likelihood assumed ${l.value} (${l.source})`;
}

/** Plain-English lines for a CISO, most important first. */
export function topFactors(b: RiskBreakdown, limit = 6): string[] {
  const lines = b.floors.map((f) => `${FLOOR_TEXT[f.rule]}: at least ${f.minimum} (${tierOf(f.minimum, b.cutoffs)}).`);
  const d = b.vulnerabilities[0];
  if (d) lines.push(`Worst vulnerability ${d.id}${d.matchStatus === "needs_review" ? " (match needs review)" : ""}: ${likelihoodText(d)}.`);
  else lines.push("No known vulnerability matches this device.");
  const exposure = b.exposure.value === "unknown" ? "network segment unknown, treated as general IT" : `${EXPOSURE_TEXT[b.exposure.value]} (${b.exposure.source})`;
  lines.push(`Exposure ×${b.exposure.factor}: ${exposure}.`);
  if (b.controls.applied > 0) lines.push(`Compensating controls reduce the likelihood by ${Math.round(b.controls.applied * 100)}%${b.controls.value > b.controls.applied ? " (capped)" : ""}.`);
  const byData = b.phi.impact > b.criticality.impact;
  lines.push(`Impact ${b.impact} of 5: ${byData ? `it ${b.phi.value} patient data (PHI)` : `${words(b.criticality.value)} device`}.`);
  const s = b.vulnerabilities.find((v) => v.ssvc.label === b.ssvc)?.ssvc;
  if (s) lines.push(`SSVC ${s.label}: exploitation ${s.exploitation}, ${s.automatable ? "automatable" : "not automatable"}, ${s.technicalImpact} technical impact, ${s.missionImpact} mission impact.`);
  if (b.vulnerabilities.length > 1) lines.push(`${b.vulnerabilities.length - 1} other vulnerabilit${b.vulnerabilities.length === 2 ? "y scores" : "ies score"} no higher.`);
  return lines.slice(0, limit);
}
