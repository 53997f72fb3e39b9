// The request gate for the dashboard's own JSON API: error mapping, same-origin check for
// cookie-authenticated mutations, bounded JSON bodies, zod validation.
import type { z } from "zod";
import { ApiError, badRequest, errorResponse, zodIssues } from "./errors";
import { hostileJsonPath, isJsonContentType, parseJson, readLimited } from "./body";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a route handler so every failure becomes the one error shape. */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Cookie-authenticated mutations must come from our own pages: browsers send Origin on every
 * cross-site POST/PATCH/DELETE, so a mismatch is a forged request (CSRF).
 */
export function assertSameOrigin(request: Request) {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!host || originHost(request.headers.get("origin")) !== host) {
    throw new ApiError(403, "cross_site_request", "This request must come from the dashboard itself.");
  }
}

/** The host of an Origin header; null when absent or unparseable (browsers send "null" from sandboxes). */
function originHost(origin: string | null): string | null {
  if (!origin || !URL.canParse(origin)) return null;
  return new URL(origin).host;
}

export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes = 64 * 1024): Promise<z.output<S>> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  const data = parseJson(await readLimited(request.body, maxBytes));
  const hostile = hostileJsonPath(data);
  if (hostile) throw badRequest("invalid_request", "The request body is not valid.", [hostile]);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw badRequest("invalid_request", "The request body is not valid.", zodIssues(parsed.error));
  return parsed.data;
}
