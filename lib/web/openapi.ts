// The OpenAPI 3.1 description of the agent API, generated from the same zod schemas that
// validate reports, so the document cannot drift from what the server accepts.
import { z } from "zod";
import { MAX_OBSERVATIONS, reportSchema } from "../domain/protocol/agent-report";
import { DEFAULT_REPORT_LIMIT_BYTES } from "./report-body";
import { apiKeySecurityScheme, integrationPaths } from "./integration/openapi-paths";
import { webhookOperations } from "../domain/integrations/event-schema";
import { enforcementPolicySchema, enforcementReportSchema, MAX_ENFORCEMENT_ACTIONS, MAX_POLICY_ENTRIES } from "../domain/enforcement/enforcement-policy";

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const answerSchema = z.object({
  reportId: z.string(),
  accepted: z.int().min(0),
  devices: z.object({ new: z.int().min(0), updated: z.int().min(0) }),
  alerts: z.int().min(0),
  refused: z
    .object({ count: z.int().min(1), issues: z.array(z.object({ path: z.string(), message: z.string() })) })
    .optional()
    .describe("present when observations outside the agent's lane were refused; the rest of the report was accepted"),
  duplicate: z.literal(true).optional().describe("present on a replayed reportId: the first answer, nothing stored twice"),
});

const enforcementAnswerSchema = z.object({ accepted: z.int().min(0), duplicates: z.int().min(0) });

const json = (schema: z.ZodType, io: "input" | "output" = "output") => ({ "application/json": { schema: z.toJSONSchema(schema, { io, unrepresentable: "any" }) } });
const error = (description: string) => ({ description, content: json(errorSchema) });

const refusedAgent = {
  "401": error("Missing or unknown token (code unauthorized)."),
  "403": error("The agent is revoked (code agent_revoked)."),
  "429": { ...error("The agent exceeded its rate limit (code rate_limited)."), headers: { "Retry-After": { schema: { type: "integer" } } } },
};

/** The enforcement extension (docs/agent-protocol-v1.md, "Enforcement"): the policy an agent fetches, and what it reports it did. */
function enforcementPath() {
  return {
    get: {
      operationId: "getEnforcementPolicy",
      summary: "Fetch the agent's enforcement policy (versioned, with ETag)",
      description: `The mode that applies to the agent (its own, else its site's) and at most ${MAX_POLICY_ENTRIES} block and allow entries each. The version is a hash of the content: it changes exactly when something the agent acts on changes.`,
      parameters: [{ name: "If-None-Match", in: "header", required: false, description: "The ETag of the policy the agent holds.", schema: { type: "string" } }],
      responses: {
        "200": { description: "The policy, with ETag and Cache-Control: no-cache.", headers: { ETag: { schema: { type: "string" } } }, content: json(enforcementPolicySchema) },
        "304": { description: "If-None-Match names the current version: keep the policy you hold." },
        ...refusedAgent,
      },
    },
    post: {
      operationId: "postEnforcementReport",
      summary: "Report what the agent enforced",
      requestBody: { required: true, content: json(enforcementReportSchema, "input") },
      responses: {
        "202": { description: `Stored (at most ${MAX_ENFORCEMENT_ACTIONS} actions a report); an actionId the agent sent before is counted as a duplicate, never stored twice.`, content: json(enforcementAnswerSchema) },
        "400": error("Malformed JSON or a body that breaks the protocol (code invalid_enforcement_report, with issues)."),
        "413": error("Body over the limit after decompression (code payload_too_large)."),
        "415": error("Not JSON (code unsupported_media_type)."),
        ...refusedAgent,
      },
    },
  };
}

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "IoMT Risk agent and integration API",
      version: "1.0.0",
      description: `Agents post what they observe. At most ${MAX_OBSERVATIONS} observations and ${DEFAULT_REPORT_LIMIT_BYTES / 1024 / 1024} MiB (after gzip decompression) per report. Integrations (SIEM, CMMS, SOAR) read devices and alerts with an API key: read-only, each operation names its security.`,
    },
    components: { securitySchemes: { agentToken: { type: "http", scheme: "bearer", description: "The token shown once when the agent was enrolled." }, apiKey: apiKeySecurityScheme } },
    security: [{ agentToken: [] }],
    paths: {
      "/api/v1/reports": {
        post: {
          operationId: "postReport",
          summary: "Post an agent report",
          parameters: [{ name: "Content-Encoding", in: "header", required: false, schema: { type: "string", enum: ["gzip"] } }],
          requestBody: { required: true, content: json(reportSchema, "input") },
          responses: {
            "202": { description: "Accepted and durably stored (committed before this answer).", content: json(answerSchema) },
            "200": { description: "This agent sent this reportId before: the first answer again, with duplicate: true.", content: json(answerSchema) },
            "400": error("Malformed JSON or a body that breaks the protocol (code invalid_report, with issues)."),
            "401": error("Missing or unknown token (code unauthorized)."),
            "403": error("The agent is revoked (code agent_revoked)."),
            "413": error("Body over the limit after decompression (code payload_too_large)."),
            "415": error("Not JSON (code unsupported_media_type)."),
            "429": { ...error("The agent exceeded its rate limit (code rate_limited)."), headers: { "Retry-After": { schema: { type: "integer" } } } },
          },
        },
      },
      "/api/v1/enforcement": enforcementPath(),
      ...integrationPaths(error),
    },
    // What the dashboard posts to webhooks (lib/outbound/webhook-send.ts), one entry per event type.
    webhooks: webhookOperations(),
  };
}
