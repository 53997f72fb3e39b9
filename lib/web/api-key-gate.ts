// The gate of every integration API route: an API key (never a session), then the handler, and
// every failure as the one error shape. Answers are not cached: they are live inventory.
import { authenticateApiKey, type ApiKeyScope, type AuthenticatedApiKey } from "../auth/api-key-auth";
import { getDb } from "../db/client";
import { errorResponse } from "./errors";

type Handler<C> = (request: Request, context: C, key: AuthenticatedApiKey) => Promise<unknown>;

/** `accepts`: the key scopes this route serves; reads by default ("read" keys only). */
export function withApiKey<C>(handler: Handler<C>, accepts: readonly ApiKeyScope[] = ["read"]) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const key = await authenticateApiKey(getDb(), request, new Date(), accepts);
      const answer = await handler(request, context, key);
      // A handler that chose its status (201 Created) answers itself; anything else is JSON, 200.
      if (answer instanceof Response) {
        answer.headers.set("Cache-Control", "no-store");
        return answer;
      }
      return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
