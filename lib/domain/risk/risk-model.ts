/**
 * Risk model v2.0.0: open, explainable, reproducible. Pure; one score per device, 0 to 100.
 * docs/risk-model.md is the full write-up, v1 kept beside v2 for the scores computed with it.
 *
 * PER VULNERABILITY  exposure-adjusted likelihood = likelihood × exposure × (1 − controls) × match weight
 *   likelihood: 1 if the CVE is in CISA's Known Exploited Vulnerabilities catalog (exploitation
 *     is a fact); else its EPSS probability, but never below the CVSS floor (0.1 × the CVSS 3.x
 *     exploitability subscore ÷ 3.9, or 0.1 × base score ÷ 10 without one, or 0.1 without CVSS):
 *     EPSS refines how likely, it does not make a known vulnerability harmless (v1 let a low EPSS
 *     erase CVSS); else (no EPSS) the exploitability subscore ÷ 3.9; else 0.3, flagged "assumed".
 *     The floor is at most 0.1, the EPSS of roughly the top decile (EPSS_POC_THRESHOLD), so it
 *     never makes a flaw look like a proof of concept.
 *   exposure: internet 1.0 · general IT segment 0.7 · segmented clinical segment 0.4 · isolated
 *     0.3 · USB-only 0.2; unknown → 0.7 "assumed" (most hospital networks are flat).
 *   controls: compensating controls (NAC quarantine, micro-segmentation…), 0 to 0.5. Capped at
 *     0.5 because no control makes a vulnerable device more than half as safe.
 *   match weight: 1 for a match; 0.5 for a possible match (stored "needs_review") until a person
 *     confirms it: it counts, half, so ignorance never looks safe, and is counted apart.
 * END-OF-LIFE OPERATING SYSTEM (lib/reference/eol): its own factor, likelihood 0.5 × exposure ×
 *   (1 − controls): an OS past its vendor's end of support collects flaws nobody fixes.
 * IMPACT 1–5 = the higher of clinical criticality (life-sustaining 5, therapy delivery 4,
 *   diagnosis/monitoring 3, clinical workflow 2, non-clinical 1) and patient data (stores PHI 4,
 *   transmits PHI 3, none 1).
 * DEVICE SCORE = round(100 × highest adjusted likelihood (vulnerability or end-of-life OS) ×
 *   impact ÷ 5); 0 with neither. The worst one drives: one open door is enough.
 * FLOORS (never lower a score): a KEV vulnerability (a match, not a possible one) on a
 *   life-sustaining device → 80 (critical); a detected spoof → 80; an unauthorized device → 55
 *   (high); any vulnerability, possible ones included → 1: a known vulnerability never scores 0.
 * TIERS: critical ≥ 80, high ≥ 55, medium ≥ 30, low below. With a certain exploit (likelihood
 *   1) the score is exposure × impact × 20, so the cut-offs fall between recognisable cases:
 *   critical = internet-exposed and impact ≥ 4 (80, 100); high = internet and impact 3 (60),
 *   or a flat IT network and impact ≥ 4 (56, 70); medium = flat network and impact 3 (42),
 *   internet and impact 2 (40), a segmented clinical VLAN and impact ≥ 4 (32, 40); low = the
 *   rest (segmented impact 3 is 24, USB-only at most 20).
 * SSVC LABEL (CISA's SSVC tree, v2.0.3): per vulnerability, from
 *   exploitation: active if in KEV, poc if EPSS ≥ 0.1 (roughly the top decile), else none;
 *   automatable: the device is reachable (internet, general IT or unknown) and the CVSS vector
 *     says network attack without user interaction (AV:N, UI:N; no vector → assumed yes);
 *   technical impact: total when the vector gives high confidentiality and integrity loss
 *     (C:H/I:H, VC:H/VI:H, or C:C/I:C in 2.0; no vector → assumed total), else partial;
 *   mission and well-being: high for impact ≥ 4, medium for 3, low for 1–2.
 *   The device shows its most urgent label (Act > Attend > Track* > Track); see SSVC_TABLE.
 * RISK ACCEPTANCE is not part of the score: an accepted risk keeps its score and is flagged apart.
 * REPRODUCTION: the breakdown keeps every factor's value, source and date, the weights, the
 *   floors, the driver and the cut-offs; reproduceRisk(breakdown) recomputes the score from it
 *   alone, with the rules of the version that computed it (v1 breakdowns with v1's rules).
 * Any change to a factor, weight, floor, cut-off or table changes RISK_MODEL_VERSION.
 */
