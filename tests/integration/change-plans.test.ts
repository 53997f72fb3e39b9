// Firmware change plans (issue 17), planned, decided and cancelled through the commands against a
// real database: four eyes (nobody approves their own plan, only analysts and administrators
// decide), a reason to reject or cancel, devices chosen by id or by a fleet filter resolved at
// planning time (retired devices left out), a device in one active plan at most, and every refusal
// leaving the database as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { cancelPlan, decidePlan, planChange, resolveSelection } from "@/lib/commands/change-plans";
import { ApiError } from "@/lib/web/errors";
import { makeUser } from "./helpers";

const db = () => getDb();
type Person = { id: string; email: string; role: "admin" | "analyst" | "engineer" | "viewer" };
let engineer: Person, analyst: Person, admin: Person, viewer: Person, otherEngineer: Person;

const HOUR = 3_600_000;
/** A wall-clock time in UTC as the form sends it: "2026-12-05T14:00". */
const local = (at: Date) => at.toISOString().slice(0, 16);
const soon = (hours: number) => new Date(Math.ceil(Date.now() / HOUR) * HOUR + hours * HOUR);

function plan(overrides: Record<string, unknown> = {}) {
  return {
    targetVersion: "12.3.1",
    window: { start: local(soon(24)), end: local(soon(28)), timeZone: "UTC" },
    reason: "ICSMA-26-001: the pump's network stack accepts unauthenticated commands",
    contingency: "retry",
    downtimeMinutes: 30,
    selection: { kind: "devices", deviceIds: ["pump-1", "pump-2"] },
    ...overrides,
  };
}

