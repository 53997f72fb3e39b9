import "server-only";
import { z } from "zod";
import { ALERT_KINDS, ALERT_SEVERITIES, AGENT_ALERT_KINDS } from "../domain/words/alert-kinds";
import { getDb, type Prisma } from "../db/client";
import { cursorIgnored, decodeCursor, isCursorId, isCursorTime, mergePages, optionalParam, parseSearchParams, type SearchParams } from "./page-params";

export const ALERTS_PAGE_SIZE = 50;
export const ALERT_STATUS_FILTERS = ["active", "open", "acknowledged", "resolved"] as const;
export type AlertStatusFilter = (typeof ALERT_STATUS_FILTERS)[number];
export const ALERT_SINCE = { "24h": 1, "7d": 7, "30d": 30 } as const;

/** The alert filters as they appear in the URL; anything unexpected is ignored, not fatal. */
export const alertParams = z.object({
  kind: optionalParam(z.enum(ALERT_KINDS)).catch(undefined),
  severity: optionalParam(z.enum(ALERT_SEVERITIES)).catch(undefined),
  // "active" (open or acknowledged, i.e. not resolved) when absent.
  status: optionalParam(z.enum(ALERT_STATUS_FILTERS)).catch(undefined).transform((s) => s ?? "active"),
  device: optionalParam(z.string().trim().min(1).max(64)).catch(undefined),
  agent: optionalParam(z.string().trim().min(1).max(64)).catch(undefined),
  since: optionalParam(z.enum(["24h", "7d", "30d"])).catch(undefined),
  cursor: optionalParam(z.string().max(200)).catch(undefined),
});
export type AlertParams = z.infer<typeof alertParams>;

export const parseAlertParams = (search: SearchParams): AlertParams => parseSearchParams(alertParams, search);

type Cursor = { v: string; id: string };
export const decodeAlertCursor = (raw: string | undefined) =>
  decodeCursor<Cursor>(raw, (c) => isCursorId(c.id) && isCursorTime(c.v));

export const alertSelect = {
  id: true, kind: true, severity: true, title: true, status: true, count: true, firstAt: true, lastAt: true,
  deviceId: true, agentId: true, acknowledgedAt: true, resolvedAt: true, resolvedReason: true,
  device: { select: { id: true, displayName: true } },
  agent: { select: { id: true, name: true } },
  acknowledgedBy: { select: { email: true } },
  resolvedBy: { select: { email: true } },
} as const satisfies Prisma.AlertSelect;

export type AlertRow = Prisma.AlertGetPayload<{ select: typeof alertSelect }>;

/** The filters other than status (each status is read on its own, see listAlerts). */
export function alertWhere(p: AlertParams, now = new Date()): Prisma.AlertWhereInput {
  const and: Prisma.AlertWhereInput[] = [];
  if (p.kind) and.push({ kind: p.kind });
  // Only some kinds are about an agent: naming them lets the (kind, status) index find an agent's
  // alerts instead of walking every open alert of the estate.
  else if (p.agent) and.push({ kind: { in: [...AGENT_ALERT_KINDS] } });
  if (p.severity) and.push({ severity: p.severity });
  if (p.device) and.push({ deviceId: p.device });
  if (p.agent) and.push({ agentId: p.agent });
  if (p.since) and.push({ lastAt: { gte: new Date(now.getTime() - ALERT_SINCE[p.since] * 86_400_000) } });
  return and.length ? { AND: and } : {};
}

/** The page after (lastAt, id) in the order (lastAt desc, id desc). */
function after(c: Cursor): Prisma.AlertWhereInput {
  const at = new Date(c.v);
  return { AND: [{ lastAt: { lte: at } }, { OR: [{ lastAt: { lt: at } }, { lastAt: at, id: { lt: c.id } }] }] };
}

const newestFirst = (a: { lastAt: Date; id: string }, b: { lastAt: Date; id: string }) =>
  b.lastAt.getTime() - a.lastAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Alerts, most recently seen first, a page at a time (keyset on lastAt, id). Each status is read
 * on its own through the (status, lastAt) index, newest first with a LIMIT, and "active" merges
 * the open and the acknowledged pages: an IN over two statuses would make the database sort every
 * open alert of the estate to find the newest fifty. A device's alerts come from (deviceId, lastAt).
 */
export async function listAlerts(params: AlertParams, pageSize = ALERTS_PAGE_SIZE): Promise<{ alerts: AlertRow[]; nextCursor: string | undefined; cursorIgnored: boolean }> {
  const db = getDb();
  const statuses = params.status === "active" ? (["open", "acknowledged"] as const) : [params.status];
  const cursor = decodeAlertCursor(params.cursor);
  const base = alertWhere(params);
  const pages = await Promise.all(
    statuses.map((status) =>
      db.alert.findMany({
        where: { AND: [{ status }, base, ...(cursor ? [after(cursor)] : [])] },
        orderBy: [{ lastAt: "desc" }, { id: "desc" }],
        take: pageSize + 1,
        select: alertSelect,
      }),
    ),
  );
  const { rows: alerts, nextCursor } = mergePages(pages, newestFirst, pageSize, (last): Cursor => ({ v: last.lastAt.toISOString(), id: last.id }));
  return { alerts, nextCursor, cursorIgnored: cursorIgnored(params.cursor, cursor) };
}

/** The names of the device and agent the view is narrowed to, for its filter chips (by primary key). */
export async function alertSubjectNames(params: Pick<AlertParams, "device" | "agent">): Promise<{ device: string | null; agent: string | null }> {
  const db = getDb();
  const [device, agent] = await Promise.all([
    params.device ? db.device.findUnique({ where: { id: params.device }, select: { displayName: true } }) : null,
    params.agent ? db.agent.findUnique({ where: { id: params.agent }, select: { name: true } }) : null,
  ]);
  return { device: device?.displayName ?? null, agent: agent?.name ?? null };
}
