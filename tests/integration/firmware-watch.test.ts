// The firmware watch (issue 17) against real agent reports posted through the route handler: a
// plan's window opens, a device reporting the target inside it verifies, one reporting a third
// version fails at once, the ones still on the old version or silent fail when the window closes
// (each with its contingency task and a "firmware change failed" alert), a retry reported later
// closes its task; changes nobody planned raise the right alert (an upgrade medium, a downgrade
// high, a downgrade onto a version an advisory names as affected critical), flag the device, and a
// person's review clears it. Ingestion records each change once, and nothing for unchanged firmware.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { decidePlan, planChange } from "@/lib/commands/change-plans";
import { closeContingencyTask, reassignContingencyTask, reviewFirmwareChange } from "@/lib/commands/change-tasks";
import { watchFirmware } from "@/lib/jobs/firmware-watch";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser } from "./helpers";

const db = () => getDb();
const HOUR = 3_600_000;
const T = Math.floor(Date.now() / 60_000) * 60_000;
const at = (hours: number) => new Date(T + hours * HOUR);
const local = (d: Date) => d.toISOString().slice(0, 16);

const OLD = "8.00.01";
const TARGET = "8.00.05";
let token = "";
let agentId = "";
let planId = "";
let engineer: { id: string; email: string; role: "engineer" };
const ids = new Map<number, string>();

/** Pumps report their firmware as seen at `when` (the agent's observation time). */
async function sighting(when: Date, firmware: Record<number, string>) {
  const observations = Object.entries(firmware).map(([n, version]) => {
    const o = pump(Number(n), { observedAt: when.toISOString() });
    return { ...o, claimed: { ...o.claimed, firmwareVersion: version } };
  });
  expect((await postReport(token, report(observations))).status).toBe(202);
}

const planDevice = (n: number) => db().changePlanDevice.findFirstOrThrow({ where: { planId, deviceId: ids.get(n)! }, include: { contingencyTask: true } });
const changeOf = (n: number) => db().firmwareChange.findFirstOrThrow({ where: { deviceId: ids.get(n)! }, orderBy: { seenAt: "desc" } });
const openAlert = (n: number, kind: string) => db().alert.findFirst({ where: { deviceId: ids.get(n)!, kind, status: { not: "resolved" } } });

beforeAll(async () => {
  const u = await makeUser("engineer");
  engineer = { id: u.id, email: u.email, role: "engineer" };
  const agent = await enrol();
  token = agent.token;
  agentId = agent.id;
  await sighting(at(-7), { 1: OLD, 2: OLD, 3: OLD, 4: OLD, 5: OLD, 6: OLD, 7: OLD });
  for (const d of await db().device.findMany({ select: { id: true, claimedSerial: true } })) ids.set(Number(d.claimedSerial!.slice(2)) - 1_000_000, d.id);
  // An advisory naming every Sigma Spectrum before 8.00.00 as affected.
  await db().advisory.create({ data: { id: "ICSMA-26-100", title: "Baxter Sigma Spectrum", publisher: "CISA" } });
  await db().affectedProduct.create({ data: { advisoryId: "ICSMA-26-100", productRef: "CSAFPID-1", vendor: "Baxter", vendorNormalized: "baxter", product: "Sigma Spectrum", productNormalized: "sigma spectrum", versionRange: "vers:generic/<8.00.00", parseStatus: "parsed", cves: ["CVE-2026-1000"] } });

  const analyst = await makeUser("analyst");
  const window = { start: local(at(-5)), end: local(at(-3)), timeZone: "UTC" };
  const selection = { kind: "devices", deviceIds: [1, 2, 3, 4].map((n) => ids.get(n)!) };
  planId = (await planChange(db(), { targetVersion: TARGET, window, reason: "ICSMA-26-100", contingency: "retry", downtimeMinutes: 20, selection }, engineer, at(-6.5))).id;
  await decidePlan(db(), planId, { decision: "approve" }, { id: analyst.id, email: analyst.email, role: "analyst" }, at(-6));
});