/** The error a call refuses with, for its status, code and issues. */
async function refusal(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

async function nothingWritten<T>(call: () => Promise<T>): Promise<ApiError> {
  const before = await Promise.all([db().changePlan.count(), db().changePlanDevice.count(), db().auditLog.count({ where: { action: { startsWith: "change." } } })]);
  const error = await refusal(call());
  expect(await Promise.all([db().changePlan.count(), db().changePlanDevice.count(), db().auditLog.count({ where: { action: { startsWith: "change." } } })])).toEqual(before);
  return error;
}

const pump = (id: string, firmware: string, extra: Record<string, unknown> = {}) => ({
  id, displayName: id, vendor: "BD", model: "Alaris 8015", firmwareVersion: firmware, category: "infusion_pump", status: "authorized", ...extra,
});

beforeAll(async () => {
  [engineer, analyst, admin, viewer, otherEngineer] = (await Promise.all([makeUser("engineer"), makeUser("analyst"), makeUser("admin"), makeUser("viewer"), makeUser("engineer")])).map((u) => ({ id: u.id, email: u.email, role: u.role as Person["role"] }));
  await db().site.createMany({ data: [{ id: "site-north", name: "North" }, { id: "site-south", name: "South" }] });
  await db().device.createMany({
    data: [
      ...["pump-1", "pump-2", "pump-3"].map((id) => pump(id, "12.1.3", { siteId: "site-north" })),
      pump("pump-4", "12.1.3", { siteId: "site-south" }),
      pump("pump-5", "12.2.0", { siteId: "site-north" }),
      pump("pump-retired", "12.1.3", { siteId: "site-north", status: "retired" }),
      { id: "monitor-1", displayName: "monitor-1", vendor: "Philips", model: "IntelliVue MX450", firmwareVersion: "M.00.03", category: "patient_monitor" },
    ],
  });
});

describe("planning a change", () => {
  it("an engineer plans one for chosen devices: submitted, each device with its version then, audited", async () => {
    const made = await planChange(db(), plan({ externalRef: "WO-1001" }), engineer);
    expect(made.devices).toBe(2);
    const stored = await db().changePlan.findUniqueOrThrow({ where: { id: made.id }, include: { devices: { orderBy: { deviceId: "asc" } } } });
    expect(stored).toMatchObject({ state: "submitted", targetVersion: "12.3.1", requestedById: engineer.id, requestedBy: engineer.email, contingency: "retry", externalRef: "WO-1001", timeZone: "UTC" });
    expect(stored.title).toBe("Firmware 12.3.1 for 2 BD Alaris 8015");
    expect(stored.windowStart.toISOString()).toBe(soon(24).toISOString());
    expect(stored.devices.map((d) => [d.deviceId, d.fromVersion, d.state])).toEqual([["pump-1", "12.1.3", "planned"], ["pump-2", "12.1.3", "planned"]]);
    expect(stored.preview).toMatchObject({ devices: 2 });
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "change.plan", targetId: made.id } });
    expect(entry).toMatchObject({ actorId: engineer.id, targetType: "change_plan" });
    await cancelPlan(db(), made.id, { reason: "test done" }, engineer);
  });

  it("analysts and viewers may not plan", async () => {
    expect((await nothingWritten(() => planChange(db(), plan(), viewer))).status).toBe(403);
    expect((await nothingWritten(() => planChange(db(), plan(), analyst))).status).toBe(403);
  });

  it("a filter resolves now to the matching devices in service; vendor and model are required", async () => {
    expect((await resolveSelection(db(), { kind: "filter", vendor: "BD", model: "Alaris 8015", firmware: "12.1.3" })).sort()).toEqual(["pump-1", "pump-2", "pump-3", "pump-4"]);
    expect(await resolveSelection(db(), { kind: "filter", vendor: "BD", model: "Alaris 8015", firmware: "12.1.3", siteId: "site-south" })).toEqual(["pump-4"]);
    const made = await planChange(db(), plan({ selection: { kind: "filter", vendor: "BD", model: "Alaris 8015", siteId: "site-north" } }), engineer);
    const devices = await db().changePlanDevice.findMany({ where: { planId: made.id }, orderBy: { deviceId: "asc" } });
    // The retired pump is left out; the one at 12.2.0 is in (no firmware filtered), with its own version.
    expect(devices.map((d) => [d.deviceId, d.fromVersion])).toEqual([["pump-1", "12.1.3"], ["pump-2", "12.1.3"], ["pump-3", "12.1.3"], ["pump-5", "12.2.0"]]);
    await cancelPlan(db(), made.id, { reason: "test done" }, engineer);

    const noModel = await nothingWritten(() => planChange(db(), plan({ selection: { kind: "filter", vendor: "BD" } }), engineer));
    expect(noModel).toMatchObject({ status: 400 });
    expect(noModel.issues!.map((i) => i.path)).toContain("selection.model");
    expect(await nothingWritten(() => planChange(db(), plan({ selection: { kind: "filter", vendor: "BD", model: "Alaris 9000" } }), engineer))).toMatchObject({ status: 400, code: "no_devices" });
  });

  it("a chosen device that is retired or unknown is refused by its index", async () => {
    const error = await nothingWritten(() => planChange(db(), plan({ selection: { kind: "devices", deviceIds: ["pump-1", "pump-retired", "nope"] } }), engineer));
    expect(error).toMatchObject({ status: 400, code: "invalid_selection" });
    expect(error.issues!.map((i) => i.path)).toEqual(["selection.deviceIds.1", "selection.deviceIds.2"]);
  });

  it("a device already in an active plan is refused, naming that plan, until that plan ends", async () => {
    const first = await planChange(db(), plan({ title: "North pumps to 12.3.1", selection: { kind: "devices", deviceIds: ["pump-3"] } }), engineer);
    const refused = await nothingWritten(() => planChange(db(), plan({ selection: { kind: "devices", deviceIds: ["pump-4", "pump-3"] } }), otherEngineer));
    expect(refused).toMatchObject({ status: 409, code: "device_in_active_plan" });
    expect(refused.message).toContain('"North pumps to 12.3.1"');
    await cancelPlan(db(), first.id, { reason: "superseded" }, engineer);
    const second = await planChange(db(), plan({ selection: { kind: "devices", deviceIds: ["pump-4", "pump-3"] } }), otherEngineer);
    await cancelPlan(db(), second.id, { reason: "test done" }, otherEngineer);
  });

  it("bad input is a 400 naming each field, and nothing is written", async () => {
    const rollback = await nothingWritten(() => planChange(db(), plan({ contingency: "rollback" }), engineer));
    expect(rollback.issues!.map((i) => i.path)).toEqual(["rollbackVersion"]);
    const many = await nothingWritten(() => planChange(db(), plan({ title: "x".repeat(121), targetVersion: "", reason: "", releaseNoteUrl: "javascript:alert(1)", downtimeMinutes: 20_000, advisoryIds: ["A"].concat(Array(200).fill("B")) }), engineer));
    expect(many.issues!.map((i) => i.path).sort()).toEqual(["advisoryIds", "downtimeMinutes", "reason", "releaseNoteUrl", "targetVersion", "title"]);
    expect(await nothingWritten(() => planChange(db(), plan({ advisoryIds: ["ICSMA-99-999"] }), engineer))).toMatchObject({ status: 400, code: "unknown_advisory" });
    const backwards = await nothingWritten(() => planChange(db(), plan({ window: { start: local(soon(28)), end: local(soon(24)), timeZone: "UTC" } }), engineer));
    expect(backwards).toMatchObject({ status: 400, code: "invalid_window" });
    // 02:30 does not exist in Paris on 28 March 2027: the clocks jump from 02:00 to 03:00.
    const gap = await nothingWritten(() => planChange(db(), plan({ window: { start: "2027-03-28T02:30", end: "2027-03-28T05:00", timeZone: "Europe/Paris" } }), engineer));
    expect(gap).toMatchObject({ status: 400, code: "invalid_window" });
    expect(gap.issues![0].path).toBe("window.start");
  });
});

