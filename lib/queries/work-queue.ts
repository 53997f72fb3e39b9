import "server-only";
import { z } from "zod";
import { canAssignDevice, ROLES } from "../auth/roles";
import { getDb, type Prisma } from "../db/client";
import { cursorIgnored, decodeCursor, isCursorId, isCursorInt, mergePages, optionalParam, parseSearchParams, type SearchParams } from "./page-params";

export const QUEUE_PAGE_SIZE = 50;
export const QUEUE_REASONS = ["unauthorized", "spoof"] as const;
export const QUEUE_ASSIGNED = ["me", "none"] as const;

/** The work queue's filters as they appear in the URL; anything unexpected is ignored, not fatal. */
export const queueParams = z.object({
  reason: optionalParam(z.enum(QUEUE_REASONS)).catch(undefined),
  assigned: optionalParam(z.enum(QUEUE_ASSIGNED)).catch(undefined),
  cursor: optionalParam(z.string().max(200)).catch(undefined),
});
export type QueueParams = z.infer<typeof queueParams>;

export const parseQueueParams = (search: SearchParams): QueueParams => parseSearchParams(queueParams, search);

type Cursor = { v: number; id: string };
const decode = (raw: string | undefined) => decodeCursor<Cursor>(raw, (c) => isCursorId(c.id) && isCursorInt(c.v));

/**
 * The queue as disjoint parts, each served by an index in the queue's order (score high to low,
 * then id): unauthorized devices walk (status, riskScore desc, id) and stop after a page; spoof
 * suspects that are not unauthorized come from (spoofSuspected, status), a few thousand at 1M
 * devices. An OR of the two would make the database sort the whole queue for every page.
 */
function parts(reason: QueueParams["reason"]): Prisma.DeviceWhereInput[] {
  if (reason === "unauthorized") return [{ status: "unauthorized" }];
  if (reason === "spoof") return [{ spoofSuspected: true, status: { in: ["pending", "authorized", "unauthorized"] } }];
  return [{ status: "unauthorized" }, { spoofSuspected: true, status: { in: ["pending", "authorized"] } }];
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

const queueSelect = {
  id: true, displayName: true, category: true, status: true, statusReason: true, statusRule: true, spoofSuspected: true, claimedMac: true, lastSeenAt: true,
  riskScore: true, riskTier: true,
  site: { select: { name: true } }, segment: { select: { name: true, label: true } }, assignee: { select: { id: true, email: true, name: true } },
  alerts: { where: { kind: "spoof", status: { not: "resolved" } }, orderBy: { lastAt: "desc" }, select: { title: true, detail: true }, take: 1 },
} as const satisfies Prisma.DeviceSelect;

export type QueueRow = Prisma.DeviceGetPayload<{ select: typeof queueSelect }>;

const worstFirst = (a: QueueRow, b: QueueRow) => b.riskScore - a.riskScore || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Devices that need a person: unauthorized by policy or by a person, or suspected of spoofing;
 * the riskiest first, a page at a time (keyset on riskScore, id). `viewerId` is who "me" is.
 */
export async function getWorkQueue(params: QueueParams = {}, viewerId?: string, pageSize = QUEUE_PAGE_SIZE): Promise<{ devices: QueueRow[]; nextCursor: string | undefined; cursorIgnored: boolean }> {
  const db = getDb();
  const cursor = decode(params.cursor);
  const assigned = assignedWhere(params.assigned, viewerId);
  const pages = await Promise.all(
    parts(params.reason).map((part) =>
      db.device.findMany({
        where: { AND: [part, assigned, ...(cursor ? [after(cursor)] : [])] },
        orderBy: [{ riskScore: "desc" }, { id: "asc" }],
        take: pageSize + 1,
        select: queueSelect,
      }),
    ),
  );
  const { rows: devices, nextCursor } = mergePages(pages, worstFirst, pageSize, (last): Cursor => ({ v: last.riskScore, id: last.id }));
  return { devices, nextCursor, cursorIgnored: cursorIgnored(params.cursor, cursor) };
}

/** How many devices the filtered queue holds: one indexed count per part (≈20k rows at 1M devices). */
export async function countWorkQueue(params: QueueParams = {}, viewerId?: string): Promise<number> {
  const db = getDb();
  const assigned = assignedWhere(params.assigned, viewerId);
  const counts = await Promise.all(parts(params.reason).map((part) => db.device.count({ where: { AND: [part, assigned] } })));
  return counts.reduce((a, b) => a + b, 0);
}

/** People a device can be assigned to: enabled users whose role may handle devices. */
export async function listAssignees() {
  const roles = ROLES.filter((role) => canAssignDevice({ role }));
  return getDb().user.findMany({ where: { role: { in: [...roles] }, disabledAt: null }, select: { id: true, email: true, name: true }, orderBy: { email: "asc" }, take: 500 });
}