describe("a planned update, followed from what agents report", () => {
  it("the window opens when its start has come, audited as the firmware watch", async () => {
    expect(await watchFirmware(db(), at(-5.5))).toMatchObject({ opened: 0 });
    expect(await watchFirmware(db(), at(-4.9))).toMatchObject({ opened: 1, verified: 0, failed: 0 });
    expect((await db().changePlan.findUniqueOrThrow({ where: { id: planId } })).state).toBe("in_window");
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "change.window_open", targetId: planId } })).toMatchObject({ actorLabel: "firmware watch" });
  });

  it("ingestion records each firmware change with its agent, time and fingerprint verdict, and nothing for unchanged firmware", async () => {
    await sighting(at(-4.5), { 1: TARGET, 2: OLD, 3: "8.00.03", 5: "8.00.09", 6: "7.00.01", 7: "8.00.00" });
    expect(await db().firmwareChange.count({ where: { deviceId: ids.get(2)! } })).toBe(0);
    expect(await db().firmwareChange.count()).toBe(5);
    expect(await changeOf(1)).toMatchObject({ fromVersion: OLD, toVersion: TARGET, seenAt: at(-4.5), agentId, fingerprint: "same", kind: null });
    expect((await db().device.findUniqueOrThrow({ where: { id: ids.get(1)! } })).firmwareVersion).toBe(TARGET);
  });

  it("a device reporting the target in the window verifies; one reporting a third version fails at once", async () => {
    expect(await watchFirmware(db(), at(-4.4))).toEqual({ opened: 0, verified: 1, failed: 1, completed: 0, classified: 5, unplanned: 4 });
    expect(await planDevice(1)).toMatchObject({ state: "verified", reportedVersion: TARGET, verifiedAt: at(-4.5) });
    expect(await planDevice(3)).toMatchObject({ state: "failed", failure: "other_version", reportedVersion: "8.00.03" });
    expect((await planDevice(2)).state).toBe("planned");
    expect(await changeOf(1)).toMatchObject({ kind: "planned", planId, direction: "upgrade" });
  });

  it("when the window closes the rest fail (still on the old version, silent), each with its task and alert, and the plan completes", async () => {
    expect(await watchFirmware(db(), at(-2.9))).toMatchObject({ verified: 0, failed: 2, completed: 1 });
    expect(await planDevice(2)).toMatchObject({ state: "failed", failure: "still_old", reportedVersion: OLD });
    expect(await planDevice(4)).toMatchObject({ state: "failed", failure: "silent" });
    for (const n of [2, 3, 4]) {
      const { contingencyTask: task } = await planDevice(n);
      expect(task).toMatchObject({ kind: "retry", state: "open", ownerId: engineer.id, owner: engineer.email, dueAt: new Date(at(-3).getTime() + 7 * 24 * HOUR) });
      expect(await openAlert(n, "firmware_change_failed")).toMatchObject({ severity: "high" });
    }
    expect((await openAlert(2, "firmware_change_failed"))!.title).toContain(`still on ${OLD} when the window closed`);
    expect(await db().changePlan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({ state: "completed", completedAt: at(-2.9) });
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "change.complete", targetId: planId } })).toMatchObject({ after: { state: "completed", verified: 1, failed: 3 } });
    // Nothing left to do: a second pass changes nothing.
    expect(await watchFirmware(db(), at(-2.8))).toEqual({ opened: 0, verified: 0, failed: 0, completed: 0, classified: 0, unplanned: 0 });
  });

  it("a retry reported later closes its task as retried, and the failure alert with it", async () => {
    await sighting(at(-1), { 2: TARGET });
    expect(await watchFirmware(db(), at(0))).toMatchObject({ classified: 1, unplanned: 0 });
    expect(await changeOf(2)).toMatchObject({ kind: "contingency", planId, direction: "upgrade" });
    expect((await planDevice(2)).contingencyTask).toMatchObject({ state: "retried", closedBy: "firmware watch" });
    expect((await planDevice(2)).contingencyTask!.closedReason).toContain(TARGET);
    expect(await openAlert(2, "firmware_change_failed")).toBeNull();
    expect(await db().auditLog.count({ where: { action: "change.task_close", actorLabel: "firmware watch" } })).toBe(1);
    expect((await planDevice(3)).contingencyTask!.state).toBe("open");
  });
});

