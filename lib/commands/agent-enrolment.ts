// Agents: enrolment (a long random token shown once, stored only as a hash), their lane (the site
// and, optionally, the segments they may report on: lib/domain/agent-lane.ts) and revocation.
// Reports authenticate in lib/ingest, by the same hash (lib/auth/tokens.ts).
import { randomBytes } from "node:crypto";
import { DbNull } from "@prisma/client/runtime/client";
import { z } from "zod";
import { actorUserId, audit, type AuditActor } from "../db/audit-trail";
import { hashToken } from "../auth/tokens";
import type { Db } from "../db/client";
import { laneSegments, MAX_LANE_SEGMENTS, MAX_SEGMENT_NAME, parseSegmentList } from "../domain/agent-lane";
import { DEFAULT_SITE, DEFAULT_SITE_KEY } from "../domain/identity/places";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";
import { log } from "../ops/log";

const TOKEN_PREFIX = "iomt_";

function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

const siteName = z.string().trim().max(120);
/** Segment names as reported (network.segment): a list, or one text of names separated by commas or lines. */
const segmentList = z
  .union([z.string().max(MAX_LANE_SEGMENTS * (MAX_SEGMENT_NAME + 2)).transform(parseSegmentList), z.array(z.string().trim().min(1).max(MAX_SEGMENT_NAME)).max(MAX_LANE_SEGMENTS)])
  .pipe(z.array(z.string().min(1).max(MAX_SEGMENT_NAME, `a segment name is at most ${MAX_SEGMENT_NAME} characters`)).max(MAX_LANE_SEGMENTS, `at most ${MAX_LANE_SEGMENTS} segments`))
  .transform((names) => (names.length ? [...new Set(names)] : null));

export const enrolSchema = z.object({
  name: z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9._-]+$/, "use letters, digits, '.', '_' or '-'"),
  // Scripts and tests that enrol without one get the default site; people choose (enrolFormSchema).
  site: siteName.optional().transform((v) => v || undefined),
  segments: segmentList.optional(),
  expectedIntervalSeconds: z.coerce.number().int().min(10).max(86_400).optional(),
});

/** What a person enrols with (the Agents page, npm run agent:enrol): the site is required. */
export const enrolFormSchema = enrolSchema.extend({ site: siteName.min(1, "choose the agent's site") });

export const laneSchema = z.object({
  id: z.string().trim().min(1).max(64),
  site: siteName.min(1, "choose the agent's site"),
  segments: segmentList.optional(),
});

export type EnrolledAgent = { id: string; name: string; token: string };
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * A site by its name or key ("default" is the default site). Enrolment is where sites come
 * from, so a new name makes a new site (renamed later under Settings → Sites and segments).
 */
async function siteNamed(tx: Tx, name: string) {
  if (name.toLowerCase() === DEFAULT_SITE_KEY) return tx.site.upsert({ where: { key: DEFAULT_SITE_KEY }, create: { key: DEFAULT_SITE_KEY, name: DEFAULT_SITE }, update: {} });
  return (await tx.site.findFirst({ where: { OR: [{ name }, { key: name }] } })) ?? tx.site.create({ data: { name } });
}

export async function enrolAgent(db: Db, input: unknown, actor: AuditActor, schema: typeof enrolSchema | typeof enrolFormSchema = enrolSchema): Promise<EnrolledAgent> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_agent", "The agent could not be enrolled.", zodIssues(parsed.error));
  const { name, site, segments, expectedIntervalSeconds } = parsed.data;
  if (await db.agent.findUnique({ where: { name } })) throw conflict(`An agent named ${name} exists already.`);
  const token = newToken();
  const agent = await db.$transaction(async (tx) => {
    const siteRow = await siteNamed(tx, site ?? DEFAULT_SITE_KEY);
    const created = await tx.agent.create({
      data: {
        name,
        siteId: siteRow.id,
        segments: segments ?? undefined,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 4),
        expectedInterval: expectedIntervalSeconds ?? 300,
        enrolledById: actorUserId(actor),
      },
    });
    await audit(tx, { actor, action: "agent.enrol", targetType: "agent", targetId: created.id, after: { name, site: siteRow.name, segments: segments ?? null } });
    return created;
  });
  log.info("agent enrolled", { agentId: agent.id, name: agent.name });
  return { id: agent.id, name: agent.name, token };
}

/**
 * Sets where an agent may report: its site and, optionally, segments (none: every segment of the
 * site). Applies from its next report; setting what is set writes nothing.
 */
export async function setAgentLane(db: Db, input: unknown, actor: AuditActor) {
  const parsed = laneSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_lane", "The agent's lane could not be set.", zodIssues(parsed.error));
  const { id, site, segments } = parsed.data;
  const agent = await db.agent.findFirst({ where: { OR: [{ id }, { name: id }] }, include: { site: { select: { name: true } } } });
  if (!agent) throw notFound("agent");
  if (agent.revokedAt) throw conflict(`${agent.name} is revoked; enrol it again instead.`);
  return db.$transaction(async (tx) => {
    const siteRow = await siteNamed(tx, site);
    const before = { site: agent.site?.name ?? null, segments: laneSegments(agent.segments) };
    const after = { site: siteRow.name, segments: segments ?? null };
    if (agent.siteId === siteRow.id && JSON.stringify(before.segments) === JSON.stringify(after.segments)) return agent;
    const updated = await tx.agent.update({ where: { id: agent.id }, data: { siteId: siteRow.id, segments: segments ?? DbNull } });
    await audit(tx, { actor, action: "agent.lane", targetType: "agent", targetId: agent.id, before, after });
    return updated;
  });
}

/**
 * A new token for an enrolled agent (a lost or leaked token, or the demo's next run): the old one
 * is refused from then on; the agent, its history and its lane stay. The token is shown once.
 */
export async function rotateAgentToken(db: Db, idOrName: string, actor: AuditActor): Promise<EnrolledAgent> {
  const agent = await db.agent.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] } });
  if (!agent) throw notFound("agent");
  if (agent.revokedAt) throw conflict(`${agent.name} is revoked; enrol it again instead.`);
  const token = newToken();
  const prefix = token.slice(0, TOKEN_PREFIX.length + 4);
  await db.$transaction(async (tx) => {
    await tx.agent.update({ where: { id: agent.id }, data: { tokenHash: hashToken(token), tokenPrefix: prefix } });
    await audit(tx, { actor, action: "agent.rotate_token", targetType: "agent", targetId: agent.id, before: { tokenPrefix: agent.tokenPrefix }, after: { tokenPrefix: prefix } });
  });
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
