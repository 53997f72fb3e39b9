// GET /api/users — list users; POST /api/users — create one. Administrators only.
import { z } from "zod";
import { canManageUsers } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { assertSameOrigin, readJsonBody, route } from "@/lib/web/json-gate";
import { createUser } from "@/lib/commands/user-accounts";
import { listUsers } from "@/lib/queries/user-list";

export const GET = route(async () => {
  await requirePermission(canManageUsers);
  return Response.json({ users: await listUsers(getDb()) });
});

export const POST = route(async (request) => {
  assertSameOrigin(request);
  const actor = await requirePermission(canManageUsers);
  // Shape is checked by createUser's own schema; here only that it is a bounded JSON object.
  const body = await readJsonBody(request, z.record(z.string().max(64), z.unknown()));
  const user = await createUser(getDb(), body, actor);
  return Response.json({ user }, { status: 201 });
});
