// How an integration authenticates: an API key (created under Settings → API keys) in the
// Authorization header, looked up by its sha-256, rate-limited per key. Keys are made and
// revoked by lib/commands/api-keys.ts. Each key has one scope, and each route says which scopes
// it accepts: a key made for a CMMS pushing its register ("assets:write") reads the register it
// writes and nothing else, a key made for a CMMS opening change plans ("changes:write") reads the
// plans back and nothing else, and a reading key ("read") never writes.
import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { hit } from "../db/rate-limit";
import { ApiError } from "../web/errors";

/** Apart from agent tokens ("iomt_"), so a key pasted in the wrong place is refused at a glance. */
export const API_KEY_PREFIX = "iomtk_";
const KEY_SHAPE = /^iomtk_[A-Za-z0-9_-]{43}$/;
/** How long lastUsedAt may lag: at most one write a minute per key, not one per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export const hashApiKey = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function apiKeyRateLimit(env: Record<string, string | undefined> = process.env) {
  const perMinute = Number(env.API_KEY_REQUESTS_PER_MINUTE);
  return { limit: Number.isInteger(perMinute) && perMinute > 0 ? perMinute : 600, windowMs: 60_000 };
}

/**
 * "read": the integration API's reads (every key made before scopes existed). "assets:write": a
 * CMMS pushing its asset register. "changes:write": a CMMS work order opening firmware change plans.
 */
export const API_KEY_SCOPES = ["read", "assets:write", "changes:write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** `userId`: the administrator who made the key, who counts as the requester of a plan it opens (four eyes). */
export type AuthenticatedApiKey = { id: string; name: string; scope: ApiKeyScope; userId: string | null };

const refused = (message: string) => new ApiError(401, "unauthorized", message);

/**
 * The key from `Authorization: Bearer <key>`, or a 401 in the one error shape. The key is looked
 * up by its sha-256: the database compares hashes, never the secret, and since an attacker cannot
 * choose a hash's bytes, how long the lookup takes says nothing about any stored key (a timing-safe
 * compare guards a comparison with the secret itself, which never happens here). Then the per-key
 * rate limit (429 with Retry-After), then lastUsedAt, written at most once a minute, then the
 * scope: a key whose scope the route does not accept is refused with 403 insufficient_scope.
 */
export async function authenticateApiKey(db: Db, request: Request, now = new Date(), accepts: readonly ApiKeyScope[] = ["read"]): Promise<AuthenticatedApiKey> {
  const match = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match || !KEY_SHAPE.test(match[1])) throw refused("Send an API key as 'Authorization: Bearer <key>'; an administrator creates keys under Settings → API keys.");
  const key = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(match[1]) }, select: { id: true, name: true, scope: true, revokedAt: true, lastUsedAt: true, createdById: true } });
  if (!key || key.revokedAt) throw refused("Unknown or revoked API key.");
  const verdict = await hit(db, `apikey:${key.id}`, apiKeyRateLimit(), now);
  if (!verdict.allowed) {
    throw new ApiError(429, "rate_limited", `Too many requests with this API key; retry in ${verdict.retryAfterSeconds} s.`, undefined, { "Retry-After": String(verdict.retryAfterSeconds) });
  }
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!key.lastUsedAt || key.lastUsedAt <= stale) {
    // Conditional, so instances racing on the same key write once between them.
    await db.apiKey.updateMany({ where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] }, data: { lastUsedAt: now } });
  }
  // After the rate limit, so a key knocking on the wrong door is still counted.
  const scope = (API_KEY_SCOPES as readonly string[]).includes(key.scope) ? (key.scope as ApiKeyScope) : "read";
  if (!accepts.includes(scope)) {
    throw new ApiError(403, "insufficient_scope", `This API key's scope is "${scope}"; this endpoint needs ${accepts.map((a) => `"${a}"`).join(" or ")}. An administrator creates keys of each scope under Settings → API keys.`);
  }
  return { id: key.id, name: key.name, scope, userId: key.createdById };
}
