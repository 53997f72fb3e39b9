// PATCH /api/policies/{id} {enabled} — switch a policy on or off.
import { z } from "zod";
import { canManagePolicies } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { assertSameOrigin, readJsonBody, route } from "@/lib/web/json-gate";
import { setPolicyEnabled } from "@/lib/commands/policy-editing";

export const PATCH = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const actor = await requirePermission(canManagePolicies);
  const { id } = await params;
  const { enabled } = await readJsonBody(request, z.object({ enabled: z.boolean() }));
  return Response.json({ policy: await setPolicyEnabled(getDb(), id.slice(0, 64), enabled, actor) });
});
