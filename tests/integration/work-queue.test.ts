// The unauthorized & spoofed work queue: its filters and keyset pages (checked against a plain
// reading of the small table), assignment through the real server action as each role, with its
// refusals and audit rows, and editing a device's location and owner.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { countWorkQueue, getWorkQueue, listAssignees, parseQueueParams, unknownQueueFilters, type QueueParams } from "@/lib/queries/work-queue";
import { updateUser } from "@/lib/commands/user-accounts";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { assignDevicesAction } = await import("@/app/(dashboard)/unauthorized/actions");
const { editDeviceAction } = await import("@/app/(dashboard)/devices/[id]/actions");

type User = { id: string; email: string; role: string };
const people = {} as Record<"admin" | "analyst" | "engineer" | "viewer" | "disabled", User>;
const as = (who: keyof typeof people) => (session.current = { user: people[who] });
let ids: string[] = [];

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) data.append(k, item);
  return data;
};
const auditCount = () => getDb().auditLog.count();

/** Every device the queue should hold for these params, in its order: a plain reading of the table. */
async function expected(p: QueueParams, viewerId: string) {
  const all = await getDb().device.findMany({ select: { id: true, status: true, spoofSuspected: true, riskScore: true, assigneeId: true } });
  return all
    .filter((d) => d.status !== "retired")
    .filter((d) => (p.reason === "unauthorized" ? d.status === "unauthorized" : p.reason === "spoof" ? d.spoofSuspected : d.status === "unauthorized" || d.spoofSuspected))
    .filter((d) => !p.status || d.status === p.status)
    .filter((d) => (p.assigned === "me" ? d.assigneeId === viewerId : p.assigned === "none" ? d.assigneeId === null : true))
    .sort((a, b) => b.riskScore - a.riskScore || (a.id < b.id ? -1 : 1))
    .map((d) => d.id);
}

async function walk(p: QueueParams, viewerId: string, pageSize: number) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await getWorkQueue({ ...p, cursor }, viewerId, pageSize);
    expect(page.devices.length).toBeLessThanOrEqual(pageSize);
    seen.push(...page.devices.map((d) => d.id));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("the cursor never ended");
}

beforeAll(async () => {
  for (const role of ["admin", "analyst", "engineer", "viewer"] as const) {
    const u = await makeUser(role);
    people[role] = { id: u.id, email: u.email, role };
  }
  const gone = await makeUser("engineer");
  await updateUser(getDb(), gone.id, { role: "engineer", disabled: true }, { system: "test" });
  people.disabled = { id: gone.id, email: gone.email, role: "engineer" };

  const agent = await enrol();
  expect((await postReport(agent.token, report(Array.from({ length: 24 }, (_, i) => pump(300 + i))))).status).toBe(202);
  ids = (await getDb().device.findMany({ where: { claimedHostname: { startsWith: "INFUSION-4N-3" } }, select: { id: true }, orderBy: { claimedHostname: "asc" } })).map((d) => d.id);
  expect(ids).toHaveLength(24);
  // A spread of statuses and scores, several sharing one score (ties cross page boundaries).
  const db = getDb();
  for (const [i, id] of ids.entries()) {
    const status = i % 6 === 5 ? "retired" : i % 2 === 0 ? "unauthorized" : i % 3 === 0 ? "authorized" : "pending";
    const spoof = i % 4 === 1 || i === 5 || i === 8;
    await db.device.update({
      where: { id },
      data: {
        status, spoofSuspected: spoof, riskScore: [90, 70, 70, 70, 40, 10][i % 6], riskStale: false,
        statusRule: status === "unauthorized" ? "baseline.vendor" : null,
        statusReason: status === "unauthorized" ? `ICU baseline: vendor "Baxter" is not allowed here (allowed: BD)` : null,
      },
    });
    if (spoof) {
      await db.alert.create({
        data: {
          kind: "spoof", severity: "critical", title: `Possible spoof: pump ${i} — MAC on two ports`, deviceId: id, openKey: `spoof:${id}`,
          detail: { findings: [{ rule: "macOnTwoPorts", severity: "critical", summary: `MAC on switch ports A and B at once (${i})`, evidence: {} }] },
        },
      });
    }
  }
});

