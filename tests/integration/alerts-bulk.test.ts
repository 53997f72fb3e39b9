// "Apply to all N alerts matching this filter" (issue 20: day one brings 2,004 "new device" alerts,
// 50 a page): the server applies the list's filter again, in batches, changes only what it
// matches, writes one audit row (filter, count, note), says how many really changed, and refuses
// (changing nothing) a filter the list would not make, a count far from the one confirmed, or a
// person whose role may not handle alerts.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { handleMatchingAlerts } from "@/lib/commands/alert-handling";
import { countMatchingAlerts, parseAlertParams } from "@/lib/queries/alerts";
import { makeUser, testSession as session } from "./helpers";

vi.mock("next-auth", async (original) => (await import("./helpers")).withTestSession(await original<object>()));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { handleMatchingAlertsAction } = await import("@/app/(dashboard)/alerts/actions");

const db = () => getDb();
const people: Record<string, { id: string; email: string }> = {};
const signIn = (role: "engineer" | "viewer") => (session.current = { user: { id: people[role].id, email: people[role].email, role } });

/** `n` alerts of a kind, each about its own subject (an estate-wide open key per alert). */
async function seedAlerts(kind: string, n: number, severity = "info", tag = kind) {
  const at = new Date();
  await db().alert.createMany({ data: Array.from({ length: n }, (_, i) => ({ kind, severity, title: `${tag} ${i}`, openKey: `${kind}:${tag}-${i}`, firstAt: at, lastAt: at })) });
}

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

beforeAll(async () => {
  for (const role of ["engineer", "viewer"] as const) people[role] = await makeUser(role);
  // Day one: 1,100 new devices (more than two batches), a few spoofs, and one already handled.
  await seedAlerts("new_device", 1100);
  await seedAlerts("spoof", 3, "critical");
  await db().alert.updateMany({ where: { openKey: "new_device:new_device-0" }, data: { status: "acknowledged", acknowledgedAt: new Date() } });
});

describe("acting on every alert matching the filter", () => {
  it("counts what the filter matches on every page, as the list shows it", async () => {
    expect(await countMatchingAlerts(parseAlertParams({ kind: "new_device" }))).toEqual({ count: 1100, more: false });
    expect(await countMatchingAlerts(parseAlertParams({ kind: "new_device", status: "open" }))).toEqual({ count: 1099, more: false });
  });

  it("refuses a viewer, a filter the list would not make and a count far from the one confirmed, changing nothing", async () => {
    signIn("viewer");
    const refused = await handleMatchingAlertsAction(null, form({ op: "resolve_all", filter: "kind=new_device", expected: "1100" }));
    expect(refused).toMatchObject({ ok: false, message: "Your role does not allow this." });
    signIn("engineer");
    for (const filter of ["kind=new_devices", "kind=new_device&ward=x", "site=" + "x".repeat(65), "status=closed", "since=1y"]) {
      const bad = await handleMatchingAlertsAction(null, form({ op: "resolve_all", filter, expected: "1100" }));
      expect(bad, filter).toMatchObject({ ok: false, message: expect.stringMatching(/not one the alerts list makes/) });
    }
    const drifted = await handleMatchingAlertsAction(null, form({ op: "resolve_all", filter: "kind=new_device", expected: "50" }));
    expect(drifted).toMatchObject({ ok: false, message: "1100 alerts match this filter now, not the 50 you confirmed: look at the list again. Nothing changed." });
    const noOp = await handleMatchingAlertsAction(null, form({ op: "delete_all", filter: "kind=new_device", expected: "1100" }));
    expect(noOp.ok).toBe(false);
    expect(await db().alert.count({ where: { status: "resolved" } })).toBe(0);
    expect(await db().auditLog.count({ where: { action: { endsWith: "_matching" } } })).toBe(0);
  });

  it("acknowledges every open alert of the filter, and says how many really changed", async () => {
    signIn("engineer");
    const result = await handleMatchingAlertsAction(null, form({ op: "acknowledge_all", filter: "kind=new_device", expected: "1100" }));
    expect(result).toEqual({ ok: true, message: "1,099 alerts acknowledged of 1,100 alerts matching the filter; 1 skipped, left as they were (1 already acknowledged or resolved)." });
    expect(await db().alert.count({ where: { kind: "new_device", status: "acknowledged", acknowledgedById: people.engineer.id } })).toBe(1099);
    expect(await db().alert.count({ where: { kind: "spoof", status: "open" } })).toBe(3);
  });

  it("resolves every alert of the filter across batches, with the note in one audit row, and leaves the rest", async () => {
    signIn("engineer");
    const result = await handleMatchingAlertsAction(null, form({ op: "resolve_all", filter: "kind=new_device&status=active", expected: "1090", note: "first inventory of the ICU, checked with biomed" }));
    expect(result).toEqual({ ok: true, message: "1,100 alerts resolved of 1,100 alerts matching the filter." });
    expect(await db().alert.count({ where: { kind: "new_device", status: "resolved", resolvedById: people.engineer.id, openKey: null } })).toBe(1100);
    expect(await db().alert.count({ where: { kind: "spoof", status: "open" } })).toBe(3);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "alert.resolve_matching" } });
    expect(audit).toMatchObject({
      actorLabel: people.engineer.email, targetType: "alert", targetId: null,
      before: { filter: { kind: "new_device", status: "active" }, matched: 1100, confirmed: 1090 },
      after: { status: "resolved", changed: 1100, note: "first inventory of the ICU, checked with biomed" },
    });
    expect(await db().auditLog.count({ where: { action: { startsWith: "alert." } } })).toBe(2);
    // Again: nothing matches any more, nothing changes.
    const again = await handleMatchingAlerts(db(), "resolve", { filter: { kind: "new_device" }, expected: 1 }, { system: "test" });
    expect(again).toEqual({ matched: 0, changed: 0, skipped: { handled: 0, meanwhile: 0 } });
    expect(await db().auditLog.count({ where: { action: { startsWith: "alert." } } })).toBe(2);
  });

  it("counts only the alerts it changed, and says how many it skipped and why", async () => {
    signIn("engineer");
    await seedAlerts("device_silent", 12, "medium");
    await db().alert.updateMany({ where: { openKey: { in: ["device_silent:device_silent-0", "device_silent:device_silent-1"] } }, data: { status: "acknowledged", acknowledgedAt: new Date() } });
    const direct = await handleMatchingAlerts(db(), "acknowledge", { filter: { kind: "device_silent" }, expected: 12 }, { system: "test" });
    expect(direct).toEqual({ matched: 12, changed: 10, skipped: { handled: 2, meanwhile: 0 } });
    expect(await handleMatchingAlertsAction(null, form({ op: "resolve_all", filter: "kind=device_silent", expected: "12" }))).toEqual({ ok: true, message: "12 alerts resolved of 12 alerts matching the filter." });
    const audits = await db().auditLog.count();
    const none = await handleMatchingAlertsAction(null, form({ op: "resolve_all", filter: "kind=device_silent&status=resolved", expected: "12" }));
    expect(none).toEqual({ ok: true, message: "0 alerts resolved of 12 alerts matching the filter; 12 skipped, left as they were (12 already resolved)." });
    expect(await db().auditLog.count()).toBe(audits);
  });
});
