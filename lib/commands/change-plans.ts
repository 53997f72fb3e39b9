// Firmware change plans (issue 17): an engineer (or a CMMS through the API) plans a change for
// chosen devices or a fleet filter, another person approves or rejects it, and the requester or
// an administrator may cancel it before its window. The rules are lib/domain/changes/change-plan.ts
// and change-window.ts; this reads, checks, writes and audits, one transaction per change. The
// firmware watch (lib/jobs/firmware-watch.ts) then opens the window and follows each device.
import { z } from "zod";
import { actorLabel, audit, type AuditActor } from "../db/audit-trail";
import type { Db, Prisma } from "../db/client";
import { canPlanChange, type Role } from "../auth/roles";
import { ACTIVE_PLAN_STATES, nextPlanState, type PlanEvent, type PlanState, type Transition } from "../domain/changes/change-plan";
import { windowInstants } from "../domain/changes/change-window";
import { previewChange, type ChangePreview } from "../vulns/change-preview";
import { ApiError, badRequest, forbidden, notFound, zodIssues } from "../web/errors";
import { changePlanSchema, MAX_PLAN_DEVICES, type ChangePlanInput, type Selection } from "../web/integration/change-schemas";

export { changePlanSchema };
export type { Selection };

/** A person with their role, or an API key (its creator counts as the requester: nobody approves what their own key asked for). */
export type PlanActor = (AuditActor & { role: Role }) | { apiKey: { id: string; name: string; userId: string | null } };

const CHUNK = 1000;
/** Ids per `in` list: well under SQLite's bound-parameter limit (lib/db/client.ts). */
const ID_CHUNK = 400;
const planActor = (actor: PlanActor): AuditActor => ("apiKey" in actor ? { system: `API key ${actor.apiKey.name}` } : actor);
const requester = (actor: PlanActor) => ("apiKey" in actor ? { id: actor.apiKey.userId, words: `api key ${actor.apiKey.name}` } : { id: "id" in actor ? actor.id : null, words: actorLabel(actor) });

// ─── Which devices ───────────────────────────────────────────────────────────────────────────

const tooMany = () => badRequest("too_many_devices", `A plan holds at most ${MAX_PLAN_DEVICES.toLocaleString("en-US")} devices: narrow the filter (a site, a firmware version).`, [{ path: "selection", message: "too many devices" }]);

/** The chosen devices, each known and not retired; else a 400 naming each one that is not. */
async function chosenDevices(db: Db, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const status = new Map<string, string>();
  for (let i = 0; i < unique.length; i += ID_CHUNK) {
    for (const d of await db.device.findMany({ where: { id: { in: unique.slice(i, i + ID_CHUNK) } }, select: { id: true, status: true } })) status.set(d.id, d.status);
  }
  const issues = ids.flatMap((id, i) => {
    const s = status.get(id);
    return s && s !== "retired" ? [] : [{ path: `selection.deviceIds.${i}`, message: s ? "This device is retired." : "No such device." }];
  });
  if (issues.length) throw badRequest("invalid_selection", "Some chosen devices cannot be in a plan.", issues.slice(0, 100));
  return unique;
}

/** The devices a filter finds now (vendor and model exactly, as the Fleets view groups them), retired ones left out. */
async function filteredDevices(db: Db, f: Extract<Selection, { kind: "filter" }>): Promise<string[]> {
  const where: Prisma.DeviceWhereInput = { vendor: f.vendor, model: f.model, status: { not: "retired" }, ...(f.firmware ? { firmwareVersion: f.firmware } : {}), ...(f.siteId ? { siteId: f.siteId } : {}), ...(f.category ? { category: f.category } : {}) };
  const rows = await db.device.findMany({ where, select: { id: true }, orderBy: { id: "asc" }, take: MAX_PLAN_DEVICES + 1 });
  if (rows.length > MAX_PLAN_DEVICES) throw tooMany();
  if (!rows.length) throw badRequest("no_devices", `No device in service matches ${f.vendor} ${f.model}${f.firmware ? ` at ${f.firmware}` : ""}${f.siteId || f.category ? " with these filters" : ""}.`, [{ path: "selection", message: "no device matches" }]);
  return rows.map((r) => r.id);
}

/** The plan's devices, resolved once when it is planned: a filter does not grow with devices seen later. */
export async function resolveSelection(db: Db, selection: Selection): Promise<string[]> {
  return selection.kind === "devices" ? chosenDevices(db, selection.deviceIds) : filteredDevices(db, selection);
}

type PlannedDeviceFacts = { id: string; displayName: string; vendor: string | null; model: string | null; firmwareVersion: string | null };

async function loadPlannedDevices(db: Db, ids: string[]): Promise<PlannedDeviceFacts[]> {
  const rows: PlannedDeviceFacts[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) rows.push(...(await db.device.findMany({ where: { id: { in: ids.slice(i, i + ID_CHUNK) } }, select: { id: true, displayName: true, vendor: true, model: true, firmwareVersion: true } })));
  return rows;
}

