// The Alerts view: its URL filters, its keyset pages (checked against a plain reading of the whole
// small table), and acknowledging / resolving through the real server actions, as each role.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { acknowledgeAlerts, resolveAlerts } from "@/lib/commands/alert-handling";
import { raiseAlert } from "@/lib/db/alert-writes";
import { ALERT_KINDS, ALERT_SEVERITIES, type AlertKind, type Severity } from "@/lib/domain/words/alert-kinds";
import { getDb } from "@/lib/db/client";
import { listAlerts, parseAlertParams, type AlertParams } from "@/lib/queries/alerts";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { acknowledgeAlertsAction, resolveAlertsAction } = await import("@/app/(dashboard)/alerts/actions");

type User = { id: string; email: string; role: string };
const people = {} as Record<"admin" | "analyst" | "engineer" | "viewer", User>;
const as = (who: keyof typeof people) => (session.current = { user: people[who] });
let agentId = "";
let deviceIds: string[] = [];

const form = (ids: string[], extra: Record<string, string> = {}) => {
  const data = new FormData();
  for (const id of ids) data.append("id", id);
  for (const [k, v] of Object.entries(extra)) data.set(k, v);
  return data;
};
const HOUR = 3_600_000;
const now = Date.now();

beforeAll(async () => {
  for (const role of ["admin", "analyst", "engineer", "viewer"] as const) {
    const u = await makeUser(role);
    people[role] = { id: u.id, email: u.email, role };
  }
  const agent = await enrol();
  agentId = agent.id;
  // Six new devices: six "new device" alerts raised by ingestion itself.
  expect((await postReport(agent.token, report([1, 2, 3, 4, 5, 6].map((n) => pump(900 + n))))).status).toBe(202);
  deviceIds = (await getDb().device.findMany({ where: { claimedHostname: { startsWith: "INFUSION-4N-90" } }, select: { id: true }, orderBy: { claimedHostname: "asc" } })).map((d) => d.id);
  expect(deviceIds).toHaveLength(6);

  // And a spread of kinds, severities, ages and statuses, several sharing one lastAt (ties).
  const db = getDb();
  const tie = new Date(now - 5 * HOUR);
  for (let i = 0; i < 50; i++) {
    const kind = ALERT_KINDS[i % ALERT_KINDS.length] as AlertKind;
    const lastAt = i % 5 === 0 ? tie : new Date(now - [1, 30, 200, 1000][i % 4] * HOUR - i * 60_000);
    const status = i % 3 === 0 ? "acknowledged" : i % 7 === 0 ? "resolved" : "open";
    await db.alert.create({
      data: {
        kind, severity: ALERT_SEVERITIES[i % ALERT_SEVERITIES.length], title: `Seeded ${i}`, status,
        deviceId: kind === "agent_offline" ? null : deviceIds[i % deviceIds.length], agentId: kind === "agent_offline" ? agentId : null,
        openKey: status === "resolved" ? null : `seeded:${i}`, count: 1 + (i % 4), firstAt: new Date(lastAt.getTime() - 86_400_000), lastAt,
        acknowledgedAt: status === "open" ? null : lastAt, acknowledgedById: status === "open" ? null : people.admin.id,
        resolvedAt: status === "resolved" ? lastAt : null, resolvedById: status === "resolved" ? people.admin.id : null,
      },
    });
  }
});

/** Every page of a listing, in order. */
async function walk(params: AlertParams, pageSize: number) {
  const seen: { id: string; lastAt: Date }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const { alerts, nextCursor } = await listAlerts({ ...params, cursor }, pageSize);
    expect(alerts.length).toBeLessThanOrEqual(pageSize);
    seen.push(...alerts);
    if (!nextCursor) return seen.map((a) => a.id);
    cursor = nextCursor;
  }
  throw new Error("no last page");
}

