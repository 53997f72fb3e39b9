// GET /api/metrics — Prometheus text format, for a scraper holding METRICS_TOKEN (Bearer). Off
// unless a token is configured: the numbers describe the hospital's estate.
import { timingSafeEqual } from "node:crypto";
import { ApiError, errorResponse } from "@/lib/web/errors";
import { metrics } from "@/lib/ops/metrics";

export const dynamic = "force-dynamic";

function authorised(header: string | null, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export async function GET(request: Request) {
  try {
    const token = process.env.METRICS_TOKEN;
    if (!token) throw new ApiError(404, "metrics_disabled", "Metrics are off: set METRICS_TOKEN to enable them.");
    if (!authorised(request.headers.get("authorization"), token)) throw new ApiError(401, "unauthorized", "Send the metrics token as a Bearer token.");
    const { registry } = metrics();
    return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
