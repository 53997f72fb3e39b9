// GET /api/v1/devices/{id} — one device: identity claimed and measured, location, status, risk
// with its factors, open alerts, matched vulnerabilities. API key only.
import { withApiKey } from "@/lib/web/api-key-gate";
import { notFound } from "@/lib/web/errors";
import { getApiDevice } from "@/lib/queries/api-device";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = withApiKey(async (_request, { params }: Context) => {
  const { id } = await params;
  const device = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await getApiDevice(id) : null;
  if (!device) throw notFound("device");
  return { data: device };
});
