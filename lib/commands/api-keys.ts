// API keys for the read-only integration API (SIEM, CMMS, SOAR): created by an administrator,
// shown once, stored only as a sha-256, revocable. A key authenticates /api/v1/devices and
// /api/v1/alerts and nothing else; a browser session never authenticates those.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { audit } from "./audit-trail";
import type { Db } from "../db/client";
import { ApiError, badRequest, notFound, zodIssues } from "../web/errors";
import { log } from "../ops/log";
import { hit } from "../db/rate-limit";

/** Apart from agent tokens ("iomt_"), so a key pasted in the wrong place is refused at a glance. */
export const API_KEY_PREFIX = "iomtk_";
const KEY_SHAPE = /^iomtk_[A-Za-z0-9_-]{43}$/;
/** How long lastUsedAt may lag: at most one write a minute per key, not one per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export const hashApiKey = (secret: string) => createHash("sha256").update(secret).digest("hex");

export const createApiKeySchema = z.object({
  name: z.string().trim().min(3, "at least 3 characters").max(64, "at most 64 characters"),
});

export type ActingUser = { id: string; email: string };
export type CreatedApiKey = { id: string; name: string; prefix: string; secret: string };

export async function createApiKey(db: Db, input: unknown, actor: ActingUser): Promise<CreatedApiKey> {
  const parsed = createApiKeySchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_api_key", "The API key could not be created.", zodIssues(parsed.error));
  const secret = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  const prefix = secret.slice(0, API_KEY_PREFIX.length + 6);
  const key = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({ data: { name: parsed.data.name, keyHash: hashApiKey(secret), prefix, createdById: actor.id }, select: { id: true, name: true } });
    await audit(tx, { actor, action: "apikey.create", targetType: "api_key", targetId: created.id, after: { name: created.name, prefix } });
    return created;
  });
  log.info("api key created", { keyId: key.id, name: key.name, prefix });
  return { id: key.id, name: key.name, prefix, secret };
}

/** Revokes a key: refused from the next request on. Revoking twice changes nothing. */
export async function revokeApiKey(db: Db, id: string, actor: ActingUser) {
  const key = await db.apiKey.findUnique({ where: { id: id.slice(0, 64) }, select: { id: true, name: true, prefix: true, revokedAt: true } });
  if (!key) throw notFound("API key");
  if (key.revokedAt) return key;
  return db.$transaction(async (tx) => {
    const revoked = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    await audit(tx, { actor, action: "apikey.revoke", targetType: "api_key", targetId: key.id, before: { revoked: false }, after: { revoked: true } });
    return revoked;
  });
}

export const API_KEY_LIST_LIMIT = 500;

/** The keys for the settings page, newest first; never the hash. */
export async function listApiKeys(db: Db) {
  return db.apiKey.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: API_KEY_LIST_LIMIT,
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { email: true } } },
  });
}
export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];

export function apiKeyRateLimit(env: Record<string, string | undefined> = process.env) {
  const perMinute = Number(env.API_KEY_REQUESTS_PER_MINUTE);
  return { limit: Number.isInteger(perMinute) && perMinute > 0 ? perMinute : 600, windowMs: 60_000 };
}

export type AuthenticatedApiKey = { id: string; name: string };

const refused = (message: string) => new ApiError(401, "unauthorized", message);

/**
 * The key from `Authorization: Bearer <key>`, or a 401 in the one error shape. The key is looked
 * up by its sha-256: the database compares hashes, never the secret, and since an attacker cannot
 * choose a hash's bytes, how long the lookup takes says nothing about any stored key (a timing-safe
 * compare guards a comparison with the secret itself, which never happens here). Then the per-key
 * rate limit (429 with Retry-After), then lastUsedAt, written at most once a minute.
 */
export async function authenticateApiKey(db: Db, request: Request, now = new Date()): Promise<AuthenticatedApiKey> {
  const match = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match || !KEY_SHAPE.test(match[1])) throw refused("Send an API key as 'Authorization: Bearer <key>'; an administrator creates keys under Settings → API keys.");
  const key = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(match[1]) }, select: { id: true, name: true, revokedAt: true, lastUsedAt: true } });
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
  return { id: key.id, name: key.name };
}
