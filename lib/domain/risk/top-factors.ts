// A stored breakdown as plain-English lines for a CISO, most important first. Pure; split from
// risk-model.ts so the model file holds the formula alone.
import type { RiskBreakdown, VulnerabilityFactors, Exposure, FloorRule, EndOfLifeFactor } from "./risk-model";
import { END_OF_LIFE_DRIVER, tierOf } from "./risk-model";

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
  known_vulnerability: "A known vulnerability never scores 0",
};

function likelihoodText(v: VulnerabilityFactors): string {
  const l = v.likelihood;
  const date = l.date ? `, ${l.date}` : "";
  if (l.basis === "kev") return `known to be exploited (${l.source}${date}), likelihood 1`;
  if (l.basis === "epss") return `${Math.round(l.value * 100)}% chance of exploitation within 30 days (${l.source}${date})`;
  if (l.basis === "cvss_floor") return `likelihood ${l.value}: ${l.source}${date}`;
  if (l.basis === "cvss") return `likelihood ${l.value} from how easy it is to exploit (${l.source})`;
  return `no exploitation data, likelihood assumed ${l.value} (${l.source})`;
}

/** "Windows Embedded Standard 7 (reported "Windows 7 Embedded"): support ended 2020-10-13". */
export function endOfLifeText(e: EndOfLifeFactor): string {
  const v = e.value;
  const reported = v.reported && v.reported !== v.name ? ` (reported "${v.reported}")` : "";
  return `End-of-life operating system ${v.name}${reported}: vendor support ended ${v.endOfSupport}${v.approximate ? " (approximate date)" : ""}, source ${v.source}`;
}

/** Plain-English lines for a CISO, most important first. */
export function topFactors(b: RiskBreakdown, limit = 6): string[] {
  const lines = b.floors.map((f) => `${FLOOR_TEXT[f.rule]}: at least ${f.minimum} (${tierOf(f.minimum, b.cutoffs)}).`);
  const d = b.vulnerabilities[0];
  const eol = b.endOfLife ? `${endOfLifeText(b.endOfLife)}; likelihood ${b.endOfLife.likelihood}.` : null;
  if (eol && b.driver === END_OF_LIFE_DRIVER) lines.push(eol);
  if (d) lines.push(`Worst vulnerability ${d.id}${d.matchStatus === "needs_review" ? " (match needs review)" : ""}: ${likelihoodText(d)}.`);
  else lines.push("No known vulnerability matches this device.");
  if (eol && b.driver !== END_OF_LIFE_DRIVER) lines.push(eol);
  const exposure = b.exposure.value === "unknown" ? "network segment unknown, treated as general IT" : `${EXPOSURE_TEXT[b.exposure.value]} (${b.exposure.source})`;
  lines.push(`Exposure ×${b.exposure.factor}: ${exposure}.`);
  if (b.controls.applied > 0) lines.push(`Compensating controls reduce the likelihood by ${Math.round(b.controls.applied * 100)}%${b.controls.value > b.controls.applied ? " (capped)" : ""}.`);
  const byData = b.phi.impact > b.criticality.impact;
  lines.push(`Impact ${b.impact} of 5: ${byData ? `it ${b.phi.value} patient data (PHI)` : `${words(b.criticality.value)} device`}.`);
  const s = b.vulnerabilities.find((v) => v.ssvc.label === b.ssvc)?.ssvc;
  if (s) lines.push(`SSVC ${s.label}: exploitation ${s.exploitation}, ${s.automatable ? "automatable" : "not automatable"}, ${s.technicalImpact} technical impact, ${s.missionImpact} mission impact.`);
  if (b.counts?.possible) lines.push(`${b.counts.possible} possible match${b.counts.possible === 1 ? "" : "es"} (to review) counted at half weight.`);
  if (b.vulnerabilities.length > 1) lines.push(`${b.vulnerabilities.length - 1} other vulnerabilit${b.vulnerabilities.length === 2 ? "y scores" : "ies score"} no higher.`);
  return lines.slice(0, limit);
}
