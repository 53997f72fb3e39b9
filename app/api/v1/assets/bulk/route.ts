// POST /api/v1/assets/bulk?source= — up to 5,000 register entries at once, all or nothing: one
// entry with a problem refuses the request (400, each problem named entries.<index>.<field>).
import { withApiKey } from "@/lib/web/api-key-gate";
import { readJsonBody } from "@/lib/web/json-gate";
import { firstValues, strictParse } from "@/lib/web/integration/device-params";
import { bulkRegisterBody, pushedEntries, sourceParam } from "@/lib/web/integration/asset-schemas";
import { upsertRegisterEntries } from "@/lib/commands/asset-register-entries";
import { getDb } from "@/lib/db/client";
import { z } from "zod";

export const dynamic = "force-dynamic";

/** 5,000 entries of a few hundred bytes each, with room for extra columns. */
const MAX_BULK_BYTES = 8 * 1024 * 1024;
const query = z.object({ source: sourceParam });

export const POST = withApiKey(async (request, _context, key) => {
  const { source } = strictParse(query, firstValues(new URL(request.url), ["source"]));
  const { entries } = await readJsonBody(request, bulkRegisterBody, MAX_BULK_BYTES);
  const checked = pushedEntries(entries.map(({ assetTag, ...body }) => ({ assetTag, body })), (i) => `entries.${i}.`);
  const { created, updated, unchanged, retired } = await upsertRegisterEntries(getDb(), source, checked, { system: `API key ${key.name}` });
  return { data: { source, entries: checked.length, created, updated, unchanged, retired } };
}, ["assets:write"]);
