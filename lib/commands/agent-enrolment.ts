// Agents: enrolment (a long random token shown once, stored only as a hash) and revocation.
// Reports authenticate in lib/ingest, by the same hash (lib/auth/tokens.ts).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { audit, type AuditActor } from "../db/audit-trail";
import { hashToken } from "../auth/tokens";
import type { Db } from "../db/client";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";
import { log } from "../ops/log";

const TOKEN_PREFIX = "iomt_";

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
