// POST /api/v1/reports — agent protocol v1. Thin: authenticate, rate-limit, read, ingest, answer.
import { authenticateAgent } from "@/lib/agents";
import { getDb } from "@/lib/db/client";
import { ApiError, errorBody, errorResponse } from "@/lib/http/errors";
import { readReport } from "@/lib/ingest/body";
import { ingestReport } from "@/lib/ingest/ingest";
import { checkAgentRate, recordAgentError } from "@/lib/ingest/agent-limits";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const db = getDb();
  let agentId: string | undefined;
  try {
    const agent = await authenticateAgent(db, request.headers.get("authorization"));
    agentId = agent.id;
    await checkAgentRate(db, agent.id);
    const report = await readReport(request);
    const result = await ingestReport(db, agent, report);
    return Response.json(result.body, { status: result.status });
  } catch (error) {
    if (agentId && error instanceof ApiError && error.status !== 429) await recordAgentError(db, agentId, errorBody(error).error).catch(() => undefined);
    return errorResponse(error);
  }
}
