// Per-agent rate limit (shared by all instances through the database) and error bookkeeping.
import type { Db } from "../db/client";
import { ApiError } from "../web/errors";
import { hit } from "../db/rate-limit";

export function agentRateLimit(env: Record<string, string | undefined> = process.env) {
  const perMinute = Number(env.AGENT_REPORTS_PER_MINUTE);
  return { limit: Number.isInteger(perMinute) && perMinute > 0 ? perMinute : 120, windowMs: 60_000 };
}

export async function checkAgentRate(db: Db, agentId: string) {
  const verdict = await hit(db, `agent:${agentId}`, agentRateLimit());
  if (!verdict.allowed) {
    throw new ApiError(429, "rate_limited", `Too many reports from this agent; retry in ${verdict.retryAfterSeconds} s.`, undefined, {
      "Retry-After": String(verdict.retryAfterSeconds),
    });
  }
}

/** Kept for the agents view: how many reports an agent got refused, and the last reason. */
export async function recordAgentError(db: Db, agentId: string, error: { code: string; message: string }) {
  await db.agent.update({
    where: { id: agentId },
    data: { errorCount: { increment: 1 }, lastErrorAt: new Date(), lastError: `${error.code}: ${error.message}`.slice(0, 500) },
  });
}
