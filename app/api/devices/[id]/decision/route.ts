// POST /api/devices/{id}/decision {decision: approve|block|retire, reason?} — engineers and
// analysts (and admins) decide; the server checks the role, the audit log records it.
import { z } from "zod";
import { canApproveDevice } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { decideDevices } from "@/lib/commands/device-decisions";
import { assertSameOrigin, readJsonBody, route } from "@/lib/web/json-gate";

export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const actor = await requirePermission(canApproveDevice);
  const { id } = await params;
  const body = await readJsonBody(request, z.record(z.string().max(32), z.unknown()));
  return Response.json(await decideDevices(getDb(), [id.slice(0, 64)], body, actor));
});
