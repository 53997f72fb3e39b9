import "server-only";
// The Changes views' reads: plans by state (keyset-paged on their window), the calendar of windows,
// the unplanned changes to review, the open contingency tasks, one plan with each device's
// progress, a device's firmware history, the overview's three counts and the CISO report's
// change-control figures. Writes are lib/commands/change-plans.ts and change-tasks.ts; the
// firmware watch (lib/jobs/firmware-watch.ts) moves plans and devices along.
import { z } from "zod";
import { getDb, type Db, type Prisma } from "../db/client";
import { isTimeZone } from "../domain/changes/change-window";
import type { ChangeControl } from "../domain/risk/change-report-figures";
import { decodePageAt, isCursorId, isCursorTime, keysetPage, optionalParam, pageSizeParam, parseSearchParams, readsBackwards, type SearchParams } from "./page-params";

/** The plan tabs (a state, or the two ends a plan may stop at) and the three other views of the page. */
export const PLAN_TABS = ["submitted", "approved", "in_window", "completed", "closed"] as const;
export type PlanTab = (typeof PLAN_TABS)[number];
export const CHANGE_TABS = [...PLAN_TABS, "calendar", "unplanned", "contingency"] as const;
export type ChangeTab = (typeof CHANGE_TABS)[number];
const TAB_STATES: Record<PlanTab, string[]> = { submitted: ["submitted"], approved: ["approved"], in_window: ["in_window"], completed: ["completed"], closed: ["rejected", "cancelled"] };
/** Plans still to come read soonest first; finished ones newest first. */
const TAB_DIR: Record<PlanTab, "asc" | "desc"> = { submitted: "asc", approved: "asc", in_window: "asc", completed: "desc", closed: "desc" };
export const CHANGES_PAGE_SIZE = 25;

export const changesParams = z.object({
  tab: optionalParam(z.enum(CHANGE_TABS)).catch(undefined),
  month: optionalParam(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)).catch(undefined),
  reviewed: optionalParam(z.enum(["1"])).catch(undefined),
  size: pageSizeParam,
  cursor: optionalParam(z.string().max(400)).catch(undefined),
});
export type ChangesParams = z.infer<typeof changesParams>;
export const parseChangesParams = (search: SearchParams): ChangesParams => parseSearchParams(changesParams, search);

type TimeKey = { t: string; id: string };
const isTimeKey = (k: TimeKey) => isCursorTime(k.t) && isCursorId(k.id);

/** A keyset page over (time, id) in `forward` order: the where, order and take to read, and how to cut the page. */
function timePage<F extends string>(cursor: string | undefined, forward: "asc" | "desc", field: F, pageSize: number) {
  const at = decodePageAt<TimeKey>(cursor, isTimeKey) ?? { from: "first" as const };
  const dir = readsBackwards(at) ? (forward === "asc" ? "desc" : "asc") : forward;
  const op = dir === "asc" ? "gt" : "lt";
  const key = at.from === "after" || at.from === "before" ? at.key : null;
  const beyond = key ? { OR: [{ [field]: { [op]: new Date(key.t) } }, { [field]: new Date(key.t), id: { [op]: key.id } }] } : {};
  const cut = <T extends { id: string }>(rows: T[], time: (r: T) => Date) => keysetPage(rows, at, pageSize, (r) => ({ t: time(r).toISOString(), id: r.id }));
  return { beyond, orderBy: [{ [field]: dir }, { id: dir }] as { [k: string]: "asc" | "desc" }[], take: pageSize + 1, cut };
}

// ─── Plans ─────────────────────────────────────────────────────────────────────────────────────

const planSelect = {
  id: true, title: true, state: true, targetVersion: true, windowStart: true, windowEnd: true, timeZone: true, requestedBy: true, requestedById: true,
  decidedBy: true, decidedAt: true, decisionReason: true, contingency: true, preview: true, createdAt: true, _count: { select: { devices: true } },
} as const;
export type PlanRow = Prisma.ChangePlanGetPayload<{ select: typeof planSelect }>;
export type Progress = { planned: number; verified: number; failed: number };
export type PlanListRow = PlanRow & { progress: Progress };

