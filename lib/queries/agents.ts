import "server-only";
import { getDb } from "../db/client";
import { laneSegments } from "../domain/agent-lane";
import { readAgentHealth, type AgentSelfReport } from "../domain/protocol/agent-health";

export type AgentHealth = {
  id: string;
  name: string;
  site: string | null;
  /** The segments it may report on (its lane); null: every segment of its site. */
  segments: string[] | null;
  version: string | null;
  hostname: string | null;
  tokenPrefix: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  expectedInterval: number;
  reportsLastHour: number;
  observationCount: number;
  errorCount: number;
  lastError: string | null;
  /** What the agent said of itself with its last report that carried it (the reference agent does). */
  health: AgentSelfReport | null;
  healthAt: Date | null;
  state: "online" | "offline" | "never" | "revoked";
};

function stateOf(a: { revokedAt: Date | null; lastSeenAt: Date | null; expectedInterval: number }, now: Date): AgentHealth["state"] {
  if (a.revokedAt) return "revoked";
  if (!a.lastSeenAt) return "never";
  return now.getTime() - a.lastSeenAt.getTime() <= a.expectedInterval * 2000 ? "online" : "offline";
}

export async function getAgentHealth(now = new Date()): Promise<AgentHealth[]> {
  const db = getDb();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const [agents, recent] = await Promise.all([
    db.agent.findMany({ orderBy: [{ revokedAt: "asc" }, { name: "asc" }], take: 1000, include: { site: { select: { name: true } } } }),
    db.report.groupBy({ by: ["agentId"], where: { receivedAt: { gte: hourAgo } }, _count: { _all: true } }),
  ]);
  const perHour = new Map(recent.map((r) => [r.agentId, r._count._all]));
  return agents.map((a) => ({
    id: a.id,
    name: a.name,
    site: a.site?.name ?? null,
    segments: laneSegments(a.segments),
    version: a.version,
    hostname: a.hostname,
    tokenPrefix: a.tokenPrefix,
    createdAt: a.createdAt,
    lastSeenAt: a.lastSeenAt,
    revokedAt: a.revokedAt,
    expectedInterval: a.expectedInterval,
    reportsLastHour: perHour.get(a.id) ?? 0,
    observationCount: a.observationCount,
    errorCount: a.errorCount,
    lastError: a.lastError,
    health: readAgentHealth(a.health),
    healthAt: a.healthAt,
    state: stateOf(a, now),
  }));
}
