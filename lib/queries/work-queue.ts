import "server-only";
import { z } from "zod";
import { canAssignDevice, ROLES } from "../auth/roles";
import { getDb, type Prisma } from "../db/client";
import { cursorIgnored, decodeCursor, isCursorId, isCursorInt, mergePages, optionalParam, pageSizeParam, parseSearchParams, type SearchParams } from "./page-params";

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
const decode = (raw: string | undefined) => decodeCursor<Cursor>(raw, (c) => isCursorId(c.id) && isCursorInt(c.v));

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

const queueSelect = {
  id: true, displayName: true, category: true, status: true, statusReason: true, statusRule: true, spoofSuspected: true, spoofDismissal: true, claimedMac: true, lastSeenAt: true,
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
export async function getWorkQueue(params: QueueParams = {}, viewerId?: string, pageSize = params.size ?? QUEUE_PAGE_SIZE): Promise<{ devices: QueueRow[]; nextCursor: string | undefined; cursorIgnored: boolean }> {
  const db = getDb();
  const cursor = decode(params.cursor);
  const assigned = assignedWhere(params.assigned, viewerId);
  const pages = await Promise.all(
    parts(params.reason, params.status).map((part) =>
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
  const counts = await Promise.all(parts(params.reason, params.status).map((part) => db.device.count({ where: { AND: [part, assigned] } })));
  return counts.reduce((a, b) => a + b, 0);
}

/** People a device can be assigned to: enabled users whose role may handle devices. */
export async function listAssignees() {
  const roles = ROLES.filter((role) => canAssignDevice({ role }));
  return getDb().user.findMany({ where: { role: { in: [...roles] }, disabledAt: null }, select: { id: true, email: true, name: true }, orderBy: { email: "asc" }, take: 500 });
}