/** Each plan's devices counted by state (one grouped read for a page of plans). */
async function progressOf(db: Db, planIds: string[]): Promise<Map<string, Progress>> {
  const groups = planIds.length ? await db.changePlanDevice.groupBy({ by: ["planId", "state"], where: { planId: { in: planIds } }, _count: { _all: true } }) : [];
  const byPlan = new Map(planIds.map((id) => [id, { planned: 0, verified: 0, failed: 0 }]));
  for (const g of groups) {
    const p = byPlan.get(g.planId);
    if (p && (g.state === "planned" || g.state === "verified" || g.state === "failed")) p[g.state] = g._count._all;
  }
  return byPlan;
}

/** A page of one plan tab, on the (state, windowStart) index. */
export async function listPlans(tab: PlanTab, p: ChangesParams, db: Db = getDb()) {
  const page = timePage(p.cursor, TAB_DIR[tab], "windowStart", p.size ?? CHANGES_PAGE_SIZE);
  const rows = await db.changePlan.findMany({ where: { AND: [{ state: { in: TAB_STATES[tab] } }, page.beyond] }, orderBy: page.orderBy, take: page.take, select: planSelect });
  const cut = page.cut(rows, (r) => r.windowStart);
  const progress = await progressOf(db, cut.rows.map((r) => r.id));
  return { plans: cut.rows.map((r) => ({ ...r, progress: progress.get(r.id)! })), next: cut.next, previous: cut.previous };
}

/** How many plans each plan tab holds (plans are few next to devices: one grouped count). */
export async function countPlanTabs(db: Db = getDb()): Promise<Record<PlanTab, number>> {
  const groups = await db.changePlan.groupBy({ by: ["state"], _count: { _all: true } });
  const of = (states: string[]) => groups.filter((g) => states.includes(g.state)).reduce((n, g) => n + g._count._all, 0);
  return Object.fromEntries(PLAN_TABS.map((t) => [t, of(TAB_STATES[t])])) as Record<PlanTab, number>;
}

/** The server's own time zone: the first choice for a window and the calendar's days (both can be changed). */
export function serverTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : "UTC";
}

