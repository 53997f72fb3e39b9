// Site and segment of what an agent reports: the agent's site (or the default site), and the
// segments named in network.segment, created the first time they are reported.
import type { Evidence } from "./evidence";

export const DEFAULT_SITE = "Default site";
/** The default site's key: it is found by this, not by its name, which an administrator may change. */
export const DEFAULT_SITE_KEY = "default";

/**
 * First guess of a new segment's exposure class (the risk model's exposure factor), from its name
 * and what is on it; an administrator corrects it in the settings. Internet-exposed evidence wins.
 */
export function guessExposure(name: string, internetExposed: boolean): string {
  if (internetExposed) return "internet";
  if (/usb/i.test(name)) return "usb_only";
  if (/isolat|air-?gap/i.test(name)) return "isolated";
  if (/(icu|nicu|picu|clin|med|rad|lab|ward|\bor\b|surg|biomed|cardio|onco|ed-|emerg|pacs|imaging)/i.test(name)) return "clinical_segmented";
  return "general_it";
}

/** The segments a report names, each with its guessed exposure (internet-exposed if any observation says so). */
export function reportedSegments(evidence: Evidence[]): Map<string, string> {
  const exposed = new Map<string, boolean>();
  for (const e of evidence) if (e.segment) exposed.set(e.segment, (exposed.get(e.segment) ?? false) || !!e.observation.network?.internetExposed);
  return new Map([...exposed].map(([name, internet]) => [name, guessExposure(name, internet)]));
}
