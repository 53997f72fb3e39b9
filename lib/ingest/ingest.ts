// The write path: one accepted report = one transaction. The 202 answer is stored with the
// report, so a retry of the same reportId gets it back and nothing is stored twice.
import { randomUUID } from "node:crypto";
import type { AuthenticatedAgent } from "../commands/agent-enrolment";
import { providerOf, sqliteConnectionOf, type Db } from "../db/client";
import { gatherEvidence } from "../domain/identity/evidence";
import type { AgentReport, ReportAnswer } from "../domain/protocol/agent-report";
import { writeReport } from "./write";

export type IngestResult = { status: 200 | 202; body: ReportAnswer & { duplicate?: true } };

const MAX_ATTEMPTS = 4;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

async function storedAnswer(db: Db, agentId: string, reportId: string): Promise<IngestResult | null> {
  const row = await db.report.findUnique({ where: { agentId_reportId: { agentId, reportId } }, select: { answer: true } });
  return row ? { status: 200, body: { ...(row.answer as ReportAnswer), duplicate: true } } : null;
}

export async function ingestReport(db: Db, agent: AuthenticatedAgent, report: AgentReport, now = new Date()): Promise<IngestResult> {
  const replay = await storedAnswer(db, agent.id, report.reportId);
  if (replay) return replay;
  const evidence = report.observations.map((o) => gatherEvidence(o, agent.id));
  for (let attempt = 1; ; attempt++) {
    try {
      const provider = providerOf(db);
      const connection = sqliteConnectionOf(db);
      const body = await db.$transaction((tx) => writeReport(tx as unknown as Db, provider, connection, agent, report, evidence, now, randomUUID), {
        maxWait: 30_000,
        timeout: 120_000,
      });
      return { status: 202, body };
    } catch (error) {
      // The same report raced itself (an agent retry while the first attempt was in flight).
      if (isUniqueViolation(error)) {
        const first = await storedAnswer(db, agent.id, report.reportId);
        if (first) return first;
      }
      // Two agents saw the same new device at the same moment: the loser retries and finds it.
      if (attempt < MAX_ATTEMPTS && (isUniqueViolation(error) || isWriteConflict(error))) continue;
      throw error;
    }
  }
}

function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === "P2034" || /deadlock|could not serialize|SQLITE_BUSY|database is locked/i.test(String(e?.message));
}
