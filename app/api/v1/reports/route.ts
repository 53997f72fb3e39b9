// POST /api/v1/reports — agent protocol v1. Thin: authenticate, rate-limit, read, ingest, answer.
import { getDb } from "@/lib/db/client";
import { ApiError, errorResponse } from "@/lib/web/errors";
import { readReport } from "@/lib/web/report-body";
import { authenticateAgent, checkAgentRate, ingestReport, recordRefusal } from "@/lib/ingest/ingest-report";
import { log } from "@/lib/ops/log";
import { recordReport } from "@/lib/ops/metrics";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const db = getDb();
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let agentId: string | undefined;
  try {
    const agent = await authenticateAgent(db, request.headers.get("authorization"));
    agentId = agent.id;
    await checkAgentRate(db, agent.id);
    const report = await readReport(request);
    const result = await ingestReport(db, agent, report);
    recordReport(result.status === 200 ? "duplicate" : "accepted", seconds(), report.observations.length);
    log.debug("report accepted", { agentId: agent.id, reportId: report.reportId, observations: report.observations.length, status: result.status });
    return Response.json(result.body, { status: result.status });
  } catch (error) {
    const code = error instanceof ApiError ? error.code : "internal_error";
    recordReport("rejected", seconds(), 0, code);
    if (error instanceof ApiError) log.warn("report refused", { agentId: agentId ?? null, status: error.status, code, message: error.message });
    if (agentId) await recordRefusal(db, agentId, error);
    return errorResponse(error);
  }
}