import { scoreCvssVector } from "../vulns/cvss";
import type { Criticality, PhiHandling } from "./criticality";
import type { EolMatch } from "./end-of-life";
import type { EXPOSURES } from "../words/vocabulary";

export { criticalityForCategory, phiForCategory } from "./criticality";
export type { Criticality, PhiHandling };

export const RISK_MODEL_VERSION = "2.0.0";
/** Versions whose rules reproduceRisk knows: 1.x (1.0.0 and 1.1.0 share the formula) and 2.x. */
const KNOWN_MAJORS = new Set(["1", "2"]);
const isV1 = (modelVersion: string) => modelVersion.startsWith("1.");

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
/** v2: the lowest likelihood a known vulnerability with an EPSS score keeps, scaled by how easy CVSS says it is. */
export const CVSS_FLOOR = 0.1;
/** v2: a possible match ("needs_review") counts at this weight until a person confirms it. */
export const POSSIBLE_MATCH_WEIGHT = 0.5;
/** v2: the likelihood an end-of-life operating system adds on its own. */
export const END_OF_LIFE_LIKELIHOOD = 0.5;
/** v2: the least a device with any known vulnerability scores. */
export const KNOWN_VULNERABILITY_MINIMUM = 1;
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
/** An operating system past its end of support (judged on the day of scoring, which the RiskScore row keeps as computedAt). */
export type EndOfLifeInput = EolMatch;
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
  endOfLife?: EndOfLifeInput | null;
  feeds?: FeedDates;
};

export type Factor<T> = { value: T; source: string; date: string | null; assumed: boolean };
export type SsvcPoints = { exploitation: Exploitation; automatable: boolean; technicalImpact: "partial" | "total"; missionImpact: Level; label: Ssvc };
export type LikelihoodBasis = "kev" | "epss" | "cvss_floor" | "cvss" | "default";
export type VulnerabilityFactors = {
  id: string;
  kev: boolean;
  matchStatus: "affected" | "needs_review";
  /** epss: with basis "cvss_floor", the EPSS probability the floor replaced. */
  likelihood: Factor<number> & { basis: LikelihoodBasis; epss?: number };
  /** v2: 1 for a match, POSSIBLE_MATCH_WEIGHT for a possible one; absent in v1 breakdowns (1). */
  weight?: number;
  /** likelihood × exposure × (1 − controls) × weight, rounded to 4 decimals: the number the score uses. */
  adjusted: number;
  ssvc: SsvcPoints;
};
/** v2: the end-of-life OS factor: which release, its end date and source, its likelihood and adjusted product. */
export type EndOfLifeFactor = Factor<EndOfLifeInput> & { likelihood: number; adjusted: number };
export type FloorRule = "kev_on_life_sustaining" | "spoof_detected" | "unauthorized" | "known_vulnerability";
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
  /** v2: matches and possible matches counted apart. */
  counts?: { affected: number; possible: number };
  /** v2: null when the OS is not known to be past its end of support. */
  endOfLife?: EndOfLifeFactor | null;
  /** The driving vulnerability's id, or END_OF_LIFE_DRIVER when the operating system drives. */
  driver: string | null;
  rawScore: number;
  floors: Floor[];
  cutoffs: typeof TIER_CUTOFFS;
  score: number;
  tier: Tier;
  ssvc: Ssvc | null;
};
export type RiskResult = { score: number; tier: Tier; ssvc: Ssvc | null; modelVersion: string; breakdown: RiskBreakdown };
export const END_OF_LIFE_DRIVER = "end-of-life operating system";

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
const metric = (vector: string | null | undefined, name: string) => new RegExp(`(?:^|/)${name}:([A-Z])`).exec(vector ?? "")?.[1];
const factor = <T>(value: T, source: string, date: string | null = null, assumed = false): Factor<T> => ({ value, source, date, assumed });

export function tierOf(score: number, cutoffs: typeof TIER_CUTOFFS = TIER_CUTOFFS): Tier {
  return score >= cutoffs.critical ? "critical" : score >= cutoffs.high ? "high" : score >= cutoffs.medium ? "medium" : "low";
}

