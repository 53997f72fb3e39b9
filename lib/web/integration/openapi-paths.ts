// The integration API's part of the OpenAPI document (lib/web/openapi.ts): paths, parameters and
// answers generated from the zod schemas that parse the queries and describe the answers.
import { z } from "zod";
import { alertQuery } from "./alert-params";
import { deviceQuery } from "./device-params";
import { alertSummarySchema, deviceDetailSchema, deviceSummarySchema, listOf, oneOf } from "./answer-schemas";
import { assetRegisterPaths } from "./asset-openapi";
import { changePlanPaths } from "./change-openapi";

const PARAMETER_WORDS: Record<string, string> = {
  q: "search: name, MAC (any spelling), IP, serial, vendor or model",
  category: "device category, e.g. infusion_pump",
  site: "site id",
  segment: "segment id",
  vendor: "vendor, exactly",
  status: "device status",
  criticality: "clinical criticality",
  tier: "risk tier",
  seen: "last seen within 24 h, 7 d, 30 d, or longer ago (older)",
  sort: "order of the list (risk: highest score first)",
  kind: "alert kind",
  severity: "alert severity",
  device: "a device's id: its alerts only",
  agent: "an agent's id: its alerts only",
  since: "last raised within 24 h, 7 d or 30 d",
  cursor: "nextCursor of the previous page (same filters and sort); a cursor that is not one is a 400",
  limit: "page size, 1 to 200 (default 50)",
};

type Shaped = { shape: Record<string, z.ZodType> };

/** JSON Schema of a zod schema, without the "$schema" line each would otherwise repeat. */
function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const generated: Record<string, unknown> = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  delete generated.$schema;
  return generated;
}

function queryParameters(schema: Shaped) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    description: field.description ?? PARAMETER_WORDS[name],
    schema: jsonSchema(field, "input"),
  }));
}

const json = (schema: z.ZodType) => ({ "application/json": { schema: jsonSchema(schema, "output") } });

export function integrationPaths(error: (description: string) => unknown) {
  const refusals = {
    "401": error("No API key, or a malformed, unknown or revoked one (code unauthorized). A browser session does not count."),
    "403": error('The key\'s scope does not allow this (code insufficient_scope): the reads need a "read" key.'),
    "429": { ...(error("This key exceeded its rate limit (code rate_limited).") as object), headers: { "Retry-After": { schema: { type: "integer" } } } },
  };
  const list = (operationId: string, summary: string, query: Shaped, item: z.ZodType) => ({
    get: {
      operationId,
      summary,
      security: [{ apiKey: [] }],
      parameters: queryParameters(query),
      responses: {
        "200": { description: "A page, and the cursor of the next one.", content: json(listOf(item)) },
        "400": error("A parameter with a value it cannot take, naming it in issues (code invalid_query). Unknown parameters are ignored."),
        ...refusals,
      },
    },
  });
  return {
    "/api/v1/devices": list("listDevices", "List devices (the inventory's filters, sort and cursor)", deviceQuery, deviceSummarySchema),
    "/api/v1/devices/{id}": {
      get: {
        operationId: "getDevice",
        summary: "One device: identity claimed and measured, location, status, risk with its factors, open alerts, vulnerabilities",
        security: [{ apiKey: [] }],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", maxLength: 64 } }],
        responses: { "200": { description: "The device.", content: json(oneOf(deviceDetailSchema)) }, "404": error("No such device (code not_found)."), ...refusals },
      },
    },
    "/api/v1/alerts": list("listAlerts", "List alerts (the Alerts view's filters and cursor)", alertQuery, alertSummarySchema),
    ...assetRegisterPaths(error, refusals),
    ...changePlanPaths(error, refusals),
  };
}

export const apiKeySecurityScheme = {
  type: "http",
  scheme: "bearer",
  description: 'An API key an administrator created under Settings → API keys (iomtk_…), of one scope: "read" (devices, alerts, the asset register, change plans), "assets:write" (push and read back the asset register, nothing else) or "changes:write" (open firmware change plans and read them back, nothing else).',
};