describe("four eyes", () => {
  it("nobody approves their own plan; engineers and viewers may not decide; an analyst approves, audited", async () => {
    const own = await planChange(db(), plan({ selection: { kind: "devices", deviceIds: ["pump-1"] } }), admin);
    expect(await refusal(decidePlan(db(), own.id, { decision: "approve" }, admin))).toMatchObject({ status: 403, code: "own_plan" });
    expect(await refusal(decidePlan(db(), own.id, { decision: "approve" }, viewer))).toMatchObject({ status: 403, code: "forbidden" });
    expect(await refusal(decidePlan(db(), own.id, { decision: "approve" }, otherEngineer))).toMatchObject({ status: 403, code: "forbidden" });
    expect((await db().changePlan.findUniqueOrThrow({ where: { id: own.id } })).state).toBe("submitted");
    expect(await db().auditLog.count({ where: { action: "change.approve", targetId: own.id } })).toBe(0);

    expect(await decidePlan(db(), own.id, { decision: "approve", reason: "matches the advisory" }, analyst)).toEqual({ state: "approved" });
    expect(await db().changePlan.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({ state: "approved", decidedById: analyst.id, decidedBy: analyst.email, decisionReason: "matches the advisory" });
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "change.approve", targetId: own.id } })).toMatchObject({ actorId: analyst.id, before: { state: "submitted" }, after: { state: "approved" } });
    // Decided once: a second decision is refused.
    expect(await refusal(decidePlan(db(), own.id, { decision: "reject", reason: "changed my mind" }, admin))).toMatchObject({ status: 403 });
    expect(await refusal(decidePlan(db(), own.id, { decision: "reject", reason: "changed my mind" }, { ...analyst }))).toMatchObject({ status: 409, code: "wrong_state" });
    await cancelPlan(db(), own.id, { reason: "test done" }, admin);
  });

  it("a rejection needs a reason; a plan whose window has ended cannot be approved", async () => {
    const made = await planChange(db(), plan({ selection: { kind: "devices", deviceIds: ["pump-2"] } }), engineer);
    const noReason = await refusal(decidePlan(db(), made.id, { decision: "reject" }, analyst));
    expect(noReason).toMatchObject({ status: 400, code: "reason_required" });
    expect(noReason.issues![0].path).toBe("reason");
    expect(await decidePlan(db(), made.id, { decision: "reject", reason: "the vendor pulled 12.3.1" }, admin)).toEqual({ state: "rejected" });
    expect(await db().auditLog.count({ where: { action: "change.reject", targetId: made.id } })).toBe(1);

    // Planned three days ago for yesterday: approving it now is refused, and says why.
    const past = new Date(Date.now() - 3 * 24 * HOUR);
    const late = await planChange(db(), plan({ window: { start: local(new Date(past.getTime() + 24 * HOUR)), end: local(new Date(past.getTime() + 26 * HOUR)), timeZone: "UTC" }, selection: { kind: "devices", deviceIds: ["pump-2"] } }), engineer, past);
    expect(await refusal(decidePlan(db(), late.id, { decision: "approve" }, analyst))).toMatchObject({ status: 409, code: "window_passed" });
    await cancelPlan(db(), late.id, { reason: "too late" }, engineer);
  });

  it("the requester or an administrator cancels, with a reason; another engineer may not", async () => {
    const made = await planChange(db(), plan({ selection: { kind: "devices", deviceIds: ["pump-4"] } }), engineer);
    expect(await refusal(cancelPlan(db(), made.id, { reason: "not mine" }, otherEngineer))).toMatchObject({ status: 403 });
    expect(await refusal(cancelPlan(db(), made.id, {}, engineer))).toMatchObject({ status: 400, code: "reason_required" });
    await decidePlan(db(), made.id, { decision: "approve" }, analyst);
    await cancelPlan(db(), made.id, { reason: "the ward needs the pumps this week" }, admin);
    expect(await db().changePlan.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({ state: "cancelled", decidedBy: admin.email, decisionReason: "the ward needs the pumps this week" });
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "change.cancel", targetId: made.id } })).toMatchObject({ before: { state: "approved" }, after: { state: "cancelled" } });
    expect(await refusal(cancelPlan(db(), made.id, { reason: "again" }, admin))).toMatchObject({ status: 409, code: "wrong_state" });
  });
});
