// GET /api/v1/changes — firmware change plans, newest first, each with its devices counted by
// state: read keys, and the CMMS keys that open plans ("changes:write"), which read back their own.
// POST /api/v1/changes — a CMMS work order opens a plan ("changes:write" only): the same plan as
// the dashboard's form, checked whole (400 with each problem named, nothing written), 201 { id, devices }.
import { withApiKey } from "@/lib/web/api-key-gate";
import { readJsonBody } from "@/lib/web/json-gate";
import { firstValues, strictParse } from "@/lib/web/integration/device-params";
import { changePlanSchema, changeQuery } from "@/lib/web/integration/change-schemas";
import { listChangePlans } from "@/lib/queries/change-api";
import { planChange } from "@/lib/commands/change-plans";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** 5,000 device ids of up to 64 characters, with room for the rest of the plan. */
const MAX_PLAN_BYTES = 512 * 1024;

export const GET = withApiKey(async (request) => {
  const query = strictParse(changeQuery, firstValues(new URL(request.url), Object.keys(changeQuery.shape)));
  return listChangePlans(getDb(), query);
}, ["read", "changes:write"]);

export const POST = withApiKey(async (request, _context, key) => {
  const body = await readJsonBody(request, changePlanSchema, MAX_PLAN_BYTES);
  const created = await planChange(getDb(), body, { apiKey: { id: key.id, name: key.name, userId: key.userId } });
  return Response.json(created, { status: 201 });
}, ["changes:write"]);
