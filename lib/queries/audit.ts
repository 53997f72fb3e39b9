import "server-only";
// The audit log as reviewers read it (HIPAA, IEC 80001-1): filtered by who, what, on what and
// when, searched by name as well as id, newest first, a keyset page at a time, and exported whole.
import { z } from "zod";
import { devicesWithSearchText } from "../db/device-search";
import { boundedCount, type BoundedTotal } from "../db/bounded-count";
import { getDb, type Prisma } from "../db/client";
import { decodePageAt, isCursorId, isCursorTime, keysetPage, optionalParam, parseSearchParams, readsBackwards, type SearchParams } from "./page-params";

export const AUDIT_PAGE_SIZE = 50;
/** The actor filter's value for entries no person made (setup, jobs, feeds, single sign-on). */
export const SYSTEM_ACTOR = "system";
/** What an entry can be about, as the object filter offers it. */
export const AUDIT_OBJECTS = ["device", "agent", "alert", "policy", "user", "site", "segment", "api_key", "webhook", "syslog_target", "feed", "sso-mapping", "outbound_message"] as const;
/**
 * How many objects or people of each kind a search term may name. Every id named is bound as a
 * value of the statement that reads the page (and of the count's), inside an OR, where the ORM
 * does not split an id list: on SQLite it binds at most 999 values a statement (P2029 beyond).
 * Six kinds, and the people twice (as objects and as actors): 7 × 125 = 875, with room for the filters.
 */
const NAME_MATCHES = 125;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)));

/** The audit log's filters as they appear in the URL; anything unexpected is ignored, not fatal. */
export const auditParams = z.object({
  actor: optionalParam(z.string().trim().min(1).max(64)).catch(undefined),
  /** An action ("device.block") or its family ("device."), matched from the start. */
  action: optionalParam(z.string().trim().min(1).max(80)).catch(undefined),
  object: optionalParam(z.enum(AUDIT_OBJECTS)).catch(undefined),
  /** One object's trail: its id (from a link on the object's own page). */
  target: optionalParam(z.string().trim().min(1).max(64)).catch(undefined),
  from: optionalParam(day).catch(undefined),
  to: optionalParam(day).catch(undefined),
  q: optionalParam(z.string().trim().min(1).max(100)).catch(undefined),
  cursor: optionalParam(z.string().max(200)).catch(undefined),
});
export type AuditParams = z.infer<typeof auditParams>;

export const parseAuditParams = (search: SearchParams): AuditParams => parseSearchParams(auditParams, search);

type Key = { v: string; id: string };
const decodeAuditPage = (raw: string | undefined) => decodePageAt<Key>(raw, (c) => isCursorId(c.id) && isCursorTime(c.v));

export const auditSelect = {
  id: true, at: true, actorId: true, actorLabel: true, action: true, targetType: true, targetId: true, before: true, after: true, ip: true,
} as const satisfies Prisma.AuditLogSelect;
export type AuditRow = Prisma.AuditLogGetPayload<{ select: typeof auditSelect }>;

/** Ids of whatever a search term names: devices, agents, sites, segments, policies, people. */
async function idsNamed(q: string): Promise<{ targets: string[]; people: string[] }> {
  const db = getDb();
  const name = { contains: q };
  const take = NAME_MATCHES;
  const needle = q.toLowerCase();
  const [devices, agents, sites, segments, policies, people] = await Promise.all([
    /[^%_]{3}/.test(needle) ? devicesWithSearchText(db, needle, take) : Promise.resolve([]),
    db.agent.findMany({ where: { name }, select: { id: true }, take }),
    db.site.findMany({ where: { name }, select: { id: true }, take }),
    db.segment.findMany({ where: { OR: [{ name }, { label: name }] }, select: { id: true }, take }),
    db.policy.findMany({ where: { name }, select: { id: true }, take }),
    db.user.findMany({ where: { OR: [{ email: { contains: needle } }, { name }] }, select: { id: true }, take }),
  ]);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const peopleIds = ids(people);
  return { targets: [...devices, ...ids(agents), ...ids(sites), ...ids(segments), ...ids(policies), ...peopleIds], people: peopleIds };
}

