// API keys for the integration API (SIEM, CMMS, SOAR): created by an administrator, shown once,
// stored only as a sha-256, revocable. A "read" key authenticates the reads (/api/v1/devices,
// /api/v1/alerts, /api/v1/assets); an "assets:write" key pushes and reads the asset register and
// nothing else (lib/auth/api-key-auth.ts); a browser session never does.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { audit } from "../db/audit-trail";
import type { Db } from "../db/client";
import { badRequest, notFound, zodIssues } from "../web/errors";
import { API_KEY_PREFIX, API_KEY_SCOPES, hashApiKey } from "../auth/api-key-auth";
import { log } from "../ops/log";


export const createApiKeySchema = z.object({
  name: z.string().trim().min(3, "at least 3 characters").max(64, "at most 64 characters"),
  // Absent (every caller before scopes existed): a reading key.
  scope: z.enum(API_KEY_SCOPES, { error: `one of: ${API_KEY_SCOPES.join(", ")}` }).default("read"),
});

export type ActingUser = { id: string; email: string };
export type CreatedApiKey = { id: string; name: string; prefix: string; scope: string; secret: string };

export async function createApiKey(db: Db, input: unknown, actor: ActingUser): Promise<CreatedApiKey> {
  const parsed = createApiKeySchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_api_key", "The API key could not be created.", zodIssues(parsed.error));
  const secret = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  const prefix = secret.slice(0, API_KEY_PREFIX.length + 6);
  const key = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({ data: { name: parsed.data.name, scope: parsed.data.scope, keyHash: hashApiKey(secret), prefix, createdById: actor.id }, select: { id: true, name: true } });
    await audit(tx, { actor, action: "apikey.create", targetType: "api_key", targetId: created.id, after: { name: created.name, prefix, scope: parsed.data.scope } });
    return created;
  });
  log.info("api key created", { keyId: key.id, name: key.name, prefix, scope: parsed.data.scope });
  return { id: key.id, name: key.name, prefix, scope: parsed.data.scope, secret };
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
