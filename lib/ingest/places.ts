// Site and segment of what an agent reports: the agent's site (or the default site), and the
// segment named in network.segment, created the first time it is reported.
import type { AuthenticatedAgent } from "../commands/agent-enrolment";
import type { Db } from "../db/client";
import type { Evidence } from "../domain/identity/evidence";

export const DEFAULT_SITE = "Default site";

/**
 * First guess of a new segment's exposure class (the risk model's exposure factor), from its name
 * and what is on it; an administrator corrects it in the settings. Internet-exposed evidence wins.
 */
export function guessExposure(name: string, internetExposed: boolean): string {
  if (internetExposed) return "internet";
  if (/usb/i.test(name)) return "usb_only";
  if (/(icu|nicu|picu|clin|med|rad|lab|ward|\bor\b|surg|biomed|cardio|onco|ed-|emerg|pacs|imaging)/i.test(name)) return "clinical_segmented";
  return "general_it";
}

export async function resolvePlaces(tx: Db, agent: AuthenticatedAgent, evidence: Evidence[]) {
  const siteId = agent.siteId ?? (await tx.site.upsert({ where: { name: DEFAULT_SITE }, create: { name: DEFAULT_SITE }, update: {} })).id;
  const names = new Map<string, boolean>();
  for (const e of evidence) if (e.segment) names.set(e.segment, (names.get(e.segment) ?? false) || !!e.observation.network?.internetExposed);
  const ids = new Map<string, string>();
  for (const [name, exposed] of names) {
    const segment = await tx.segment.upsert({
      where: { siteId_name: { siteId, name } },
      create: { siteId, name, exposure: guessExposure(name, exposed), vlan: undefined },
      update: {},
      select: { id: true },
    });
    ids.set(name, segment.id);
  }
  return { siteId, segmentFor: (e: Evidence) => (e.segment ? (ids.get(e.segment) ?? null) : null) };
}
