// PUT /api/v1/assets/{assetTag}?source= — one register entry from a CMMS, created or replaced
// (idempotent: the same body twice writes nothing the second time); retire it with
// {"retired": true}, never DELETE. GET reads it back. "assets:write" keys only for PUT.
import { withApiKey } from "@/lib/web/api-key-gate";
import { readJsonBody } from "@/lib/web/json-gate";
import { firstValues, strictParse } from "@/lib/web/integration/device-params";
import { pushedEntries, registerEntryBody, sourceParam } from "@/lib/web/integration/asset-schemas";
import { notFound } from "@/lib/web/errors";
import { upsertRegisterEntries } from "@/lib/commands/asset-register-entries";
import { registerEntry } from "@/lib/queries/asset-register-api";
import { getDb } from "@/lib/db/client";
import { z } from "zod";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ assetTag: string }> };
const query = z.object({ source: sourceParam });
const tagOf = async (context: Context) => (await context.params).assetTag.slice(0, 200);

export const PUT = withApiKey(async (request, context: Context, key) => {
  const { source } = strictParse(query, firstValues(new URL(request.url), ["source"]));
  const assetTag = await tagOf(context);
  const body = await readJsonBody(request, registerEntryBody);
  const entries = pushedEntries([{ assetTag, body }], () => "");
  const result = await upsertRegisterEntries(getDb(), source, entries, { system: `API key ${key.name}` });
  const entry = await registerEntry(getDb(), source, entries[0].row.assetTag);
  return Response.json({ data: entry }, { status: result.created ? 201 : 200 });
}, ["assets:write"]);

export const GET = withApiKey(async (request, context: Context) => {
  const { source } = strictParse(query, firstValues(new URL(request.url), ["source"]));
  const entry = await registerEntry(getDb(), source, (await tagOf(context)).trim());
  if (!entry) throw notFound("register entry in this source");
  return { data: entry };
}, ["read", "assets:write"]);
