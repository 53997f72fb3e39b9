// GET /api/v1/openapi.json — the agent (and integration) API, described in OpenAPI 3.1.
import { openApiDocument } from "@/lib/web/openapi";

export function GET() {
  return Response.json(openApiDocument());
}
