// Settings → Policies through its real server actions: create (baseline and USB allow-list, with
// a scope), turn on and off, edit the rules, delete; bad rules refused against the form field
// that holds them with nothing written; and a created policy deciding a device at its next report.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { listPolicyRows } from "@/lib/queries/policies";
import { enrol, postReport, report } from "./agent-api";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createPolicyAction, updatePolicyAction, setPolicyEnabledAction, deletePolicyAction } = await import("@/app/(dashboard)/settings/policies/actions");

type User = { id: string; email: string; role: string };
const people = {} as Record<"admin" | "analyst" | "engineer" | "viewer", User>;
const as = (who: keyof typeof people) => (session.current = { user: people[who] });
let agent = { token: "", siteId: "" };

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) data.append(k, item);
  return data;
};
const written = async () => ({ policies: await getDb().policy.count(), audit: await getDb().auditLog.count() });
const byName = (name: string) => getDb().policy.findFirstOrThrow({ where: { name } });

function keyboard(serial: string, vendorId = "046d", productId = "c31c") {
  return {
    observedAt: new Date().toISOString(),
    channel: "usb",
    claimed: { usb: { vendorId, productId, manufacturer: "Logitech", product: "USB Keyboard", serial } },
    physical: { usb: { port: "1-1.2", speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }] } },
  };
}

beforeAll(async () => {
  for (const role of ["admin", "analyst", "engineer", "viewer"] as const) {
    const u = await makeUser(role);
    people[role] = { id: u.id, email: u.email, role };
  }
  const enrolled = await enrol("host-ws-policies", "Main campus");
  const site = await getDb().site.findUniqueOrThrow({ where: { name: "Main campus" } });
  agent = { token: enrolled.token, siteId: site.id };
});

describe("creating policies", () => {
  it("an analyst creates a USB allow-list for a site; the audit names them; the list shows it", async () => {
    as("analyst");
    const result = await createPolicyAction(null, form({ kind: "usb_allow", name: "Ward keyboards", scope: `site:${agent.siteId}`, entries: "046D:C31C\n0781:5581:AB12\n" }));
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('Policy "Ward keyboards" created') });
    const policy = await byName("Ward keyboards");
    expect(policy).toMatchObject({ kind: "usb_allow", siteId: agent.siteId, segmentId: null, enabled: true, rules: { entries: [{ vendorId: "046d", productId: "c31c" }, { vendorId: "0781", productId: "5581", serial: "AB12" }] } });
    const row = await getDb().auditLog.findFirstOrThrow({ where: { targetId: policy.id, action: "policy.create" } });
    expect(row.actorId).toBe(people.analyst.id);
    expect((await listPolicyRows()).find((p) => p.id === policy.id)?.site?.name).toBe("Main campus");
  });

  it("an administrator creates a baseline from ticked categories and a vendor list, for every site", async () => {
    as("admin");
    expect(await createPolicyAction(null, form({ kind: "baseline", name: "Clinical only", scope: "", categories: ["infusion_pump", "ventilator"], vendors: "Baxter, BD" }))).toMatchObject({ ok: true });
    expect(await byName("Clinical only")).toMatchObject({ siteId: null, segmentId: null, rules: { categories: ["infusion_pump", "ventilator"], vendors: ["Baxter", "BD"] } });
  });

  it.each([
    ["a baseline that lists nothing", { kind: "baseline", name: "Empty" }, "rules"],
    ["an allow-list line that is not vendor:product", { kind: "usb_allow", name: "Bad", entries: "046d:c31c\nkeyboard" }, "entries"],
    ["an allow-list with no entry", { kind: "usb_allow", name: "Bad", entries: "  \n" }, "entries"],
    ["a fingerprint that is not a hash", { kind: "baseline", name: "Bad", fingerprints: "abc" }, "fingerprints"],
    ["no name", { kind: "usb_allow", name: " ", entries: "046d:c31c" }, "name"],
    ["a name over 120 characters", { kind: "usb_allow", name: "n".repeat(121), entries: "046d:c31c" }, "name"],
    ["an unknown kind", { kind: "denylist", name: "Bad", entries: "046d:c31c" }, "kind"],
  ])("refuses %s, naming the field, and writes nothing", async (_label, fields, field) => {
    as("admin");
    const before = await written();
    const result = await createPolicyAction(null, form(fields));
    expect(result.ok).toBe(false);
    expect(result.message).toBe("The policy is not valid.");
    expect(Object.keys(result.fieldErrors ?? {})).toContain(field);
    expect(await written()).toEqual(before);
  });

  it("refuses a scope that does not exist, and writes nothing", async () => {
    as("admin");
    const before = await written();
    expect(await createPolicyAction(null, form({ kind: "usb_allow", name: "Nowhere", scope: "segment:no-such-segment", entries: "046d:c31c" }))).toMatchObject({ ok: false, message: "No such segment." });
    expect(await written()).toEqual(before);
  });

  it("engineers and viewers may not create a policy", async () => {
    const before = await written();
    for (const who of ["engineer", "viewer"] as const) {
      as(who);
      expect(await createPolicyAction(null, form({ kind: "usb_allow", name: "Sneaky", entries: "046d:c31c" }))).toEqual({ ok: false, message: "Your role does not allow this.", fieldErrors: {} });
    }
    expect(await written()).toEqual(before);
  });
});

