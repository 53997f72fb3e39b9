// Reads an enforcement report (POST /api/v1/enforcement) with the limits of an agent report
// (report-body.ts): JSON, optionally gzip, at most REPORT_MAX_BYTES after decompression, screened
// for hostile JSON, then the protocol's schema. One gate, one error code: invalid_enforcement_report.
import { readAgentBody, reportLimitBytes, type AgentBody } from "./report-body";
import { enforcementReportSchema, type EnforcementReport } from "../domain/enforcement/enforcement-policy";

const ENFORCEMENT_BODY: AgentBody<EnforcementReport> = {
  schema: enforcementReportSchema,
  code: "invalid_enforcement_report",
  what: "enforcement report",
  broken: "The enforcement report does not follow the protocol (docs/agent-protocol-v1.md, Enforcement).",
};

export function readEnforcementReport(request: Request, maxBytes = reportLimitBytes()): Promise<EnforcementReport> {
  return readAgentBody(request, ENFORCEMENT_BODY, maxBytes);
}