describe("the queue: filters, order and keyset pages", () => {
  const cases: QueueParams[] = [{}, { reason: "unauthorized" }, { reason: "spoof" }, { assigned: "none" }, { reason: "spoof", assigned: "none" },
    { status: "unauthorized" }, { status: "pending" }, { status: "authorized" }, { status: "authorized", reason: "spoof" }, { status: "unauthorized", reason: "spoof" }];
  it.each(cases)("%j: every page in order, each device once, the count agrees", async (p) => {
    const want = await expected(p, people.admin.id);
    expect(want.length).toBeGreaterThan(0);
    for (const size of [1, 4, 50]) expect(await walk(p, people.admin.id, size)).toEqual(want);
    expect(await countWorkQueue(p, people.admin.id)).toEqual({ count: want.length, more: false });
  });

  it("holds unauthorized and spoofed devices, never retired ones, and carries the spoof evidence", async () => {
    const { devices } = await getWorkQueue({}, people.admin.id, 100);
    expect(devices.every((d) => d.status !== "retired" && (d.status === "unauthorized" || d.spoofSuspected))).toBe(true);
    const spoofed = devices.find((d) => d.spoofSuspected)!;
    expect(spoofed.alerts[0].detail).toMatchObject({ findings: [{ rule: "macOnTwoPorts" }] });
  });

  it("ignores junk in the URL", () => {
    expect(parseQueueParams({ reason: "everything", assigned: ["me", "none"], cursor: "x".repeat(500), other: "1" })).toEqual({ reason: undefined, assigned: "me", cursor: undefined });
    expect(parseQueueParams({})).toEqual({ reason: undefined, assigned: undefined, cursor: undefined });
  });

  it("the status filter: a status and a reason that cannot meet give an empty queue, each status only itself", async () => {
    expect(await getWorkQueue({ status: "pending", reason: "unauthorized" }, people.admin.id)).toMatchObject({ devices: [], nextCursor: undefined });
    expect(await countWorkQueue({ status: "authorized", reason: "unauthorized" }, people.admin.id)).toEqual({ count: 0, more: false });
    for (const status of ["unauthorized", "pending", "authorized"] as const) {
      const { devices } = await getWorkQueue({ status }, people.admin.id, 100);
      expect(devices.length).toBeGreaterThan(0);
      expect(devices.every((d) => d.status === status)).toBe(true);
    }
  });

  it("names a filter value it does not know instead of ignoring it silently", () => {
    expect(parseQueueParams({ status: "approved" }).status).toBeUndefined();
    expect(unknownQueueFilters({ status: "approved", reason: "spoof", assigned: ["nobody", "me"] })).toEqual([{ name: "assigned", value: "nobody" }, { name: "status", value: "approved" }]);
    expect(unknownQueueFilters({ status: "pending", reason: "", other: "x" })).toEqual([]);
  });

  it("a forged cursor is read as the first page", async () => {
    const first = await getWorkQueue({}, people.admin.id, 5);
    expect((await getWorkQueue({ cursor: "not-base64-json" }, people.admin.id, 5)).devices.map((d) => d.id)).toEqual(first.devices.map((d) => d.id));
  });

  it("lists enabled people who may handle devices as assignees", async () => {
    const assignees = (await listAssignees()).map((a) => a.id);
    expect(assignees).toEqual(expect.arrayContaining([people.admin.id, people.analyst.id, people.engineer.id]));
    expect(assignees).not.toContain(people.viewer.id);
    expect(assignees).not.toContain(people.disabled.id);
  });
});

