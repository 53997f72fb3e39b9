// Readiness: 200 when the database answers and its migrations are current, else 503.
import { getDb } from "@/lib/db/client";
import { readiness } from "@/lib/ops/ready";

export const dynamic = "force-dynamic";

export async function GET() {
  const state = await readiness(getDb());
  return Response.json(state, { status: state.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