// ─── Planning ────────────────────────────────────────────────────────────────────────────────

function parsePlan(input: unknown): ChangePlanInput {
  const parsed = changePlanSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_change_plan", "The change plan is not valid.", zodIssues(parsed.error));
  return parsed.data;
}

/** The window as instants, or a 400 naming the field (a time lost to a clock change says which). */
function windowOf(plan: ChangePlanInput, now: Date) {
  const window = windowInstants(plan.window, now);
  if (!window.ok) throw badRequest("invalid_window", window.message, [{ path: `window.${window.field}`, message: window.message }]);
  return window;
}

/** A device already held by a submitted, approved or in-window plan is refused, naming that plan. */
async function refuseHeldDevices(tx: Pick<Db, "changePlanDevice">, deviceIds: string[]) {
  for (let i = 0; i < deviceIds.length; i += ID_CHUNK) {
    const held = await tx.changePlanDevice.findFirst({ where: { deviceId: { in: deviceIds.slice(i, i + ID_CHUNK) }, plan: { state: { in: ACTIVE_PLAN_STATES } } }, select: { device: { select: { displayName: true } }, plan: { select: { title: true } } } });
    if (held) throw new ApiError(409, "device_in_active_plan", `${held.device.displayName} is already in the change plan "${held.plan.title}": cancel or finish that plan first.`, [{ path: "selection", message: `already in "${held.plan.title}"` }]);
  }
}

async function refuseUnknownAdvisories(db: Db, ids: string[]) {
  if (!ids.length) return;
  const known = new Set((await db.advisory.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((a) => a.id));
  const issues = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `advisoryIds.${i}`, message: `No advisory ${id} is known.` }]));
  if (issues.length) throw badRequest("unknown_advisory", "Some advisories are not known: import their feed first, or leave them out.", issues);
}

/** "Firmware 12.2.0 for 197 BD Alaris 8015" or "Firmware 12.2.0 for Pump ICU-4": said once, in the list. */
function defaultTitle(plan: ChangePlanInput, devices: PlannedDeviceFacts[]): string {
  const target = `Firmware ${plan.targetVersion} for`;
  if (devices.length === 1) return `${target} ${devices[0].displayName}`.slice(0, 120);
  const first = devices[0];
  const sameModel = devices.every((d) => d.vendor === first.vendor && d.model === first.model);
  const what = plan.selection.kind === "filter" ? `${plan.selection.vendor} ${plan.selection.model}` : sameModel && first.vendor && first.model ? `${first.vendor} ${first.model}` : "devices";
  return `${target} ${devices.length.toLocaleString("en-US")} ${what}`.slice(0, 120);
}

function planRows(planId: string, devices: PlannedDeviceFacts[], preview: ChangePreview): Prisma.ChangePlanDeviceCreateManyInput[] {
  const byDevice = new Map(preview.devices.map((d) => [d.deviceId, d]));
  return devices.map((d) => {
    const p = byDevice.get(d.id);
    return { planId, deviceId: d.id, fromVersion: d.firmwareVersion, riskBefore: p?.riskBefore ?? 0, riskAfter: p?.riskAfter ?? 0, cvesClosed: p?.cvesClosed ?? [] };
  });
}

/** Plans a change: checked whole (nothing written on any refusal), previewed by the risk model, audited. */
export async function planChange(db: Db, input: unknown, actor: PlanActor, now = new Date()): Promise<{ id: string; devices: number }> {
  if (!("apiKey" in actor) && !canPlanChange(actor)) throw forbidden("Only a clinical engineer or an administrator may plan a firmware change.");
  const plan = parsePlan(input);
  const window = windowOf(plan, now);
  const deviceIds = await resolveSelection(db, plan.selection);
  await refuseHeldDevices(db, deviceIds);
  await refuseUnknownAdvisories(db, plan.advisoryIds);
  const devices = await loadPlannedDevices(db, deviceIds);
  // Read before the transaction: the preview runs the risk model over every device of the plan.
  const preview = await previewChange(db, deviceIds, plan.targetVersion);
  const id = await db.$transaction(async (tx) => {
    await refuseHeldDevices(tx, deviceIds); // a plan made meanwhile for the same devices
    const created = await tx.changePlan.create({ data: planData(plan, window, devices, preview, actor), select: { id: true, title: true } });
    const rows = planRows(created.id, devices, preview);
    for (let i = 0; i < rows.length; i += CHUNK) await tx.changePlanDevice.createMany({ data: rows.slice(i, i + CHUNK) });
    const after = { title: created.title, targetVersion: plan.targetVersion, windowStart: window.start.toISOString(), windowEnd: window.end.toISOString(), timeZone: plan.window.timeZone, devices: devices.length, contingency: plan.contingency, selection: plan.selection, externalRef: plan.externalRef ?? null };
    await audit(tx, { actor: planActor(actor), action: "change.plan", targetType: "change_plan", targetId: created.id, after });
    return created.id;
  });
  return { id, devices: devices.length };
}

