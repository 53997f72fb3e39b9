// GET /api/v1/enforcement — the agent's enforcement policy, with its version as ETag (304 when the
// agent holds it). POST — what the agent enforced. Agent token and rate limit as for reports.
import { getDb } from "@/lib/db/client";
import { authenticateAgent, checkAgentRate, recordRefusal } from "@/lib/ingest/ingest-report";
import { recordPolicyFetch, storeEnforcementReport } from "@/lib/ingest/enforcement-report";
import { log } from "@/lib/ops/log";
import { agentPolicyScope, enforcementPolicyFor } from "@/lib/queries/agent-policy";
import { readEnforcementReport } from "@/lib/web/enforcement-body";
import { ApiError, errorResponse } from "@/lib/web/errors";

export const dynamic = "force-dynamic";

/** Whether If-None-Match names this version ("v", W/"v", a list of them, or *). */
function holds(ifNoneMatch: string | null, version: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === `"${version}"`;
  });
}

export async function GET(request: Request) {
  const db = getDb();
  try {
    const agent = await authenticateAgent(db, request.headers.get("authorization"));
    await checkAgentRate(db, agent.id);
    const found = await agentPolicyScope(db, agent.id);
    if (!found) throw new ApiError(401, "unauthorized", "Unknown agent token.");
    const { policy } = await enforcementPolicyFor(db, found.scope);
    await recordPolicyFetch(db, agent.id, policy.version, found.fetched);
    const headers = { ETag: `"${policy.version}"`, "Cache-Control": "no-cache" };
    if (holds(request.headers.get("if-none-match"), policy.version)) return new Response(null, { status: 304, headers });
    return Response.json(policy, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  const db = getDb();
  let agentId: string | undefined;
  try {
    const agent = await authenticateAgent(db, request.headers.get("authorization"));
    agentId = agent.id;
    await checkAgentRate(db, agent.id);
    const report = await readEnforcementReport(request);
    const answer = await storeEnforcementReport(db, agent.id, report);
    log.debug("enforcement report stored", { agentId: agent.id, ...answer });
    return Response.json(answer, { status: 202 });
  } catch (error) {
    if (error instanceof ApiError) log.warn("enforcement report refused", { agentId: agentId ?? null, status: error.status, code: error.code, message: error.message });
    if (agentId) await recordRefusal(db, agentId, error);
    return errorResponse(error);
  }
}
