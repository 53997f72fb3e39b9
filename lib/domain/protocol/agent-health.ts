// What an agent says of itself beside its observations (a backwards-compatible extension of
// protocol v1, docs/agent-protocol-v1.md "The agent's own health"): which collectors worked, what
// they could not read, and what waits in its spool. Health never decides whether a report is
// accepted: a health block that breaks these bounds is dropped, and the observations go in.
import { z } from "zod";

const text = (max: number) => z.string().max(max);

export const MAX_HEALTH_COLLECTORS = 16;
export const MAX_PROBLEMS_PER_COLLECTOR = 20;

export const collectorHealthSchema = z.object({
  name: text(32),
  ok: z.boolean(),
  observations: z.int().min(0).max(1_000_000),
  problems: z.array(z.object({ where: text(256).optional(), message: text(512) })).max(MAX_PROBLEMS_PER_COLLECTOR),
});

export const spoolHealthSchema = z.object({
  /** Reports written and not yet accepted by the server. */
  queued: z.int().min(0).max(100_000_000),
  /** Reports the agent dropped, oldest first, because its spool was full (since it was installed). */
  droppedReports: z.int().min(0).max(100_000_000),
  /** Reports the server refused for good (400, 413 for a single observation) and kept aside for a person. */
  refusedReports: z.int().min(0).max(100_000_000).optional(),
});

/** Optional fields of `agent`: anything malformed becomes `undefined` rather than refusing the report. */
export const agentHealthFields = {
  collectors: z.array(collectorHealthSchema).max(MAX_HEALTH_COLLECTORS).optional().catch(undefined),
  spool: spoolHealthSchema.optional().catch(undefined),
};

export type CollectorHealthReport = z.output<typeof collectorHealthSchema>;
export type SpoolHealth = z.output<typeof spoolHealthSchema>;
export type AgentSelfReport = { collectors?: CollectorHealthReport[]; spool?: SpoolHealth };

/** The stored health (Agent.health), read back defensively: what the page shows, or null. */
export function readAgentHealth(value: unknown): AgentSelfReport | null {
  const parsed = z.object(agentHealthFields).safeParse(value);
  if (!parsed.success || (!parsed.data.collectors && !parsed.data.spool)) return null;
  return parsed.data;
}

/** The collectors that reported problems, with how many, in the words the agents page uses. */
export function healthSummary(health: AgentSelfReport | null): { failing: string[]; problems: number; dropped: number; queued: number } {
  const collectors = health?.collectors ?? [];
  return {
    failing: collectors.filter((c) => !c.ok).map((c) => c.name),
    problems: collectors.reduce((sum, c) => sum + c.problems.length, 0),
    dropped: health?.spool?.droppedReports ?? 0,
    queued: health?.spool?.queued ?? 0,
  };
}
