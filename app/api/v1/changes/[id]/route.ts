// GET /api/v1/changes/{id} — one firmware change plan with each device's progress (planned,
// verified, failed and why) and the contingency task of each failed one. Read and "changes:write" keys.
import { withApiKey } from "@/lib/web/api-key-gate";
import { notFound } from "@/lib/web/errors";
import { getChangePlan } from "@/lib/queries/change-api";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = withApiKey(async (_request, { params }: Context) => {
  const { id } = await params;
  const plan = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await getChangePlan(getDb(), id) : null;
  if (!plan) throw notFound("change plan");
  return { data: plan };
}, ["read", "changes:write"]);