/** The same filter, read plainly from the whole (small) table. */
async function reference(p: AlertParams): Promise<string[]> {
  const all = await getDb().alert.findMany({ select: { id: true, kind: true, severity: true, status: true, deviceId: true, agentId: true, lastAt: true } });
  const since = p.since ? now - { "24h": 1, "7d": 7, "30d": 30 }[p.since] * 86_400_000 : null;
  return all
    .filter((a) => (p.status === "active" ? a.status !== "resolved" : a.status === p.status))
    .filter((a) => !p.kind || a.kind === p.kind)
    .filter((a) => !p.severity || a.severity === p.severity)
    .filter((a) => !p.device || a.deviceId === p.device)
    .filter((a) => !p.agent || a.agentId === p.agent)
    .filter((a) => since === null || a.lastAt.getTime() >= since - 60_000)
    .sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((a) => a.id);
}

describe("URL params", () => {
  it("ignore junk instead of failing, and default to alerts not yet resolved", () => {
    expect(parseAlertParams({})).toEqual({ status: "active" });
    const p = parseAlertParams({ kind: "<script>", severity: ["high", "low"], status: "deleted", since: "1y", device: "x".repeat(500), agent: "", cursor: "c".repeat(1000), extra: "1" });
    expect(p).toEqual({ status: "active", severity: "high" });
    expect(parseAlertParams({ kind: "spoof", status: "resolved", since: "7d", device: "dev1", agent: "ag1", cursor: "abc" })).toEqual({ kind: "spoof", status: "resolved", since: "7d", device: "dev1", agent: "ag1", cursor: "abc" });
  });

  it("a forged or broken cursor starts from the first page", async () => {
    const first = await listAlerts(parseAlertParams({}), 5);
    for (const cursor of ["not-base64", Buffer.from('{"v":"yesterday","id":1}').toString("base64url"), Buffer.from("[]").toString("base64url")]) {
      expect((await listAlerts(parseAlertParams({ cursor }), 5)).alerts.map((a) => a.id)).toEqual(first.alerts.map((a) => a.id));
    }
  });
});

describe("filters and pages", () => {
  const cases: Record<string, string>[] = [
    {},
    { status: "open" },
    { status: "acknowledged" },
    { status: "resolved" },
    { kind: "new_device" },
    { kind: "spoof", status: "active" },
    { severity: "high" },
    { since: "24h" },
    { since: "7d", status: "resolved" },
    { agent: "AGENT" },
    { device: "DEVICE" },
    { device: "DEVICE", status: "resolved" },
    { kind: "agent_offline", severity: "medium" },
  ];
  it.each(cases)("%o: every page, no overlap, no gap, newest first", async (raw) => {
    const search = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v === "AGENT" ? agentId : v === "DEVICE" ? deviceIds[1] : v]));
    const params = parseAlertParams(search);
    const expected = await reference(params);
    expect(expected.length, "the seeded data covers this filter").toBeGreaterThan(0);
    for (const pageSize of [3, 7, 50]) expect(await walk(params, pageSize)).toEqual(expected);
  });

  it("the rows carry what the view and the API show", async () => {
    const { alerts } = await listAlerts(parseAlertParams({ agent: agentId }), 50);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0].agent).toEqual({ id: agentId, name: expect.any(String) });
    const onDevice = (await listAlerts(parseAlertParams({ device: deviceIds[1], status: "resolved" }), 50)).alerts;
    expect(onDevice.length).toBeGreaterThan(0);
    expect(onDevice.every((a) => a.device?.id === deviceIds[1] && a.resolvedBy?.email === people.admin.email && a.resolvedAt instanceof Date)).toBe(true);
    expect(JSON.parse(JSON.stringify(alerts[0]))).toMatchObject({ id: alerts[0].id, kind: "agent_offline" });
  });
});

