// Enforcement modes as administrators set them (Settings → Integrations): a site's mode, and an
// agent's own mode that overrides it (a kiosk's sensor in allow_listed on a block_listed site).
// Each change is validated, made with its audit row (before and after) in one transaction, and
// only when it changes something. Agents see it at their next policy fetch (a new version).
import { z } from "zod";
import { audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { ENFORCEMENT_MODES } from "../domain/enforcement/enforcement-policy";
import { badRequest, notFound, zodIssues } from "../web/errors";

const mode = z.enum(ENFORCEMENT_MODES, { error: `One of: ${ENFORCEMENT_MODES.join(", ")}.` });
export const siteModeSchema = z.object({ mode });
/** An empty mode (or "site") clears the agent's override: it follows its site again. */
export const agentModeSchema = z.object({ mode: z.preprocess((v) => (v === "" || v === "site" ? null : v), mode.nullable()) });

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_enforcement_mode", "The enforcement mode is not valid.", zodIssues(parsed.error));
  return parsed.data;
}

export async function setSiteEnforcementMode(db: Db, siteId: string, input: unknown, actor: AuditActor) {
  const { mode: next } = parse(siteModeSchema, input);
  return db.$transaction(async (tx) => {
    const site = await tx.site.findUnique({ where: { id: siteId.slice(0, 64) }, select: { id: true, name: true, enforcementMode: true } });
    if (!site) throw notFound("site");
    if (site.enforcementMode === next) return { changed: false, site };
    const updated = await tx.site.update({ where: { id: site.id }, data: { enforcementMode: next }, select: { id: true, name: true, enforcementMode: true } });
    await audit(tx, { actor, action: "site.enforcement_mode", targetType: "site", targetId: site.id, before: { enforcementMode: site.enforcementMode }, after: { enforcementMode: next } });
    return { changed: true, site: updated };
  });
}

export async function setAgentEnforcementMode(db: Db, agentId: string, input: unknown, actor: AuditActor) {
  const { mode: next } = parse(agentModeSchema, input);
  return db.$transaction(async (tx) => {
    const SELECT = { id: true, name: true, enforcementMode: true, revokedAt: true, site: { select: { name: true, enforcementMode: true } } } as const;
    const agent = await tx.agent.findUnique({ where: { id: agentId.slice(0, 64) }, select: SELECT });
    if (!agent) throw notFound("agent");
    if (agent.revokedAt) throw badRequest("agent_revoked", `${agent.name} is revoked: it fetches no policy any more.`);
    if (agent.enforcementMode === next) return { changed: false, agent };
    const updated = await tx.agent.update({ where: { id: agent.id }, data: { enforcementMode: next }, select: SELECT });
    await audit(tx, { actor, action: "agent.enforcement_mode", targetType: "agent", targetId: agent.id, before: { enforcementMode: agent.enforcementMode }, after: { enforcementMode: next } });
    return { changed: true, agent: updated };
  });
}
