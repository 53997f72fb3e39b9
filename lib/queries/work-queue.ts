import "server-only";
import { z } from "zod";
import { canAssignDevice, ROLES } from "../auth/roles";
import { getDb, type Prisma } from "../db/client";
import { boundedCount, COUNT_BOUND, sumTotals, type BoundedTotal } from "../db/bounded-count";
import { decodePageAt, isCursorId, isCursorInt, keysetPage, optionalParam, pageSizeParam, parseSearchParams, readsBackwards, type PageAt, type SearchParams } from "./page-params";

export const QUEUE_PAGE_SIZE = 50;
export const QUEUE_REASONS = ["unauthorized", "spoof"] as const;
export const QUEUE_ASSIGNED = ["me", "none"] as const;
/** The statuses a device in the queue can have (a retired device leaves the queue). */
export const QUEUE_STATUSES = ["unauthorized", "pending", "authorized"] as const;

/** The work queue's filters as they appear in the URL; anything unexpected is not fatal (the page says which, see unknownQueueFilters). */
export const queueParams = z.object({
  reason: optionalParam(z.enum(QUEUE_REASONS)).catch(undefined),
  assigned: optionalParam(z.enum(QUEUE_ASSIGNED)).catch(undefined),
  status: optionalParam(z.enum(QUEUE_STATUSES)).catch(undefined),
  cursor: optionalParam(z.string().max(200)).catch(undefined),
  size: pageSizeParam,
});
export type QueueParams = z.infer<typeof queueParams>;

export const parseQueueParams = (search: SearchParams): QueueParams => parseSearchParams(queueParams, search);

const QUEUE_FILTER_VALUES: Record<"reason" | "assigned" | "status" | "size", readonly string[]> = { reason: QUEUE_REASONS, assigned: QUEUE_ASSIGNED, status: QUEUE_STATUSES, size: ["25", "50", "100", "200"] };