type Cvss = { exploitability?: number; base?: number; source: string; bad?: string };
// Scoring a vector is the costly step of a rescore, and a fleet shares few vectors: each is scored once.
const vectorScores = new Map<string, ReturnType<typeof scoreCvssVector>>();
function scoredVector(vector: string) {
  let scored = vectorScores.get(vector);
  if (!scored) {
    if (vectorScores.size >= 50_000) vectorScores.clear();
    vectorScores.set(vector, (scored = scoreCvssVector(vector)));
  }
  return scored;
}
function cvssOf(v: VulnerabilityInput): Cvss {
  const scored = v.cvssVector ? scoredVector(v.cvssVector) : null;
  const exploitability = v.cvssExploitability ?? (scored?.ok ? scored.exploitability : undefined);
  if (typeof exploitability === "number" && exploitability >= 0) {
    return { exploitability, source: scored?.ok ? `CVSS:${scored.version} vector (exploitability ${exploitability} / 3.9)` : `CVSS exploitability ${exploitability} / 3.9` };
  }
  if (scored?.ok) return { base: scored.baseScore, source: `CVSS:${scored.version} base score ${scored.baseScore} / 10`, bad: `CVSS ${scored.version} has no 3.x exploitability subscore` };
  return { source: "no CVSS", bad: scored ? "the CVSS vector is invalid" : "no KEV listing, EPSS score or CVSS vector" };
}

/** v2: the least likelihood EPSS may leave a known vulnerability, from how easy CVSS says it is. */
function cvssFloor(c: Cvss): { value: number; why: string } {
  if (c.exploitability !== undefined) return { value: round4(CVSS_FLOOR * Math.min(1, c.exploitability / 3.9)), why: `${CVSS_FLOOR} × ${c.source}` };
  if (c.base !== undefined) return { value: round4(CVSS_FLOOR * Math.min(1, c.base / 10)), why: `${CVSS_FLOOR} × ${c.source}` };
  return { value: CVSS_FLOOR, why: `${CVSS_FLOOR}, no CVSS to scale it` };
}