/** The filters and the search as one condition (the cursor apart). */
export async function auditWhere(p: AuditParams): Promise<Prisma.AuditLogWhereInput> {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (p.actor === SYSTEM_ACTOR) and.push({ actorId: null });
  else if (p.actor) and.push({ actorId: p.actor });
  if (p.action) and.push(p.action.endsWith(".") ? { action: { startsWith: p.action } } : { action: p.action });
  if (p.object) and.push({ targetType: p.object });
  if (p.target) and.push({ targetId: p.target });
  if (p.from) and.push({ at: { gte: new Date(`${p.from}T00:00:00Z`) } });
  // "To" is the whole of that day (UTC).
  if (p.to) and.push({ at: { lt: new Date(Date.parse(`${p.to}T00:00:00Z`) + 86_400_000) } });
  if (p.q) {
    const { targets, people } = await idsNamed(p.q);
    and.push({
      OR: [
        { actorLabel: { contains: p.q.toLowerCase() } },
        { actorLabel: { contains: p.q } },
        { action: { contains: p.q.toLowerCase() } },
        { targetId: p.q },
        ...(targets.length ? [{ targetId: { in: targets } }] : []),
        ...(people.length ? [{ actorId: { in: people } }] : []),
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

/** The entries after (at, id) in the order (at desc, id desc). */
function after(c: { at: Date; id: string }): Prisma.AuditLogWhereInput {
  return { AND: [{ at: { lte: c.at } }, { OR: [{ at: { lt: c.at } }, { at: c.at, id: { lt: c.id } }] }] };
}

/** The entries before (at, id) in that order. */
function before(c: { at: Date; id: string }): Prisma.AuditLogWhereInput {
  return { AND: [{ at: { gte: c.at } }, { OR: [{ at: { gt: c.at } }, { at: c.at, id: { gt: c.id } }] }] };
}

const NEWEST_FIRST = [{ at: "desc" }, { id: "desc" }] satisfies Prisma.AuditLogOrderByWithRelationInput[];
const OLDEST_FIRST = [{ at: "asc" }, { id: "asc" }] satisfies Prisma.AuditLogOrderByWithRelationInput[];

export type AuditPage = { entries: AuditRow[]; total: BoundedTotal; next?: string; previous?: string; cursorIgnored: boolean };

/**
 * One page of the entries the filters select, newest first (keyset on at, id: first, previous,
 * next and last pages), and how many they select in all (exact up to the lists' bound).
 */
export async function listAuditEntries(params: AuditParams, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const db = getDb();
  const decoded = decodeAuditPage(params.cursor);
  const at = decoded ?? { from: "first" as const };
  const where = await auditWhere(params);
  const bound = at.from === "after" || at.from === "before" ? (at.from === "after" ? after : before)({ at: new Date(at.key.v), id: at.key.id }) : undefined;
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where: bound ? { AND: [where, bound] } : where, orderBy: readsBackwards(at) ? OLDEST_FIRST : NEWEST_FIRST, take: pageSize + 1, select: auditSelect }),
    boundedCount((take) => db.auditLog.count({ where, take })),
  ]);
  const page = keysetPage(rows, at, pageSize, (e): Key => ({ v: e.at.toISOString(), id: e.id }));
  return { entries: page.rows, total, next: page.next, previous: page.previous, cursorIgnored: decoded === null };
}

/** Every entry the filters select (the page cursor ignored), newest first, in keyset batches. */
export async function* auditExportBatches(params: AuditParams, size = 1_000): AsyncGenerator<AuditRow[]> {
  const where = await auditWhere({ ...params, cursor: undefined });
  let last: AuditRow | undefined;
  for (;;) {
    const rows = await getDb().auditLog.findMany({ where: last ? { AND: [where, after(last)] } : where, orderBy: NEWEST_FIRST, take: size, select: auditSelect });
    if (rows.length) yield rows;
    if (rows.length < size) return;
    last = rows[rows.length - 1];
  }
}

/** The people who can be named in the actor filter (accounts are few: a select, not a search). */
export async function auditActorChoices(): Promise<{ id: string; email: string }[]> {
  return getDb().user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true }, take: 500 });
}
