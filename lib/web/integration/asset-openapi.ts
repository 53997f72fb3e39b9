// The asset register push API's part of the OpenAPI document, generated from the zod schemas the
// routes parse and answer with (lib/web/integration/asset-schemas.ts).
import { z } from "zod";
import { listOf, oneOf } from "./answer-schemas";
import { assetQuery, bulkRegisterBody, MAX_BULK_ENTRIES, pushSummarySchema, registerEntryBody, registerEntrySchema } from "./asset-schemas";

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const generated: Record<string, unknown> = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  delete generated.$schema;
  return generated;
}
const json = (schema: z.ZodType, io: "input" | "output" = "output") => ({ "application/json": { schema: jsonSchema(schema, io) } });

const SOURCE = { name: "source", in: "query", required: false, description: 'the register source\'s name (default "api"); each source keeps its own entries', schema: { type: "string", maxLength: 120 } };
const TAG = { name: "assetTag", in: "path", required: true, description: "the asset tag as the register writes it", schema: { type: "string", maxLength: 128 } };

export function assetRegisterPaths(error: (description: string) => unknown, refusals: Record<string, unknown>) {
  const scope = (needs: string) => error(`This key's scope does not allow it (code insufficient_scope): ${needs}.`);
  const invalid = error("A field, parameter or body that cannot be taken, each named in issues (code invalid_request or invalid_query); nothing was written.");
  const readScopes = 'Read by keys of either scope: "read", or "assets:write" (a CMMS reads back the register it writes).';
  return {
    "/api/v1/assets": {
      get: {
        operationId: "listRegisterEntries",
        summary: "List asset register entries with their reconciliation (state, linked device, mismatches)",
        description: readScopes,
        security: [{ apiKey: [] }],
        parameters: Object.entries(assetQuery.shape).map(([name, field]) => ({ name, in: "query", required: false, description: field.description ?? (name === "cursor" ? "nextCursor of the previous page" : name === "limit" ? "page size, 1 to 200 (default 50)" : "entry state"), schema: jsonSchema(field, "input") })),
        responses: { "200": { description: "A page in a stable order, and the cursor of the next one.", content: json(listOf(registerEntrySchema)) }, "400": invalid, ...refusals, "403": scope("read or assets:write") },
      },
    },
    "/api/v1/assets/{assetTag}": {
      get: {
        operationId: "getRegisterEntry",
        summary: "One register entry of a source, with its reconciliation",
        description: readScopes,
        security: [{ apiKey: [] }],
        parameters: [TAG, SOURCE],
        responses: { "200": { description: "The entry.", content: json(oneOf(registerEntrySchema)) }, "404": error("No entry with this tag in this source (code not_found)."), ...refusals, "403": scope("read or assets:write") },
      },
      put: {
        operationId: "putRegisterEntry",
        summary: "Create or replace one register entry (idempotent)",
        description: 'Needs an "assets:write" key. The body is the whole entry: a field left out is emptied. Sending the same body again writes nothing and answers 200 with the same entry. There is no DELETE: an entry the register no longer lists is retired with {"retired": true} and kept; sending it without "retired" brings it back. Reconciliation with the devices the network sees runs after each change.',
        security: [{ apiKey: [] }],
        parameters: [TAG, SOURCE],
        requestBody: { required: true, content: json(registerEntryBody, "input") },
        responses: {
          "200": { description: "Replaced, or unchanged.", content: json(oneOf(registerEntrySchema)) },
          "201": { description: "Created.", content: json(oneOf(registerEntrySchema)) },
          "400": invalid, ...refusals, "403": scope('"assets:write" only'),
          "413": error("Body over 64 KiB (code payload_too_large)."), "415": error("Not JSON (code unsupported_media_type)."),
        },
      },
    },
    "/api/v1/assets/bulk": {
      post: {
        operationId: "postRegisterEntries",
        summary: `Create, replace or retire up to ${MAX_BULK_ENTRIES.toLocaleString("en-US")} register entries at once, all or nothing`,
        description: 'Needs an "assets:write" key. Each entry as in PUT, with its assetTag. One entry with a problem refuses the whole request: each problem is named entries.<index>.<field>. Entries of the source not in the request are left as they are.',
        security: [{ apiKey: [] }],
        parameters: [SOURCE],
        requestBody: { required: true, content: json(bulkRegisterBody, "input") },
        responses: {
          "200": { description: "What changed.", content: json(oneOf(pushSummarySchema)) },
          "400": invalid, ...refusals, "403": scope('"assets:write" only'),
          "413": error("Body over 8 MiB (code payload_too_large)."), "415": error("Not JSON (code unsupported_media_type)."),
        },
      },
    },
  };
}