describe("changing policies", () => {
  it("turns a policy off and on, each audited", async () => {
    as("analyst");
    const { id } = await byName("Clinical only");
    expect(await setPolicyEnabledAction(null, form({ id, enabled: "false" }))).toEqual({ ok: true, message: 'Policy "Clinical only" is now off.' });
    expect((await byName("Clinical only")).enabled).toBe(false);
    expect(await setPolicyEnabledAction(null, form({ id, enabled: "true" }))).toMatchObject({ ok: true });
    expect((await getDb().auditLog.findMany({ where: { targetId: id }, orderBy: { at: "asc" }, select: { action: true } })).map((r) => r.action)).toEqual(["policy.create", "policy.disable", "policy.enable"]);
    const before = await written();
    expect(await setPolicyEnabledAction(null, form({ id, enabled: "maybe" }))).toMatchObject({ ok: false, fieldErrors: { enabled: "Either true or false." } });
    expect(await written()).toEqual(before);
  });

  it("edits a baseline's rules and scope; the audit keeps before and after; the kind cannot change", async () => {
    as("admin");
    const { id } = await byName("Clinical only");
    expect(await updatePolicyAction(null, form({ id, kind: "baseline", name: "Clinical only", scope: `site:${agent.siteId}`, categories: ["infusion_pump"], vendors: "" }))).toMatchObject({ ok: true });
    expect(await byName("Clinical only")).toMatchObject({ siteId: agent.siteId, rules: { categories: ["infusion_pump"] } });
    const row = await getDb().auditLog.findFirstOrThrow({ where: { targetId: id, action: "policy.update" } });
    expect(row).toMatchObject({ actorId: people.admin.id, before: { siteId: null, rules: { vendors: ["Baxter", "BD"] } }, after: { siteId: agent.siteId, rules: { categories: ["infusion_pump"] } } });

    const before = await written();
    expect(await updatePolicyAction(null, form({ id, kind: "usb_allow", name: "Clinical only", entries: "046d:c31c" }))).toMatchObject({ ok: false, fieldErrors: { kind: "The kind cannot change." } });
    expect(await updatePolicyAction(null, form({ id, kind: "baseline", name: "Clinical only" }))).toMatchObject({ ok: false, fieldErrors: { rules: expect.any(String) } });
    expect(await updatePolicyAction(null, form({ id: "no-such-policy", kind: "baseline", name: "X", categories: "ventilator" }))).toMatchObject({ ok: false, message: "No such policy." });
    expect(await written()).toEqual(before);
    expect(await byName("Clinical only")).toMatchObject({ rules: { categories: ["infusion_pump"] } });
  });

  it("deletes a policy; the audit keeps what it said", async () => {
    as("admin");
    const { id } = await byName("Clinical only");
    expect(await deletePolicyAction(null, form({ id }))).toEqual({ ok: true, message: "Policy deleted." });
    expect(await getDb().policy.findUnique({ where: { id } })).toBeNull();
    expect(await getDb().auditLog.findFirstOrThrow({ where: { targetId: id, action: "policy.delete" } })).toMatchObject({ actorId: people.admin.id, before: { name: "Clinical only", kind: "baseline" } });
    expect(await deletePolicyAction(null, form({ id }))).toMatchObject({ ok: false, message: "No such policy." });
  });
});

describe("what a policy does to devices", () => {
  it("a keyboard on the allow-list is authorized at its report; one that is not is unauthorized, with the reason", async () => {
    expect((await postReport(agent.token, report([keyboard("KB-ALLOWED-1"), keyboard("KB-OTHER-1", "1234", "5678")]))).status).toBe(202);
    const devices = await getDb().device.findMany({ where: { usbSerial: { in: ["KB-ALLOWED-1", "KB-OTHER-1"] } }, select: { usbSerial: true, status: true, statusRule: true, statusReason: true } });
    const bySerial = Object.fromEntries(devices.map((d) => [d.usbSerial, d]));
    expect(bySerial["KB-ALLOWED-1"]).toMatchObject({ status: "authorized", statusRule: "usb.allow_list" });
    expect(bySerial["KB-OTHER-1"]).toMatchObject({ status: "unauthorized", statusRule: "usb.allow_list", statusReason: expect.stringContaining("Ward keyboards: USB 1234:5678") });
  });
});