/** Filters whose value in the URL the queue does not know (`status=approved`): shown, so that a wrong link is not mistaken for a filtered list. */
export function unknownQueueFilters(search: SearchParams): { name: string; value: string }[] {
  return Object.entries(QUEUE_FILTER_VALUES).flatMap(([name, known]) => {
    const raw = search[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    return value && !known.includes(value) ? [{ name, value: value.slice(0, 60) }] : [];
  });
}

type Cursor = { v: number; id: string };
/** Where a page link starts (first, after or before a (score, id), or last); null when the link is not one the queue made. */
const decodeQueuePage = (raw: string | undefined) => decodePageAt<Cursor>(raw, (c) => isCursorId(c.id) && isCursorInt(c.v));

/**
 * The queue as disjoint parts, each served by an index in the queue's order (score high to low,
 * then id): unauthorized devices walk (status, riskScore desc, id) and stop after a page; spoof
 * suspects that are not unauthorized come from (spoofSuspected, status), a few thousand at 1M
 * devices. An OR of the two would make the database sort the whole queue for every page.
 */
function parts(reason: QueueParams["reason"], status: QueueParams["status"]): Prisma.DeviceWhereInput[] {
  const list: Prisma.DeviceWhereInput[] = [];
  if (reason !== "spoof" && (!status || status === "unauthorized")) list.push({ status: "unauthorized" });
  // Unauthorized spoof suspects are in the first part already, unless only spoof suspects are asked for.
  const spoofStatuses = (reason === "spoof" ? ["pending", "authorized", "unauthorized"] : ["pending", "authorized"]).filter((s) => !status || s === status);
  if (reason !== "unauthorized" && spoofStatuses.length) list.push({ spoofSuspected: true, status: { in: spoofStatuses } });
  return list;
}

function assignedWhere(assigned: QueueParams["assigned"], viewerId: string | undefined): Prisma.DeviceWhereInput {
  if (assigned === "none") return { assigneeId: null };
  if (assigned === "me" && viewerId) return { assigneeId: viewerId };
  return {};
}

/** The page after (riskScore, id) in the order (riskScore desc, id asc). */
function after(c: Cursor): Prisma.DeviceWhereInput {
  return { AND: [{ riskScore: { lte: c.v } }, { OR: [{ riskScore: { lt: c.v } }, { riskScore: c.v, id: { gt: c.id } }] }] };
}

/** The page before (riskScore, id): the same index range, walked the other way. */
function before(c: Cursor): Prisma.DeviceWhereInput {
  return { AND: [{ riskScore: { gte: c.v } }, { OR: [{ riskScore: { gt: c.v } }, { riskScore: c.v, id: { lt: c.id } }] }] };
}

const bounds = (at: PageAt<Cursor>): Prisma.DeviceWhereInput[] => (at.from === "after" ? [after(at.key)] : at.from === "before" ? [before(at.key)] : []);

const queueSelect = {
  id: true, displayName: true, category: true, status: true, statusReason: true, statusRule: true, spoofSuspected: true, spoofDismissal: true, claimedMac: true, lastSeenAt: true,
  riskScore: true, riskTier: true,
  site: { select: { name: true } }, segment: { select: { name: true, label: true } }, assignee: { select: { id: true, email: true, name: true } },
  alerts: { where: { kind: "spoof", status: { not: "resolved" } }, orderBy: { lastAt: "desc" }, select: { title: true, detail: true }, take: 1 },
} as const satisfies Prisma.DeviceSelect;

export type QueueRow = Prisma.DeviceGetPayload<{ select: typeof queueSelect }>;

const worstFirst = (a: QueueRow, b: QueueRow) => b.riskScore - a.riskScore || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const WORST_FIRST = [{ riskScore: "desc" }, { id: "asc" }] satisfies Prisma.DeviceOrderByWithRelationInput[];
const LEAST_FIRST = [{ riskScore: "asc" }, { id: "desc" }] satisfies Prisma.DeviceOrderByWithRelationInput[];

export type QueuePage = { devices: QueueRow[]; nextCursor: string | undefined; previousCursor: string | undefined; cursorIgnored: boolean };

/**
 * Devices that need a person: unauthorized by policy or by a person, or suspected of spoofing;
 * the riskiest first, a page at a time (keyset on riskScore, id: first, next, previous and last
 * pages; the previous and the last read each part backwards). `viewerId` is who "me" is.
 */
export async function getWorkQueue(params: QueueParams = {}, viewerId?: string, pageSize = params.size ?? QUEUE_PAGE_SIZE): Promise<QueuePage> {
  const db = getDb();
  const decoded = decodeQueuePage(params.cursor);
  const at = decoded ?? { from: "first" as const };
  const backwards = readsBackwards(at);
  const assigned = assignedWhere(params.assigned, viewerId);
  const pages = await Promise.all(
    parts(params.reason, params.status).map((part) =>
      db.device.findMany({ where: { AND: [part, assigned, ...bounds(at)] }, orderBy: backwards ? LEAST_FIRST : WORST_FIRST, take: pageSize + 1, select: queueSelect }),
    ),
  );
  // The parts are disjoint: their rows merged in reading order, one more than a page to tell whether more follow.
  const read = pages.flat().sort(backwards ? (a, b) => worstFirst(b, a) : worstFirst).slice(0, pageSize + 1);
  const page = keysetPage(read, at, pageSize, (d): Cursor => ({ v: d.riskScore, id: d.id }));
  return { devices: page.rows, nextCursor: page.next, previousCursor: page.previous, cursorIgnored: decoded === null };
}

/** How many devices the filtered queue holds, exact up to the lists' bound: one indexed count per part. */
export async function countWorkQueue(params: QueueParams = {}, viewerId?: string): Promise<BoundedTotal> {
  const db = getDb();
  const assigned = assignedWhere(params.assigned, viewerId);
  const counts = await Promise.all(parts(params.reason, params.status).map((part) => boundedCount((take) => db.device.count({ where: { AND: [part, assigned] }, take }))));
  const total = sumTotals(counts);
  // Two parts each under the bound may add up past it: the lists say "more than" the bound alike.
  return total.count > COUNT_BOUND ? { count: COUNT_BOUND, more: true } : total;
}

/** People a device can be assigned to: enabled users whose role may handle devices. */
export async function listAssignees() {
  const roles = ROLES.filter((role) => canAssignDevice({ role }));
  return getDb().user.findMany({ where: { role: { in: [...roles] }, disabledAt: null }, select: { id: true, email: true, name: true }, orderBy: { email: "asc" }, take: 500 });
}