describe("assigning devices", () => {
  const queued = async () => (await getWorkQueue({ assigned: "none" }, people.engineer.id, 100)).devices.map((d) => d.id);

  it("an engineer assigns devices to themselves: the filter 'me' finds them, one audit row each", async () => {
    as("engineer");
    const [a, b] = await queued();
    const before = await auditCount();
    expect(await assignDevicesAction(null, form({ id: [a, b], assignee: "me" }))).toEqual({ ok: true, message: "2 devices assigned to you." });
    expect(await auditCount()).toBe(before + 2);
    const rows = await getDb().auditLog.findMany({ where: { targetId: { in: [a, b] }, action: "device.assign" } });
    expect(rows.map((r) => [r.actorId, r.before, r.after])).toEqual([
      [people.engineer.id, { assignee: null }, { assignee: people.engineer.email }],
      [people.engineer.id, { assignee: null }, { assignee: people.engineer.email }],
    ]);
    expect(await walk({ assigned: "me" }, people.engineer.id, 1)).toEqual(await expected({ assigned: "me" }, people.engineer.id));
    expect(await walk({ assigned: "me" }, people.engineer.id, 1)).toEqual(expect.arrayContaining([a, b]));
    expect(await queued()).not.toContain(a);
    // Assigning them the same way again changes nothing and writes nothing.
    expect((await assignDevicesAction(null, form({ id: [a, b], assignee: "me" }))).message).toMatch(/^Nothing changed/);
    expect(await auditCount()).toBe(before + 2);
  });

  it("an analyst hands a device to another person, then unassigns it", async () => {
    as("analyst");
    const [c] = await queued();
    expect(await assignDevicesAction(null, form({ id: c, assignee: people.admin.id }))).toEqual({ ok: true, message: `1 device assigned to ${people.admin.email}.` });
    expect((await getDb().device.findUniqueOrThrow({ where: { id: c } })).assigneeId).toBe(people.admin.id);
    expect(await assignDevicesAction(null, form({ id: c, assignee: "none" }))).toEqual({ ok: true, message: "1 device unassigned." });
    const last = await getDb().auditLog.findFirstOrThrow({ where: { targetId: c }, orderBy: { at: "desc" } });
    expect(last).toMatchObject({ action: "device.unassign", actorId: people.analyst.id, before: { assignee: people.admin.email }, after: { assignee: null } });
  });

  it.each([
    ["a viewer as assignee", () => ({ id: ids[0], assignee: people.viewer.id }), "assignee"],
    ["a disabled user as assignee", () => ({ id: ids[0], assignee: people.disabled.id }), "assignee"],
    ["an unknown user", () => ({ id: ids[0], assignee: "no-such-user" }), "assignee"],
    ["no assignee", () => ({ id: ids[0] }), "assignee"],
    ["no device", () => ({ assignee: "me" }), "id"],
    ["501 devices", () => ({ id: Array.from({ length: 501 }, () => ids[0]), assignee: "me" }), "id"],
  ])("refuses %s, with the field named, and writes nothing", async (_label, fields, field) => {
    as("admin");
    const before = { audit: await auditCount(), assigned: await getDb().device.count({ where: { assigneeId: { not: null } } }) };
    const result = await assignDevicesAction(null, form(fields()));
    expect(result.ok).toBe(false);
    expect(Object.keys(result.fieldErrors ?? {})).toContain(field);
    expect({ audit: await auditCount(), assigned: await getDb().device.count({ where: { assigneeId: { not: null } } }) }).toEqual(before);
  });

  it("refuses an unknown device among known ones, and assigns none of them", async () => {
    as("admin");
    const before = await auditCount();
    expect(await assignDevicesAction(null, form({ id: [ids[2], "no-such-device"], assignee: "me" }))).toMatchObject({ ok: false, message: "No such device." });
    expect(await auditCount()).toBe(before);
    expect((await getDb().device.findUniqueOrThrow({ where: { id: ids[2] } })).assigneeId).not.toBe(people.admin.id);
  });

  it("a viewer may not assign, even by calling the action directly", async () => {
    as("viewer");
    const before = await auditCount();
    expect(await assignDevicesAction(null, form({ id: ids[0], assignee: "me" }))).toEqual({ ok: false, message: "Your role does not allow this.", fieldErrors: {} });
    expect(await auditCount()).toBe(before);
  });
});

describe("editing a device's location and owner", () => {
  it("an engineer records where a device is and who owns it; the audit keeps before and after", async () => {
    as("engineer");
    const id = ids[3];
    expect(await editDeviceAction(null, form({ id, location: "  ICU bed 12 ", department: "Intensive care", owner: "Biomed team" }))).toEqual({ ok: true, message: "Location and owner saved." });
    expect(await getDb().device.findUniqueOrThrow({ where: { id }, select: { location: true, department: true, owner: true } })).toEqual({ location: "ICU bed 12", department: "Intensive care", owner: "Biomed team" });
    expect(await editDeviceAction(null, form({ id, location: "ICU bed 14", department: "Intensive care", owner: "" }))).toMatchObject({ ok: true });
    const last = await getDb().auditLog.findFirstOrThrow({ where: { targetId: id, action: "device.edit" }, orderBy: { at: "desc" } });
    expect(last).toMatchObject({ actorId: people.engineer.id, before: { location: "ICU bed 12", owner: "Biomed team" }, after: { location: "ICU bed 14", owner: null } });
    // The same values again: nothing to record.
    const before = await auditCount();
    expect((await editDeviceAction(null, form({ id, location: "ICU bed 14", department: "Intensive care", owner: "" }))).message).toBe("Nothing changed.");
    expect(await auditCount()).toBe(before);
  });

  it("refuses a field over 120 characters, naming it, and an unknown device; nothing written", async () => {
    as("admin");
    const before = await auditCount();
    const long = await editDeviceAction(null, form({ id: ids[4], location: "x".repeat(121), owner: "Biomed" }));
    expect(long).toMatchObject({ ok: false, fieldErrors: { location: "The location has at most 120 characters." } });
    expect(await editDeviceAction(null, form({ id: "no-such-device", location: "ICU" }))).toMatchObject({ ok: false, message: "No such device." });
    expect(await auditCount()).toBe(before);
    expect((await getDb().device.findUniqueOrThrow({ where: { id: ids[4] } })).owner).toBeNull();
  });

  it("an analyst or a viewer may not edit a device", async () => {
    for (const who of ["analyst", "viewer"] as const) {
      as(who);
      expect(await editDeviceAction(null, form({ id: ids[5], location: "Lab" }))).toMatchObject({ ok: false, message: "Your role does not allow this." });
    }
    expect((await getDb().device.findUniqueOrThrow({ where: { id: ids[5] } })).location).toBeNull();
  });
});
