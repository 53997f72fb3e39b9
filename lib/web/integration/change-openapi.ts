// The firmware change plans' part of the OpenAPI document (issue 17), generated from the zod
// schemas the routes parse and answer with (lib/web/integration/change-schemas.ts).
import { z } from "zod";
import { listOf, oneOf } from "./answer-schemas";
import { changeDetailSchema, changePlanSchema, changeQuery, changeSummarySchema, createdChangeSchema, MAX_PLAN_DEVICES } from "./change-schemas";

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const generated: Record<string, unknown> = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  delete generated.$schema;
  return generated;
}
const json = (schema: z.ZodType, io: "input" | "output" = "output") => ({ "application/json": { schema: jsonSchema(schema, io) } });

const QUERY_WORDS: Record<string, string> = { cursor: "nextCursor of the previous page (same state)", limit: "page size, 1 to 200 (default 50)" };
const READ_SCOPES = 'Read by keys of either scope: "read", or "changes:write" (a CMMS reads back the plans it opened).';

export function changePlanPaths(error: (description: string) => unknown, refusals: Record<string, unknown>) {
  const scope = (needs: string) => error(`This key's scope does not allow it (code insufficient_scope): ${needs}.`);
  return {
    "/api/v1/changes": {
      get: {
        operationId: "listChangePlans",
        summary: "List firmware change plans, newest first, with each plan's devices counted by state",
        description: READ_SCOPES,
        security: [{ apiKey: [] }],
        parameters: Object.entries(changeQuery.shape).map(([name, field]) => ({ name, in: "query", required: false, description: field.description ?? QUERY_WORDS[name], schema: jsonSchema(field, "input") })),
        responses: { "200": { description: "A page, and the cursor of the next one.", content: json(listOf(changeSummarySchema)) }, "400": error("A parameter with a value it cannot take, naming it in issues (code invalid_query)."), ...refusals, "403": scope("read or changes:write") },
      },
      post: {
        operationId: "createChangePlan",
        summary: "Plan a firmware change (a CMMS work order opening one)",
        description: `Needs a "changes:write" key. The plan is submitted for approval by a security analyst or an administrator other than the key's creator; the firmware watch then follows each device from what agents report. The window is given as wall-clock times in its time zone (a time a clock change skips is refused). Devices: chosen by id, or a filter (vendor and model required) resolved now to the matching devices in service; 1 to ${MAX_PLAN_DEVICES.toLocaleString("en-US")}. A device already in a submitted, approved or in-window plan is refused (409), naming that plan. Nothing is written on any refusal.`,
        security: [{ apiKey: [] }],
        requestBody: { required: true, content: json(changePlanSchema, "input") },
        responses: {
          "201": { description: "Submitted: the plan's id and how many devices it holds.", content: json(createdChangeSchema) },
          "400": error("A field that cannot be taken, each named in issues (codes invalid_request, invalid_window, invalid_selection, no_devices, too_many_devices, unknown_advisory); nothing was written."),
          ...refusals,
          "403": scope('"changes:write" only'),
          "409": error("A device is already in an active plan (code device_in_active_plan), named in the message."),
          "413": error("Body over 512 KiB (code payload_too_large)."),
          "415": error("Not JSON (code unsupported_media_type)."),
        },
      },
    },
    "/api/v1/changes/{id}": {
      get: {
        operationId: "getChangePlan",
        summary: "One firmware change plan with each device's progress and contingency task",
        description: READ_SCOPES,
        security: [{ apiKey: [] }],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", maxLength: 64 } }],
        responses: { "200": { description: "The plan.", content: json(oneOf(changeDetailSchema)) }, "404": error("No such plan (code not_found)."), ...refusals, "403": scope("read or changes:write") },
      },
    },
  };
}
