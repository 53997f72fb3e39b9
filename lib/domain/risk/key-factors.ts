// The two or three factors of a stored risk breakdown that weigh most, as short phrases for a
// ranked list ("Known exploited (CISA KEV): CVE-2023-30559 · Life-sustaining device · Flat IT
// network"). Pure. The device page keeps the full chain; this is the one-line "why".
//
// Weight: a floor that lifted the score decides it, so it comes first; then each multiplied factor
// by how close it is to its maximum (likelihood of 1, exposure of 1, impact of 5 of 5). Ties keep
// the order likelihood, impact, exposure. Compensating controls only lower a score: never "top".
import type { FloorRule, RiskBreakdown, VulnerabilityFactors } from "./risk-model";
import { CRITICALITY_LABELS } from "../words/vocabulary";

const FLOOR_PHRASE: Record<FloorRule, string> = {
  kev_on_life_sustaining: "Known-exploited flaw on a life-sustaining device",
  spoof_detected: "Spoof detected: not physically what it claims to be",
  unauthorized: "Not authorized where it is",
  known_vulnerability: "Known vulnerability: never scored 0",
};

const EXPOSURE_PHRASE: Record<string, string> = {
  internet: "Reachable from the internet",
  general_it: "On a flat IT network",
  clinical_segmented: "On a segmented clinical network",
  isolated: "On an isolated network",
  usb_only: "Reachable only over USB",
  unknown: "Network segment unknown (treated as IT)",
};

const PHI_PHRASE: Record<string, string> = { stores: "Stores patient data (PHI)", transmits: "Sends patient data (PHI)" };

type Weighed = { text: string; weight: number };
const percent = (p: number) => (p < 0.01 ? `${Number((p * 100).toFixed(2))}%` : `${Math.round(p * 100)}%`);

function likelihoodPhrase(v: VulnerabilityFactors): string {
  const review = v.matchStatus === "needs_review" ? " (match needs review)" : "";
  const l = v.likelihood;
  if (l.basis === "kev") return `Known exploited (CISA KEV): ${v.id}${review}`;
  if (l.basis === "cvss_floor") return `${v.id}${review}: ${percent(l.epss ?? 0)} chance of exploitation (EPSS), counted as ${percent(l.value)} (CVSS floor)`;
  if (l.basis === "epss") return `${v.id}${review}: ${Math.round(l.value * 100)}% chance of exploitation (EPSS)`;
  if (l.basis === "cvss") return `${v.id}${review}: ${l.value >= 0.75 ? "easy" : l.value >= 0.4 ? "moderately hard" : "hard"} to exploit (CVSS)`;
  return `${v.id}${review}: no exploitation data`;
}

function impactPhrase(b: RiskBreakdown): string {
  const byData = b.phi.impact > b.criticality.impact && PHI_PHRASE[b.phi.value];
  const what = byData || `${CRITICALITY_LABELS[b.criticality.value] ?? b.criticality.value.replace(/_/g, " ")} device`;
  return `${what}, impact ${b.impact} of 5`;
}

export function keyFactors(b: RiskBreakdown, limit = 3): string[] {
  const weighed: Weighed[] = b.floors.map((f) => ({ text: FLOOR_PHRASE[f.rule] ?? f.rule.replace(/_/g, " "), weight: f.minimum > b.rawScore ? 2 : 1 }));
  const driver = b.vulnerabilities[0];
  if (driver) weighed.push({ text: likelihoodPhrase(driver), weight: driver.likelihood.value });
  const eol = b.endOfLife;
  if (eol) weighed.push({ text: `End-of-life OS: ${eol.value.name}, support ended ${eol.value.endOfSupport}`, weight: eol.likelihood });
  weighed.push({ text: impactPhrase(b), weight: b.impact / 5 });
  weighed.push({ text: EXPOSURE_PHRASE[b.exposure.value] ?? String(b.exposure.value), weight: b.exposure.factor });
  // Array.prototype.sort is stable: equal weights keep the order above.
  return weighed
    .sort((x, y) => y.weight - x.weight)
    .slice(0, limit)
    .map((w) => w.text);
}

/** A stored breakdown this version can read; anything else gets no factors rather than a crash. */
export function isReadableBreakdown(value: unknown): value is RiskBreakdown {
  const b = value as Partial<RiskBreakdown> | null;
  return !!b && typeof b === "object" && Array.isArray(b.vulnerabilities) && Array.isArray(b.floors) && !!b.exposure && !!b.criticality && !!b.phi && typeof b.impact === "number" && typeof b.rawScore === "number";
}