describe("acknowledging and resolving", () => {
  async function freshAlert(kind: AlertKind = "unauthorized", severity: Severity = "high") {
    const deviceId = deviceIds[Math.floor(Math.random() * deviceIds.length)];
    await getDb().alert.deleteMany({ where: { openKey: `${kind}:${deviceId}` } });
    await raiseAlert(getDb(), { kind, severity, title: "Blocked: a pump", deviceId });
    return getDb().alert.findFirstOrThrow({ where: { openKey: `${kind}:${deviceId}` } });
  }
  const auditRows = (id: string) => getDb().auditLog.findMany({ where: { targetType: "alert", targetId: id }, orderBy: { at: "asc" } });

  it("acknowledge names who and when; resolve later keeps that and names who resolved", async () => {
    const alert = await freshAlert();
    as("analyst");
    expect(await acknowledgeAlertsAction(null, form([alert.id]))).toEqual({ ok: true, message: "1 alert acknowledged." });
    const acked = await getDb().alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(acked).toMatchObject({ status: "acknowledged", acknowledgedById: people.analyst.id, resolvedAt: null });
    expect(Math.abs(acked.acknowledgedAt!.getTime() - Date.now())).toBeLessThan(60_000);

    as("engineer");
    // Acknowledging again changes nothing: the first person stays on record.
    expect((await acknowledgeAlertsAction(null, form([alert.id]))).message).toMatch(/^0 alerts acknowledged \(1 already/);
    expect(await resolveAlertsAction(null, form([alert.id], { note: "cable replaced" }))).toEqual({ ok: true, message: "1 alert resolved." });
    const resolved = await getDb().alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(resolved).toMatchObject({ status: "resolved", acknowledgedById: people.analyst.id, acknowledgedAt: acked.acknowledgedAt, resolvedById: people.engineer.id, openKey: null });

    const rows = await auditRows(alert.id);
    expect(rows.map((r) => [r.action, r.actorLabel])).toEqual([["alert.acknowledge", people.analyst.email], ["alert.resolve", people.engineer.email]]);
    expect(rows[1].after).toEqual({ status: "resolved", note: "cable replaced" });

    // Resolving again leaves it, and its record, alone.
    as("admin");
    expect((await resolveAlertsAction(null, form([alert.id]))).message).toBe("0 alerts resolved (1 already resolved, left as they were).");
    expect(await getDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).toEqual(resolved);
    expect(await auditRows(alert.id)).toHaveLength(2);
  });

  it("resolving an alert nobody acknowledged acknowledges it too, by the same person", async () => {
    const alert = await freshAlert("spoof", "critical");
    as("admin");
    expect((await resolveAlertsAction(null, form([alert.id]))).ok).toBe(true);
    const row = await getDb().alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(row).toMatchObject({ status: "resolved", acknowledgedById: people.admin.id, resolvedById: people.admin.id });
    expect(row.acknowledgedAt).toEqual(row.resolvedAt);
  });

  it("a repeat after resolving opens a new alert; before, it only counts", async () => {
    const alert = await freshAlert();
    await raiseAlert(getDb(), { kind: "unauthorized", severity: "high", title: "Blocked again", deviceId: alert.deviceId! });
    expect((await getDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).count).toBe(2);
    as("engineer");
    await resolveAlertsAction(null, form([alert.id]));
    await raiseAlert(getDb(), { kind: "unauthorized", severity: "high", title: "Blocked once more", deviceId: alert.deviceId! });
    const both = await getDb().alert.findMany({ where: { OR: [{ id: alert.id }, { openKey: alert.openKey }] }, orderBy: { firstAt: "asc" } });
    expect(both.map((a) => [a.status, a.count])).toEqual([["resolved", 2], ["open", 1]]);
    // The new one is listed among the active alerts of the device; the old one among the resolved.
    const active = (await listAlerts(parseAlertParams({ device: alert.deviceId!, kind: "unauthorized" }))).alerts.map((a) => a.id);
    expect(active).toContain(both[1].id);
    expect(active).not.toContain(alert.id);
    expect((await listAlerts(parseAlertParams({ device: alert.deviceId!, kind: "unauthorized", status: "resolved" }))).alerts.map((a) => a.id)).toContain(alert.id);
  });

  it("many at once: one audit row per changed alert", async () => {
    const db = getDb();
    const open = await db.alert.findMany({ where: { status: "open" }, select: { id: true }, take: 4 });
    const already = await db.alert.findFirstOrThrow({ where: { status: "acknowledged" }, select: { id: true } });
    as("engineer");
    const before = await db.auditLog.count();
    const answer = await acknowledgeAlertsAction(null, form([...open.map((a) => a.id), already.id, open[0].id]));
    expect(answer).toEqual({ ok: true, message: `${open.length} alerts acknowledged (1 already acknowledged or resolved, left as they were).` });
    expect(await db.auditLog.count()).toBe(before + open.length);
    expect(await db.alert.count({ where: { id: { in: open.map((a) => a.id) }, status: "acknowledged", acknowledgedById: people.engineer.id } })).toBe(open.length);
  });

  it("500 at once is the limit; a system actor is named in the audit log, with no user on the alert", async () => {
    const db = getDb();
    const at = new Date(now - 90 * 86_400_000);
    await db.alert.createMany({ data: Array.from({ length: 500 }, (_, i) => ({ id: `bulk-${i}`, kind: "device_silent", severity: "low", title: `Silent ${i}`, openKey: `bulk:${i}`, firstAt: at, lastAt: at })) });
    const ids = Array.from({ length: 500 }, (_, i) => `bulk-${i}`);
    expect(await resolveAlerts(db, ids, { system: "retention" })).toEqual({ resolved: 500, unchanged: 0 });
    expect(await db.alert.count({ where: { id: { in: ids }, status: "resolved", resolvedById: null, acknowledgedById: null, openKey: null, resolvedAt: { not: null }, acknowledgedAt: { not: null } } })).toBe(500);
    expect(await db.auditLog.count({ where: { targetType: "alert", targetId: { in: ids }, actorId: null, actorLabel: "retention", action: "alert.resolve" } })).toBe(500);
    await expect(acknowledgeAlerts(db, [...ids, "bulk-500"], { system: "retention" })).rejects.toThrow("Choose between 1 and 500 alerts.");
  });

  it("a viewer is refused, and nothing changes", async () => {
    const alert = await freshAlert();
    as("viewer");
    const before = await getDb().auditLog.count();
    for (const action of [acknowledgeAlertsAction, resolveAlertsAction]) {
      expect(await action(null, form([alert.id]))).toEqual({ ok: false, message: "Your role does not allow this.", fieldErrors: {} });
    }
    session.current = null;
    expect(await acknowledgeAlertsAction(null, form([alert.id]))).toMatchObject({ ok: false, message: "Sign in first." });
    expect(await getDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).toEqual(alert);
    expect(await getDb().auditLog.count()).toBe(before);
  });

  it("bad input is a clear error and nothing is written", async () => {
    const alert = await freshAlert();
    const other = await freshAlert("risk_jump", "medium");
    as("admin");
    const before = await getDb().auditLog.count();
    const bad: [FormData, RegExp][] = [
      [form([]), /Choose between 1 and 500 alerts/],
      [form(Array.from({ length: 501 }, (_, i) => `id-${i}`)), /Choose between 1 and 500 alerts/],
      [form([alert.id, "x".repeat(65)]), /Choose between 1 and 500 alerts/],
      [form([alert.id, other.id, "no-such-alert"]), /No such alert/],
    ];
    for (const action of [acknowledgeAlertsAction, resolveAlertsAction]) {
      for (const [data, message] of bad) {
        const answer = await action(null, data);
        expect(answer.ok).toBe(false);
        expect(answer.message).toMatch(message);
      }
    }
    const tooLong = await resolveAlertsAction(null, form([alert.id, other.id], { note: "n".repeat(501) }));
    expect(tooLong).toMatchObject({ ok: false, fieldErrors: { note: expect.stringMatching(/500 characters/) } });
    expect(await getDb().alert.findUniqueOrThrow({ where: { id: alert.id } })).toEqual(alert);
    expect(await getDb().alert.findUniqueOrThrow({ where: { id: other.id } })).toEqual(other);
    expect(await getDb().auditLog.count()).toBe(before);
  });
});
