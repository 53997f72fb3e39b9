// PATCH /api/users/{id} — change a user's role or disable them. Administrators only.
import { z } from "zod";
import { canManageUsers } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { assertSameOrigin, readJsonBody, route } from "@/lib/web/json-gate";
import { updateUser } from "@/lib/commands/user-accounts";

export const PATCH = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const actor = await requirePermission(canManageUsers);
  const { id } = await params;
  const body = await readJsonBody(request, z.record(z.string().max(64), z.unknown()));
  return Response.json({ user: await updateUser(getDb(), id.slice(0, 64), body, actor) });
});