describe("contingency tasks, tracked to closure", () => {
  it("a task is handed to another person who may handle it, with a due date; a viewer or a past date is refused", async () => {
    const task = (await planDevice(4)).contingencyTask!;
    const [analyst, viewer] = await Promise.all([makeUser("analyst"), makeUser("viewer")]);
    const tomorrow = new Date(Date.now() + 24 * HOUR).toISOString().slice(0, 10);
    await expect(reassignContingencyTask(db(), task.id, { ownerId: viewer.id, dueAt: tomorrow }, engineer)).rejects.toMatchObject({ status: 400, issues: [{ path: "ownerId" }] });
    await expect(reassignContingencyTask(db(), task.id, { ownerId: analyst.id, dueAt: "2020-01-01" }, engineer)).rejects.toMatchObject({ status: 400, issues: [{ path: "dueAt" }] });
    await expect(reassignContingencyTask(db(), task.id, { ownerId: analyst.id, dueAt: "2026-02-30" }, engineer)).rejects.toMatchObject({ status: 400 });
    await reassignContingencyTask(db(), task.id, { ownerId: analyst.id, dueAt: tomorrow }, engineer);
    expect((await planDevice(4)).contingencyTask).toMatchObject({ ownerId: analyst.id, owner: analyst.email, dueAt: new Date(`${tomorrow}T23:59:59.999Z`), state: "open" });
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "change.task_reassign", targetId: task.id } })).toMatchObject({ actorId: engineer.id, after: { owner: analyst.email } });
  });

  it("waiving needs a reason; a closed task closes its alert and cannot be closed again", async () => {
    const task = (await planDevice(4)).contingencyTask!;
    await expect(closeContingencyTask(db(), task.id, { outcome: "waived" }, engineer)).rejects.toMatchObject({ status: 400, code: "reason_required" });
    await expect(closeContingencyTask(db(), task.id, { outcome: "fixed" }, engineer)).rejects.toMatchObject({ status: 400 });
    expect((await planDevice(4)).contingencyTask!.state).toBe("open");
    await closeContingencyTask(db(), task.id, { outcome: "waived", reason: "pump decommissioned next month" }, engineer);
    expect((await planDevice(4)).contingencyTask).toMatchObject({ state: "waived", closedById: engineer.id, closedBy: engineer.email, closedReason: "pump decommissioned next month" });
    expect(await openAlert(4, "firmware_change_failed")).toBeNull();
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "change.task_close", targetId: task.id } })).toMatchObject({ actorId: engineer.id, after: { state: "waived" } });
    await expect(closeContingencyTask(db(), task.id, { outcome: "replaced" }, engineer)).rejects.toMatchObject({ status: 409 });
    await expect(reassignContingencyTask(db(), task.id, { ownerId: engineer.id, dueAt: "2027-01-01" }, engineer)).rejects.toMatchObject({ status: 409 });
    await expect(closeContingencyTask(db(), "no-such-task", { outcome: "replaced" }, engineer)).rejects.toMatchObject({ status: 404 });
  });
});

describe("changes nobody planned", () => {
  it("an upgrade is medium, a downgrade high, a downgrade onto an affected version critical; each device is flagged", async () => {
    const alerts = Object.fromEntries(await Promise.all([3, 5, 6, 7].map(async (n) => [n, await openAlert(n, "unplanned_firmware")] as const)));
    expect(alerts[5]).toMatchObject({ severity: "medium", detail: { from: OLD, to: "8.00.09", direction: "upgrade", fingerprint: "same", advisories: [] } });
    expect(alerts[7]).toMatchObject({ severity: "high", detail: { direction: "downgrade", advisories: [] } });
    expect(alerts[6]).toMatchObject({ severity: "critical", detail: { to: "7.00.01", direction: "downgrade", advisories: ["ICSMA-26-100"] } });
    expect(alerts[3]).toMatchObject({ severity: "medium" });
    expect(alerts[6]!.title).toContain(`${OLD} → 7.00.01 (downgrade)`);
    for (const n of [5, 6, 7]) {
      expect(await changeOf(n)).toMatchObject({ kind: "unplanned", alertId: alerts[n]!.id, planId: null });
      expect((await db().device.findUniqueOrThrow({ where: { id: ids.get(n)! } })).firmwareFlaggedAt).toEqual(at(-4.5));
    }
  });

  it("a person's review clears the flag and closes the alert with the reason, audited; reviewing twice is refused", async () => {
    const change = await changeOf(5);
    const reviewer = await makeUser("analyst");
    await expect(reviewFirmwareChange(db(), change.id, { reason: "" }, reviewer)).rejects.toMatchObject({ status: 400 });
    await reviewFirmwareChange(db(), change.id, { reason: "biomed updated it by hand, ticket 4411" }, reviewer);
    expect(await db().firmwareChange.findUniqueOrThrow({ where: { id: change.id } })).toMatchObject({ reviewedById: reviewer.id, reviewReason: "biomed updated it by hand, ticket 4411" });
    expect((await db().device.findUniqueOrThrow({ where: { id: ids.get(5)! } })).firmwareFlaggedAt).toBeNull();
    expect(await openAlert(5, "unplanned_firmware")).toBeNull();
    expect(await db().alert.findFirstOrThrow({ where: { deviceId: ids.get(5)!, kind: "unplanned_firmware" } })).toMatchObject({ status: "resolved", resolvedById: reviewer.id });
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "device.firmware_review", targetId: ids.get(5)! } })).toMatchObject({ actorId: reviewer.id, targetType: "device" });
    await expect(reviewFirmwareChange(db(), change.id, { reason: "again" }, reviewer)).rejects.toMatchObject({ status: 409 });
    // A planned change is not for review.
    await expect(reviewFirmwareChange(db(), (await changeOf(1)).id, { reason: "x" }, reviewer)).rejects.toMatchObject({ status: 409 });
    expect((await db().device.findUniqueOrThrow({ where: { id: ids.get(6)! } })).firmwareFlaggedAt).not.toBeNull();
  });
});
