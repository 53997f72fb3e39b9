import "server-only";
// Firmware change plans as the integration API answers them (GET /api/v1/changes and
// /api/v1/changes/{id}): newest first, keyset-paged on (createdAt, id), each with its devices
// counted by state; one plan with every device's progress and contingency task.
import type { Db, Prisma } from "../db/client";
import { decodeCursor } from "../web/integration/device-params";
import type { ChangeDetail, ChangeSummary } from "../web/integration/change-schemas";

const SUMMARY = {
  id: true, title: true, state: true, targetVersion: true, windowStart: true, windowEnd: true, timeZone: true,
  requestedBy: true, decidedBy: true, decidedAt: true, externalRef: true, createdAt: true,
} as const;
type SummaryRow = Prisma.ChangePlanGetPayload<{ select: typeof SUMMARY }>;
type Progress = ChangeSummary["progress"];

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Each plan's devices by state, one grouped read for the page. */
async function progressOf(db: Db, planIds: string[]): Promise<Map<string, Progress>> {
  const byPlan = new Map(planIds.map((id) => [id, { devices: 0, planned: 0, verified: 0, failed: 0 }]));
  if (!planIds.length) return byPlan;
  for (const g of await db.changePlanDevice.groupBy({ by: ["planId", "state"], where: { planId: { in: planIds } }, _count: { _all: true } })) {
    const p = byPlan.get(g.planId)!;
    p.devices += g._count._all;
    if (g.state === "planned" || g.state === "verified" || g.state === "failed") p[g.state] = g._count._all;
  }
  return byPlan;
}

function summary(row: SummaryRow, progress: Progress): ChangeSummary {
  return {
    id: row.id, title: row.title, state: row.state as ChangeSummary["state"], targetVersion: row.targetVersion,
    window: { start: row.windowStart.toISOString(), end: row.windowEnd.toISOString(), timeZone: row.timeZone },
    requestedBy: row.requestedBy, decidedBy: row.decidedBy, decidedAt: iso(row.decidedAt), externalRef: row.externalRef, progress, createdAt: row.createdAt.toISOString(),
  };
}

const encodeCursor = (row: SummaryRow) => Buffer.from(JSON.stringify({ v: row.createdAt.toISOString(), id: row.id }), "utf8").toString("base64url");

/** A page of plans, newest first (one state, or all). A cursor that is not one of this list is a 400 before this (changeQuery). */
export async function listChangePlans(db: Db, query: { state?: string; cursor?: string; limit: number }): Promise<{ data: ChangeSummary[]; nextCursor: string | null }> {
  const c = query.cursor ? decodeCursor(query.cursor) : null;
  const at = c && typeof c.v === "string" ? new Date(c.v) : null;
  const beyond = at && !Number.isNaN(at.getTime()) ? { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: c!.id } }] } : {};
  const rows = await db.changePlan.findMany({ where: { AND: [query.state ? { state: query.state } : {}, beyond] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1, select: SUMMARY });
  const page = rows.slice(0, query.limit);
  const progress = await progressOf(db, page.map((r) => r.id));
  return { data: page.map((r) => summary(r, progress.get(r.id)!)), nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null };
}

const DEVICE = {
  deviceId: true, fromVersion: true, state: true, failure: true, reportedVersion: true, verifiedAt: true, failedAt: true, riskBefore: true, riskAfter: true, cvesClosed: true,
  device: { select: { displayName: true } },
  contingencyTask: { select: { id: true, kind: true, owner: true, dueAt: true, state: true, closedBy: true, closedAt: true, closedReason: true } },
} as const;
type DeviceRow = Prisma.ChangePlanDeviceGetPayload<{ select: typeof DEVICE }>;
type PlanDevice = ChangeDetail["devices"][number];

function planDevice(r: DeviceRow): PlanDevice {
  const t = r.contingencyTask;
  return {
    deviceId: r.deviceId, name: r.device.displayName, fromVersion: r.fromVersion, state: r.state as PlanDevice["state"], failure: (r.failure ?? null) as PlanDevice["failure"],
    reportedVersion: r.reportedVersion, verifiedAt: iso(r.verifiedAt), failedAt: iso(r.failedAt), risk: { before: r.riskBefore, after: r.riskAfter }, cvesClosed: strings(r.cvesClosed),
    task: t ? { id: t.id, kind: t.kind as NonNullable<PlanDevice["task"]>["kind"], owner: t.owner, dueAt: t.dueAt.toISOString(), state: t.state as NonNullable<PlanDevice["task"]>["state"], closedBy: t.closedBy, closedAt: iso(t.closedAt), closedReason: t.closedReason } : null,
  };
}

/** Devices of one plan read at a time (a plan holds up to 5,000). */
const PAGE = 1000;

async function devicesOf(db: Db, planId: string): Promise<PlanDevice[]> {
  const out: PlanDevice[] = [];
  for (let after = ""; ; ) {
    const rows = await db.changePlanDevice.findMany({ where: { planId, id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE, select: { id: true, ...DEVICE } });
    out.push(...rows.map(planDevice));
    if (rows.length < PAGE) return out;
    after = rows[rows.length - 1].id;
  }
}

/** One plan with each device's progress and task, or null. */
export async function getChangePlan(db: Db, id: string): Promise<ChangeDetail | null> {
  const plan = await db.changePlan.findUnique({ where: { id }, select: { ...SUMMARY, reason: true, advisoryIds: true, releaseNoteUrl: true, contingency: true, rollbackVersion: true, downtimeMinutes: true, decisionReason: true, completedAt: true, preview: true } });
  if (!plan) return null;
  const devices = await devicesOf(db, id);
  const progress = { devices: devices.length, planned: 0, verified: 0, failed: 0 };
  for (const d of devices) progress[d.state] += 1;
  const preview = (plan.preview ?? {}) as { devices?: number; cvesClosed?: unknown; riskBefore?: number; riskAfter?: number };
  return {
    ...summary(plan, progress),
    reason: plan.reason, advisoryIds: strings(plan.advisoryIds), releaseNoteUrl: plan.releaseNoteUrl, contingency: plan.contingency as ChangeDetail["contingency"], rollbackVersion: plan.rollbackVersion,
    downtimeMinutes: plan.downtimeMinutes, decisionReason: plan.decisionReason, completedAt: iso(plan.completedAt),
    preview: { devices: preview.devices ?? devices.length, cvesClosed: strings(preview.cvesClosed), riskBefore: preview.riskBefore ?? 0, riskAfter: preview.riskAfter ?? 0 },
    devices,
  };
}
