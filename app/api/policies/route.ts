// GET /api/policies — list; POST /api/policies — create a baseline or USB allow-list.
// Analysts and administrators; evaluated on every ingest from then on.
import { z } from "zod";
import { canManagePolicies } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { assertSameOrigin, readJsonBody, route } from "@/lib/web/json-gate";
import { createPolicy } from "@/lib/commands/policy-editing";
import { listPolicies } from "@/lib/queries/policies";

export const GET = route(async () => {
  await requirePermission(canManagePolicies);
  return Response.json({ policies: await listPolicies(getDb()) });
});

export const POST = route(async (request) => {
  assertSameOrigin(request);
  const actor = await requirePermission(canManagePolicies);
  const body = await readJsonBody(request, z.record(z.string().max(32), z.unknown()), 1024 * 1024);
  return Response.json({ policy: await createPolicy(getDb(), body, actor) }, { status: 201 });
});
