// The gate of every integration API route: an API key (never a session), then the handler, and
// every failure as the one error shape. Answers are not cached: they are live inventory.
import { authenticateApiKey, type AuthenticatedApiKey } from "../auth/api-key-auth";
import { getDb } from "../db/client";
import { errorResponse } from "./errors";

type Handler<C> = (request: Request, context: C, key: AuthenticatedApiKey) => Promise<unknown>;

export function withApiKey<C>(handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const key = await authenticateApiKey(getDb(), request);
      return Response.json(await handler(request, context, key), { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