/** Windows that overlap [from, to) and were not rejected or cancelled: the calendar's month and the days around it. */
export async function windowsBetween(from: Date, to: Date, db: Db = getDb()) {
  return db.changePlan.findMany({
    where: { state: { in: ["submitted", "approved", "in_window", "completed"] }, windowStart: { lt: to }, windowEnd: { gt: from } },
    orderBy: [{ windowStart: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, title: true, state: true, windowStart: true, windowEnd: true, timeZone: true, targetVersion: true },
  });
}

const detailDeviceSelect = {
  id: true, deviceId: true, fromVersion: true, state: true, failure: true, reportedVersion: true, verifiedAt: true, failedAt: true, riskBefore: true, riskAfter: true, cvesClosed: true,
  device: { select: { displayName: true, firmwareVersion: true, lastSeenAt: true, riskScore: true, riskTier: true } },
  contingencyTask: { select: { id: true, kind: true, owner: true, ownerId: true, dueAt: true, state: true, closedReason: true, closedBy: true, closedAt: true } },
} as const;
export type PlanDeviceRow = Prisma.ChangePlanDeviceGetPayload<{ select: typeof detailDeviceSelect }>;
export const PLAN_DEVICE_STATES = ["planned", "verified", "failed"] as const;

/** One plan, whole, with its devices counted by state (the devices themselves: planDevices). */
export async function planDetail(id: string, db: Db = getDb()) {
  if (!isCursorId(id)) return null;
  const plan = await db.changePlan.findUnique({ where: { id }, include: { _count: { select: { devices: true } } } });
  if (!plan) return null;
  return { plan, progress: (await progressOf(db, [id])).get(id)! };
}
export type PlanDetail = NonNullable<Awaited<ReturnType<typeof planDetail>>>;

/** A page of a plan's devices (in the order they were added); `state` narrows to one device state. */
export async function planDevices(planId: string, state: string | undefined, cursor: string | undefined, pageSize = 100, db: Db = getDb()) {
  const at = decodePageAt<{ id: string }>(cursor, (k) => isCursorId(k.id)) ?? { from: "first" as const };
  const dir = readsBackwards(at) ? "desc" : "asc";
  const key = at.from === "after" || at.from === "before" ? at.key : null;
  const where: Prisma.ChangePlanDeviceWhereInput = { planId, ...(state ? { state } : {}), ...(key ? { id: { [dir === "asc" ? "gt" : "lt"]: key.id } } : {}) };
  const rows = await db.changePlanDevice.findMany({ where, orderBy: { id: dir }, take: pageSize + 1, select: detailDeviceSelect });
  const page = keysetPage(rows, at, pageSize, (r) => ({ id: r.id }));
  return { devices: page.rows, next: page.next, previous: page.previous };
}

/** The device a plan form was opened from (a device page's link), when it exists and is not retired. */
export async function deviceToPlan(id: string, db: Db = getDb()) {
  if (!isCursorId(id)) return null;
  return db.device.findFirst({ where: { id, status: { not: "retired" } }, select: { id: true, displayName: true, vendor: true, model: true, firmwareVersion: true } });
}

/** The people a contingency task may be handed to: everyone who may act on one, enabled. */
export async function taskOwners(db: Db = getDb()) {
  return db.user.findMany({ where: { disabledAt: null, role: { in: ["admin", "analyst", "engineer"] } }, orderBy: { email: "asc" }, take: 500, select: { id: true, email: true, name: true } });
}

// ─── Unplanned changes and contingency tasks ─────────────────────────────────────────────────

const changeSelect = {
  id: true, deviceId: true, fromVersion: true, toVersion: true, seenAt: true, fingerprint: true, kind: true, direction: true, planId: true, alertId: true,
  reviewedAt: true, reviewedBy: true, reviewReason: true, device: { select: { displayName: true, riskScore: true, riskTier: true } },
} as const;
export type FirmwareChangeRow = Prisma.FirmwareChangeGetPayload<{ select: typeof changeSelect }>;

/** Unplanned changes, newest first: those waiting for a person's review, or (`reviewed`) those reviewed. */
export async function listUnplannedChanges(p: ChangesParams, db: Db = getDb()) {
  const page = timePage(p.cursor, "desc", "seenAt", p.size ?? CHANGES_PAGE_SIZE);
  const where = { kind: "unplanned", reviewedAt: p.reviewed ? { not: null } : null };
  const rows = await db.firmwareChange.findMany({ where: { AND: [where, page.beyond] }, orderBy: page.orderBy, take: page.take, select: changeSelect });
  const cut = page.cut(rows, (r) => r.seenAt);
  return { changes: cut.rows, next: cut.next, previous: cut.previous };
}

/** Unplanned changes no person has reviewed yet, on the (kind, reviewedAt) index. */
export const countUnplannedToReview = (db: Db = getDb()) => db.firmwareChange.count({ where: { kind: "unplanned", reviewedAt: null } });

const taskSelect = {
  id: true, kind: true, owner: true, ownerId: true, dueAt: true, state: true, createdAt: true,
  planDevice: { select: { deviceId: true, failure: true, fromVersion: true, reportedVersion: true, device: { select: { displayName: true } }, plan: { select: { id: true, title: true, targetVersion: true, rollbackVersion: true } } } },
} as const;
export type TaskRow = Prisma.ContingencyTaskGetPayload<{ select: typeof taskSelect }>;

/** Open contingency tasks, the soonest due first, on the (state, dueAt) index. */
export async function listOpenTasks(p: ChangesParams, db: Db = getDb()) {
  const page = timePage(p.cursor, "asc", "dueAt", p.size ?? CHANGES_PAGE_SIZE);
  const rows = await db.contingencyTask.findMany({ where: { AND: [{ state: "open" }, page.beyond] }, orderBy: page.orderBy, take: page.take, select: taskSelect });
  const cut = page.cut(rows, (r) => r.dueAt);
  return { tasks: cut.rows, next: cut.next, previous: cut.previous };
}

export const countOpenTasks = (db: Db = getDb()) => db.contingencyTask.count({ where: { state: "open" } });

// ─── A device's firmware ─────────────────────────────────────────────────────────────────────

/**
 * A device's firmware history: every change it reported (newest first, with the plan it was
 * under), the plans it is or was in, and whether an unplanned change still waits for review.
 */
export async function firmwareHistory(deviceId: string, db: Db = getDb()) {
  const [changes, plans] = await Promise.all([
    db.firmwareChange.findMany({ where: { deviceId }, orderBy: [{ seenAt: "desc" }, { id: "desc" }], take: 100, select: changeSelect }),
    db.changePlanDevice.findMany({
      where: { deviceId }, orderBy: { plan: { windowStart: "desc" } }, take: 20,
      select: { state: true, failure: true, fromVersion: true, reportedVersion: true, plan: { select: { id: true, title: true, state: true, targetVersion: true, windowStart: true, windowEnd: true } } },
    }),
  ]);
  const planTitles = new Map(plans.map((p) => [p.plan.id, p.plan.title]));
  const missing = [...new Set(changes.map((c) => c.planId).filter((id): id is string => !!id && !planTitles.has(id)))];
  for (const p of missing.length ? await db.changePlan.findMany({ where: { id: { in: missing } }, select: { id: true, title: true } }) : []) planTitles.set(p.id, p.title);
  return { changes: changes.map((c) => ({ ...c, planTitle: c.planId ? (planTitles.get(c.planId) ?? null) : null })), plans };
}
export type FirmwareHistory = Awaited<ReturnType<typeof firmwareHistory>>;

// ─── The overview and the CISO report ───────────────────────────────────────────────────────

/** Monday 00:00 UTC of the week `now` is in, and the Monday after. */
export function utcWeek(now: Date): { start: Date; end: Date } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const start = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  return { start, end: new Date(start.getTime() + 7 * 86_400_000) };
}