function planData(plan: ChangePlanInput, window: { start: Date; end: Date }, devices: PlannedDeviceFacts[], preview: ChangePreview, actor: PlanActor): Prisma.ChangePlanCreateInput {
  const who = requester(actor);
  return {
    title: plan.title || defaultTitle(plan, devices), state: "submitted", targetVersion: plan.targetVersion, windowStart: window.start, windowEnd: window.end, timeZone: plan.window.timeZone,
    reason: plan.reason, advisoryIds: plan.advisoryIds, releaseNoteUrl: plan.releaseNoteUrl ?? null, contingency: plan.contingency, rollbackVersion: plan.rollbackVersion ?? null,
    downtimeMinutes: plan.downtimeMinutes, selection: plan.selection, preview: { devices: devices.length, cvesClosed: preview.cvesClosed, riskBefore: preview.riskBefore, riskAfter: preview.riskAfter },
    requestedById: who.id, requestedBy: who.words, externalRef: plan.externalRef ?? null,
  };
}

// ─── Decisions on a plan ─────────────────────────────────────────────────────────────────────

const decisionSchema = z.strictObject({
  decision: z.enum(["approve", "reject"], { message: "Choose approve or reject." }),
  reason: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().max(500, "The reason has at most 500 characters.").optional()),
});
const cancelSchema = z.strictObject({ reason: z.string().trim().min(1, "Give a reason for cancelling the plan.").max(500, "The reason has at most 500 characters.") });

/** A refusal of the state machine in the one error shape: who may not (403), when not (409), what is missing (400). */
function refusal(t: Extract<Transition, { ok: false }>): ApiError {
  if (t.code === "not_allowed" || t.code === "own_plan") return new ApiError(403, t.code === "own_plan" ? "own_plan" : "forbidden", t.message);
  if (t.code === "reason_required") return badRequest("reason_required", t.message, [{ path: "reason", message: t.message }]);
  return new ApiError(409, t.code, t.message);
}

const PLAN_FACTS = { id: true, title: true, state: true, requestedById: true, windowStart: true, windowEnd: true } as const;
type PersonActor = AuditActor & { role: Role };
const personId = (actor: AuditActor) => ("id" in actor ? actor.id : "");

/** Moves one plan by a person's event, in one transaction: refused (nothing written) or written and audited. */
async function movePlan(db: Db, planId: string, event: Exclude<PlanEvent, { kind: "open_window" | "close_window" }>, actor: PersonActor, now: Date): Promise<PlanState> {
  if (typeof planId !== "string" || !planId || planId.length > 64) throw notFound("change plan");
  return db.$transaction(async (tx) => {
    const plan = await tx.changePlan.findUnique({ where: { id: planId }, select: PLAN_FACTS });
    if (!plan) throw notFound("change plan");
    const t = nextPlanState({ ...plan, state: plan.state as PlanState }, event, now);
    if (!t.ok) throw refusal(t);
    const reason = event.reason?.trim() || null;
    // Conditional on the state read: a decision made meanwhile by someone else wins, this one is refused.
    const { count } = await tx.changePlan.updateMany({ where: { id: plan.id, state: plan.state }, data: { state: t.state, decidedById: personId(actor) || null, decidedBy: actorLabel(actor), decidedAt: now, decisionReason: reason } });
    if (count !== 1) throw new ApiError(409, "wrong_state", "This plan changed meanwhile: reload it and decide again.");
    await audit(tx, { actor, action: `change.${event.kind}`, targetType: "change_plan", targetId: plan.id, before: { state: plan.state }, after: { state: t.state, reason } });
    return t.state;
  });
}

/** Approves or rejects a plan (never the requester's own): `{ decision, reason? }`, a reason required to reject. */
export async function decidePlan(db: Db, planId: string, input: unknown, actor: PersonActor, now = new Date()): Promise<{ state: PlanState }> {
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_decision", "The decision is not valid.", zodIssues(parsed.error));
  const { decision, reason } = parsed.data;
  const base = { actorId: personId(actor), actorRole: actor.role };
  const event: PlanEvent = decision === "approve" ? { kind: "approve", ...base, reason } : { kind: "reject", ...base, reason: reason ?? "" };
  return { state: await movePlan(db, planId, event, actor, now) };
}

/**
 * Cancels a submitted or approved plan: its requester or an administrator, with a reason. The
 * cancellation is kept in the decision fields (who, when, why), as the plan's last word; an earlier
 * approval stays in the audit log.
 */
export async function cancelPlan(db: Db, planId: string, input: unknown, actor: PersonActor, now = new Date()): Promise<void> {
  const parsed = cancelSchema.safeParse(input);
  if (!parsed.success) throw badRequest("reason_required", "Give a reason for cancelling the plan.", zodIssues(parsed.error));
  await movePlan(db, planId, { kind: "cancel", actorId: personId(actor), actorRole: actor.role, reason: parsed.data.reason }, actor, now);
}
