// POST /api/devices/{id}/acceptance {reason, owner, expiresAt} accepts a device's risk until a
// date; DELETE revokes the active acceptance. Security analysts (and admins); audited.
import { z } from "zod";
import { canAcceptRisk } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { assertSameOrigin, readJsonBody, route } from "@/lib/web/json-gate";
import { acceptRisk, revokeAcceptance } from "@/lib/commands/risk-edits";

type Context = { params: Promise<{ id: string }> };

export const POST = route(async (request, { params }: Context) => {
  assertSameOrigin(request);
  const actor = await requirePermission(canAcceptRisk);
  const id = (await params).id.slice(0, 64);
  // The fields are checked by acceptRisk's own schema; here only a bounded object.
  const body = await readJsonBody(request, z.record(z.string().max(32), z.unknown()));
  const acceptance = await acceptRisk(getDb(), id, body, actor);
  return Response.json({ acceptance }, { status: 201 });
});

export const DELETE = route(async (request, { params }: Context) => {
  assertSameOrigin(request);
  const actor = await requirePermission(canAcceptRisk);
  await revokeAcceptance(getDb(), (await params).id.slice(0, 64), actor);
  return Response.json({ revoked: true });
});