/** The overview card: plans with a window this week (not rejected or cancelled), open contingency tasks, unplanned changes to review. */
export async function changesAtAGlance(now = new Date(), db: Db = getDb()) {
  const week = utcWeek(now);
  const [thisWeek, failed, unplanned] = await Promise.all([
    db.changePlan.count({ where: { state: { in: ["submitted", "approved", "in_window", "completed"] }, windowStart: { lt: week.end }, windowEnd: { gt: week.start } } }),
    countOpenTasks(db),
    countUnplannedToReview(db),
  ]);
  return { thisWeek, failed, unplanned, weekStart: week.start };
}
export type ChangesAtAGlance = Awaited<ReturnType<typeof changesAtAGlance>>;

const strings = (json: unknown): string[] => (Array.isArray(json) ? json.filter((v): v is string => typeof v === "string") : []);

/**
 * The CISO report's change control for [start, end), optionally one site: devices whose planned
 * window opened in the period, verified and failed in it, unplanned changes seen in it, and the
 * advisories and CVEs closed by the devices verified in it.
 */
export async function changeControl(start: Date, end: Date, siteId?: string, db: Db = getDb()): Promise<ChangeControl> {
  const site = siteId ? { device: { siteId } } : {};
  const [made, verified, failed, unplanned, closing] = await Promise.all([
    db.changePlanDevice.count({ where: { ...site, plan: { windowStart: { gte: start, lt: end }, state: { in: ["approved", "in_window", "completed"] } } } }),
    db.changePlanDevice.count({ where: { ...site, state: "verified", verifiedAt: { gte: start, lt: end } } }),
    db.changePlanDevice.count({ where: { ...site, state: "failed", failedAt: { gte: start, lt: end } } }),
    db.firmwareChange.count({ where: { ...site, kind: "unplanned", seenAt: { gte: start, lt: end } } }),
    db.changePlanDevice.findMany({ where: { ...site, state: "verified", verifiedAt: { gte: start, lt: end } }, select: { cvesClosed: true, plan: { select: { advisoryIds: true } } }, take: 20_000 }),
  ]);
  const advisories = new Set(closing.flatMap((d) => strings(d.plan.advisoryIds)));
  const cves = new Set(closing.flatMap((d) => strings(d.cvesClosed)));
  return { made, verified, failed, unplanned, advisoriesClosed: [...advisories].sort(), cvesClosed: cves.size };
}
