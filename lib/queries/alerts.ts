import "server-only";
import { z } from "zod";
import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_STATUS_FILTERS, MAX_ALERTS_MATCHING } from "../domain/words/alert-kinds";
import { alertWhere, matchingAlertsWhere } from "../db/alert-writes";
import { boundedCount, type BoundedTotal } from "../db/bounded-count";
import { getDb, type Prisma } from "../db/client";
import { cursorIgnored, decodeCursor, isCursorId, isCursorTime, mergePages, optionalParam, parseSearchParams, type SearchParams } from "./page-params";

export const ALERTS_PAGE_SIZE = 50;
export { ALERT_SINCE, ALERT_STATUS_FILTERS, type AlertStatusFilter } from "../domain/words/alert-kinds";

/** The alert filters as they appear in the URL; anything unexpected is ignored, not fatal. */
export const alertParams = z.object({
  kind: optionalParam(z.enum(ALERT_KINDS)).catch(undefined),
  severity: optionalParam(z.enum(ALERT_SEVERITIES)).catch(undefined),
  // "active" (open or acknowledged, i.e. not resolved) when absent.
  status: optionalParam(z.enum(ALERT_STATUS_FILTERS)).catch(undefined).transform((s) => s ?? "active"),
  device: optionalParam(z.string().trim().min(1).max(64)).catch(undefined),
  agent: optionalParam(z.string().trim().min(1).max(64)).catch(undefined),
  site: optionalParam(z.string().trim().min(1).max(64)).catch(undefined),
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

export { alertWhere };

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

/** The names of the device, agent and site the view is narrowed to, for its filter chips (by primary key). */
export async function alertSubjectNames(params: Pick<AlertParams, "device" | "agent" | "site">): Promise<{ device: string | null; agent: string | null; site: string | null }> {
  const db = getDb();
  const [device, agent, site] = await Promise.all([
    params.device ? db.device.findUnique({ where: { id: params.device }, select: { displayName: true } }) : null,
    params.agent ? db.agent.findUnique({ where: { id: params.agent }, select: { name: true } }) : null,
    params.site ? db.site.findUnique({ where: { id: params.site }, select: { name: true } }) : null,
  ]);
  return { device: device?.displayName ?? null, agent: agent?.name ?? null, site: site?.name ?? null };
}

/** The sites to filter the alerts by, by name (a bounded list: an estate has tens of sites, not thousands). */
export function listAlertSites(): Promise<{ id: string; name: string }[]> {
  return getDb().site.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 });
}

/** How many alerts the filter matches in all (every page), exact up to what "apply to all" may act on. */
export function countMatchingAlerts(params: AlertParams): Promise<BoundedTotal> {
  const where = matchingAlertsWhere(params);
  return boundedCount((take) => getDb().alert.count({ where, take }), MAX_ALERTS_MATCHING);
}

/** The list's filter as "apply to all" sends it back: the URL's filters, without the page. */
export function alertFilterQuery(params: AlertParams): string {
  const filter = { ...params, cursor: undefined };
  return new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string")).toString();
}

export type LearningSite = { id: string; name: string; learningUntil: Date };

/** The sites in their learning period now (no "new device" alert each), soonest end first. */
export async function listLearningSites(now = new Date()): Promise<LearningSite[]> {
  const rows = await getDb().site.findMany({ where: { learningUntil: { gt: now } }, orderBy: [{ learningUntil: "asc" }, { name: "asc" }], select: { id: true, name: true, learningUntil: true } });
  return rows.map((r) => ({ id: r.id, name: r.name, learningUntil: r.learningUntil! }));
}

/** The sites learning now, each with its end and the days left (rounded up), for Settings → Sites. */
export async function siteLearningStates(now = new Date()): Promise<Map<string, { until: Date; daysLeft: number }>> {
  const sites = await listLearningSites(now);
  return new Map(sites.map((s) => [s.id, { until: s.learningUntil, daysLeft: Math.ceil((s.learningUntil.getTime() - now.getTime()) / 86_400_000) }]));
}
