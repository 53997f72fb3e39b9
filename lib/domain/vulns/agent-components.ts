// What an agent reports a device runs (software.components) as the rows matching reads
// (SbomComponent with source "agent"): one per name and version, as the table's unique key wants,
// and whether a new report changes the stored list. Pure; lib/ingest/store.ts writes them.
import type { Observation } from "../protocol/agent-report";

export const AGENT_COMPONENT_SOURCE = "agent";
export type AgentComponent = { name: string; version: string | null; cpe: string | null; purl: string | null };

/** The reported list, first of each name and version kept; null when the report says nothing of components. */
export function reportedComponents(software: Observation["software"]): AgentComponent[] | null {
  const list = software?.components;
  if (!list) return null;
  const byKey = new Map<string, AgentComponent>();
  for (const c of list) {
    const row = { name: c.name.trim(), version: c.version?.trim() || null, cpe: c.cpe?.trim() || null, purl: c.purl?.trim() || null };
    const key = `${row.name}\u0000${row.version ?? ""}`;
    if (row.name && !byKey.has(key)) byKey.set(key, row);
  }
  return [...byKey.values()];
}

const text = (list: AgentComponent[]) => list.map((c) => JSON.stringify([c.name, c.version, c.cpe, c.purl])).sort().join("\n");

/** Whether two lists hold the same components, whatever their order. */
export function sameComponents(a: AgentComponent[], b: AgentComponent[]): boolean {
  return a.length === b.length && text(a) === text(b);
}
