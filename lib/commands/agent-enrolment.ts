// Agents: enrolment (a long random token shown once, stored only as a hash), revocation, and
// authentication of incoming reports.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { audit, type AuditActor } from "./audit-trail";
import type { Db } from "../db/client";
import { ApiError, badRequest, conflict, notFound, zodIssues } from "../web/errors";
import { log } from "../ops/log";

const TOKEN_PREFIX = "iomt_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export const enrolSchema = z.object({
  name: z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9._-]+$/, "use letters, digits, '.', '_' or '-'"),
  site: z.string().trim().max(120).optional().transform((v) => v || undefined),
  expectedIntervalSeconds: z.coerce.number().int().min(10).max(86_400).optional(),
});

export type EnrolledAgent = { id: string; name: string; token: string };

export async function enrolAgent(db: Db, input: unknown, actor: AuditActor): Promise<EnrolledAgent> {
  const parsed = enrolSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_agent", "The agent could not be enrolled.", zodIssues(parsed.error));
  const { name, site, expectedIntervalSeconds } = parsed.data;
  if (await db.agent.findUnique({ where: { name } })) throw conflict(`An agent named ${name} exists already.`);
  const token = newToken();
  const agent = await db.$transaction(async (tx) => {
    const siteRow = site ? await tx.site.upsert({ where: { name: site }, create: { name: site }, update: {} }) : null;
    const created = await tx.agent.create({
      data: {
        name,
        siteId: siteRow?.id,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 4),
        expectedInterval: expectedIntervalSeconds ?? 300,
        enrolledById: "id" in actor ? actor.id : null,
      },
    });
    await audit(tx, { actor, action: "agent.enrol", targetType: "agent", targetId: created.id, after: { name, site: site ?? null } });
    return created;
  });
  log.info("agent enrolled", { agentId: agent.id, name: agent.name });
  return { id: agent.id, name: agent.name, token };
}

/** Revokes by id or name; the token is refused from then on. */
export async function revokeAgent(db: Db, idOrName: string, actor: AuditActor) {
  const agent = await db.agent.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] } });
  if (!agent) throw notFound("agent");
  if (agent.revokedAt) return agent;
  return db.$transaction(async (tx) => {
    const revoked = await tx.agent.update({ where: { id: agent.id }, data: { revokedAt: new Date() } });
    await audit(tx, { actor, action: "agent.revoke", targetType: "agent", targetId: agent.id, before: { revoked: false }, after: { revoked: true } });
    return revoked;
  });
}

export type AuthenticatedAgent = { id: string; name: string; siteId: string | null };

/**
 * The bearer token is looked up by its sha-256: the database compares hashes, so no secret is
 * ever compared (or logged) in clear, and the comparison time says nothing about the token.
 */
export async function authenticateAgent(db: Db, authorization: string | null): Promise<AuthenticatedAgent> {
  const match = authorization?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]{16,512})\s*$/i);
  if (!match) throw new ApiError(401, "unauthorized", "Send the agent token as 'Authorization: Bearer <token>'.");
  const agent = await db.agent.findUnique({ where: { tokenHash: hashToken(match[1]) }, select: { id: true, name: true, siteId: true, revokedAt: true } });
  if (!agent) throw new ApiError(401, "unauthorized", "Unknown agent token.");
  if (agent.revokedAt) throw new ApiError(403, "agent_revoked", "This agent has been revoked; enrol it again to get a new token.");
  return { id: agent.id, name: agent.name, siteId: agent.siteId };
}