/** KEV; else EPSS, raised to the CVSS floor; else CVSS 3.x exploitability ÷ 3.9; else the assumed default. With its source. */
export function likelihoodOf(v: VulnerabilityInput, feeds: FeedDates = {}): VulnerabilityFactors["likelihood"] {
  if (v.kev) return { ...factor(1, `CISA KEV ${feeds.kevCatalogVersion ?? "(catalog version not recorded)"}`, feeds.kevDate ?? null), basis: "kev" };
  const cvss = cvssOf(v);
  if (typeof v.epss === "number" && v.epss >= 0 && v.epss <= 1) {
    const epss = `EPSS model ${feeds.epssModel ?? "(version not recorded)"}`;
    const date = v.epssDate ?? feeds.epssDate ?? null;
    const floor = cvssFloor(cvss);
    if (v.epss >= floor.value) return { ...factor(round4(v.epss), epss, date), basis: "epss" };
    return { ...factor(floor.value, `${epss} gives ${round4(v.epss)}, raised to the CVSS floor ${floor.why}`, date), basis: "cvss_floor", epss: round4(v.epss) };
  }
  if (cvss.exploitability !== undefined) return { ...factor(round4(Math.min(1, cvss.exploitability / 3.9)), cvss.source, v.feedDate ?? null), basis: "cvss" };
  return { ...factor(DEFAULT_LIKELIHOOD, `default: ${cvss.bad}`, null, true), basis: "default" };
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

type ScoredFacts = Pick<RiskBreakdown, "modelVersion" | "vulnerabilities" | "endOfLife" | "exposure" | "controls" | "criticality" | "phi" | "unauthorized" | "spoofDetected" | "cutoffs">;

/** The single formula, used by computeRisk and reproduceRisk alike; v1 breakdowns keep v1's rules. */
function scoreFrom(b: ScoredFacts) {
  const v1 = isV1(b.modelVersion);
  const open = b.exposure.factor * (1 - b.controls.applied);
  const adjusted = b.vulnerabilities.map((v) => round4(v.likelihood.value * open * (v1 ? 1 : (v.weight ?? 1))));
  const endOfLife = !v1 && b.endOfLife ? round4(b.endOfLife.likelihood * open) : 0;
  const impact = Math.max(b.criticality.impact, b.phi.impact);
  const rawScore = Math.round((100 * Math.max(0, ...adjusted, endOfLife) * impact) / 5);
  const floors: Floor[] = [];
  const kevCounts = (v: VulnerabilityFactors) => v.kev && (v1 || v.matchStatus === "affected");
  if (b.criticality.value === "life_sustaining" && b.vulnerabilities.some(kevCounts)) floors.push({ rule: "kev_on_life_sustaining", minimum: b.cutoffs.critical });
  if (b.spoofDetected) floors.push({ rule: "spoof_detected", minimum: b.cutoffs.critical });
  if (b.unauthorized) floors.push({ rule: "unauthorized", minimum: b.cutoffs.high });
  if (!v1 && b.vulnerabilities.length && rawScore < KNOWN_VULNERABILITY_MINIMUM) floors.push({ rule: "known_vulnerability", minimum: KNOWN_VULNERABILITY_MINIMUM });
  const score = Math.max(rawScore, ...floors.map((f) => f.minimum));
  const labels = b.vulnerabilities.map((v) => SSVC_TABLE[v.ssvc.exploitation][v.ssvc.automatable ? "yes" : "no"][v.ssvc.technicalImpact][v.ssvc.missionImpact]);
  const ssvc = labels.length ? SSVC_ORDER[Math.max(...labels.map((l) => SSVC_ORDER.indexOf(l)))] : null;
  return { adjusted, endOfLife, impact, rawScore, floors, score, tier: tierOf(score, b.cutoffs), ssvc };
}

function endOfLifeFactor(e: EndOfLifeInput | null | undefined, open: number): EndOfLifeFactor | null {
  if (!e) return null;
  return { ...factor(e, e.source, e.endOfSupport), likelihood: END_OF_LIFE_LIKELIHOOD, adjusted: round4(END_OF_LIFE_LIKELIHOOD * open) };
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
  const open = exposure.factor * (1 - controls.applied);
  const vulnerabilities: VulnerabilityFactors[] = input.vulnerabilities
    .map((v) => {
      const likelihood = likelihoodOf(v, feeds);
      const matchStatus = v.matchStatus ?? "affected";
      const weight = matchStatus === "affected" ? 1 : POSSIBLE_MATCH_WEIGHT;
      return { id: v.id, kev: v.kev, matchStatus, likelihood, weight, adjusted: round4(likelihood.value * open * weight), ssvc: ssvcOf(v, exposure.value, impact) };
    })
    .sort((a, b) => b.adjusted - a.adjusted || SSVC_ORDER.indexOf(b.ssvc.label) - SSVC_ORDER.indexOf(a.ssvc.label) || a.id.localeCompare(b.id));
  const endOfLife = endOfLifeFactor(input.endOfLife, open);
  const counts = { affected: vulnerabilities.filter((v) => v.matchStatus === "affected").length, possible: vulnerabilities.filter((v) => v.matchStatus !== "affected").length };
  const facts = { modelVersion: RISK_MODEL_VERSION, vulnerabilities, endOfLife, exposure, controls, criticality, phi, unauthorized: input.unauthorized, spoofDetected: input.spoofDetected, cutoffs: TIER_CUTOFFS };
  const { rawScore, floors, score, tier, ssvc } = scoreFrom(facts);
  // A vulnerability drives unless the end-of-life OS weighs strictly more.
  const top = vulnerabilities[0];
  const driver = endOfLife && endOfLife.adjusted > (top?.adjusted ?? 0) ? END_OF_LIFE_DRIVER : (top?.id ?? null);
  const breakdown: RiskBreakdown = { ...facts, feeds, impact, counts, driver, rawScore, floors, score, tier, ssvc };
  return { score, tier, ssvc, modelVersion: RISK_MODEL_VERSION, breakdown };
}

/** Recomputes a stored score from its breakdown alone (say, months later, after KEV and EPSS moved on), by its own version's rules. */
export function reproduceRisk(b: RiskBreakdown): { score: number; tier: Tier; ssvc: Ssvc | null; matches: boolean; differences: string[] } {
  const again = scoreFrom(b);
  const differences: string[] = [];
  if (!KNOWN_MAJORS.has(String(b.modelVersion).split(".")[0])) differences.push(`computed with model ${b.modelVersion}, whose rules this version (${RISK_MODEL_VERSION}) does not know`);
  b.vulnerabilities.forEach((v, i) => v.adjusted !== again.adjusted[i] && differences.push(`${v.id}: adjusted likelihood ${v.adjusted} recorded, ${again.adjusted[i]} recomputed`));
  if (b.endOfLife && !isV1(b.modelVersion) && b.endOfLife.adjusted !== again.endOfLife) differences.push(`end-of-life OS: adjusted likelihood ${b.endOfLife.adjusted} recorded, ${again.endOfLife} recomputed`);
  for (const key of ["impact", "rawScore", "score", "tier", "ssvc"] as const) if (b[key] !== again[key]) differences.push(`${key}: ${b[key]} recorded, ${again[key]} recomputed`);
  if (JSON.stringify(b.floors) !== JSON.stringify(again.floors)) differences.push("the floors differ");
  return { score: again.score, tier: again.tier, ssvc: again.ssvc, matches: differences.length === 0, differences };
}
