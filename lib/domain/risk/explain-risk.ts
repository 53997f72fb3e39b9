// A stored risk breakdown in words a non-expert reads: the chain of factors with their values,
// sources and dates, the floors by name, the tier and the SSVC label. Pure, shared by the device
// page and its tests; the numbers are the breakdown's own, never recomputed here.
import { END_OF_LIFE_DRIVER, type Factor, type FloorRule, type RiskBreakdown, type VulnerabilityFactors } from "./risk-model";
import { endOfLifeText } from "./top-factors";
import { CRITICALITY_LABELS } from "../words/vocabulary";

export const EXPOSURE_WORDS: Record<string, string> = { internet: "internet", general_it: "general IT", clinical_segmented: "segmented clinical", isolated: "isolated", usb_only: "USB only", unknown: "unknown" };
export const PHI_WORDS: Record<string, string> = { stores: "stores", transmits: "transmits", none: "none" };
export const FLOOR_WORDS: Record<FloorRule, string> = {
  kev_on_life_sustaining: "A known-exploited vulnerability (CISA KEV) on a life-sustaining device",
  spoof_detected: "A spoof was detected: the device is not physically what it claims to be",
  unauthorized: "The device is not authorized where it is",
  known_vulnerability: "A known vulnerability never scores 0",
};

export type RiskExplanation = {
  steps: string[];
  /** v2: the end-of-life operating system in words, its release, end date and source; null when none. */
  endOfLife: string | null;
  floors: string[];
  tier: string;
  ssvc: string | null;
  sources: [string, string][];
  vulnerabilities: { id: string; needsReview: boolean; likelihood: string; adjusted: number; ssvc: string }[];
};

/** 1 → "1.0", 0.7 → "0.7": factors read as factors. */
export const factorText = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(n));
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);
const assumed = (f: Factor<unknown>) => (f.assumed ? ", assumed" : "");
const criticalityWords = (c: string) => (CRITICALITY_LABELS[c as keyof typeof CRITICALITY_LABELS] ?? c.replace(/_/g, " ")).toLowerCase();

function likelihoodSource(l: VulnerabilityFactors["likelihood"]): string {
  const date = l.basis === "kev" ? null : day(l.date);
  return `${l.source}${date ? `, ${date}` : ""}${assumed(l)}`;
}

function exposureSource(e: RiskBreakdown["exposure"]): string {
  if (e.value === "unknown") return `unknown, treated as general IT${assumed(e)}`;
  return `${EXPOSURE_WORDS[e.value] ?? e.value}, ${e.source}${assumed(e)}`;
}

function controlsText(c: RiskBreakdown["controls"]): string {
  return `controls ${c.applied}${c.value > c.applied ? `, capped from ${c.value}` : ""}${assumed(c)}`;
}

function impactStep(b: RiskBreakdown): string {
  const c = b.criticality;
  const p = b.phi;
  return `impact ${b.impact} = max(criticality ${criticalityWords(c.value)} ${c.impact}${assumed(c)}, PHI ${PHI_WORDS[p.value] ?? p.value} ${p.impact}${assumed(p)})`;
}

const weightText = (v: VulnerabilityFactors) => (v.weight !== undefined && v.weight !== 1 ? ` × ${v.weight} (possible match, not confirmed)` : "");

function chain(b: RiskBreakdown): string[] {
  const d = b.vulnerabilities[0];
  const e = b.endOfLife;
  const open = `exposure ${factorText(b.exposure.factor)} (${exposureSource(b.exposure)}) × (1 − ${controlsText(b.controls)})`;
  if (e && b.driver === END_OF_LIFE_DRIVER) {
    return [`Likelihood ${factorText(e.likelihood)} (${endOfLifeText(e)}) × ${open} = ${factorText(e.adjusted)}`, impactStep(b), `score = 100 × ${factorText(e.adjusted)} × ${b.impact} ÷ 5 = ${b.rawScore}`];
  }
  if (!d) return ["No known vulnerability matches this device, so likelihood is 0", impactStep(b), `score = ${b.rawScore}`];
  const l = d.likelihood;
  return [
    `Likelihood ${factorText(l.value)} (${likelihoodSource(l)}) × ${open}${weightText(d)} = ${factorText(d.adjusted)}`,
    impactStep(b),
    `score = 100 × ${factorText(d.adjusted)} × ${b.impact} ÷ 5 = ${b.rawScore}`,
  ];
}

function ssvcText(b: RiskBreakdown): string | null {
  const v = b.vulnerabilities.find((x) => x.ssvc.label === b.ssvc);
  if (!v) return null;
  const s = v.ssvc;
  return `SSVC ${s.label} (from ${v.id}): exploitation ${s.exploitation}, ${s.automatable ? "automatable" : "not automatable"}, ${s.technicalImpact} technical impact, ${s.missionImpact} mission and well-being impact.`;
}

function sources(b: RiskBreakdown): [string, string][] {
  const d = b.vulnerabilities[0];
  const f = b.feeds ?? {};
  const rows: [string, string | null][] = [
    ["Driver", b.driver === END_OF_LIFE_DRIVER ? `end-of-life operating system ${b.endOfLife?.value.name ?? ""}`.trim() : d ? `${d.id}${d.matchStatus === "needs_review" ? " (match needs review)" : ""}` : null],
    ["Likelihood", d ? `${d.likelihood.source}${d.likelihood.date ? `, dated ${day(d.likelihood.date)}` : ""}${d.likelihood.assumed ? " (assumed)" : ""}` : null],
    ["Exposure", `${b.exposure.source}${b.exposure.assumed ? " (assumed)" : ""}`],
    ["Compensating controls", `${b.controls.value}, ${b.controls.source}`],
    ["Criticality", `${criticalityWords(b.criticality.value)}, ${b.criticality.source}${b.criticality.assumed ? " (assumed)" : ""}`],
    ["PHI", `${PHI_WORDS[b.phi.value] ?? b.phi.value}, ${b.phi.source}${b.phi.assumed ? " (assumed)" : ""}`],
    ["Feeds", [f.kevCatalogVersion && `KEV ${f.kevCatalogVersion}`, f.epssModel && `EPSS ${f.epssModel}${f.epssDate ? ` of ${day(f.epssDate)}` : ""}`].filter(Boolean).join(" · ") || "no KEV or EPSS import yet"],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null);
}

export function explainRisk(b: RiskBreakdown): RiskExplanation {
  const c = b.cutoffs;
  return {
    steps: chain(b),
    endOfLife: b.endOfLife ? `${endOfLifeText(b.endOfLife)}.` : null,
    floors: b.floors.map((f) => `${FLOOR_WORDS[f.rule] ?? f.rule}: at least ${f.minimum}`),
    tier: `Score ${b.score}, tier ${b.tier} (critical ≥ ${c.critical}, high ≥ ${c.high}, medium ≥ ${c.medium}, low below).`,
    ssvc: ssvcText(b),
    sources: sources(b),
    vulnerabilities: b.vulnerabilities.map((v) => ({ id: v.id, needsReview: v.matchStatus === "needs_review", likelihood: `${factorText(v.likelihood.value)} (${likelihoodSource(v.likelihood)})`, adjusted: v.adjusted, ssvc: v.ssvc.label })),
  };
}
