// Issue 20, item 3: policies that act now. Saving a policy re-evaluates the devices it covers
// from what is stored (no new report), raising and closing "unauthorized" alerts as ingestion
// would; a dry run before saving gives exactly the numbers applying then gives. Also fingerprint
// ids in one form everywhere: the policy form shows every listed fingerprint as the 16-character
// id a device page shows, and saving that form back keeps the full hash.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { rulesAsFormText } from "@/components/settings/policy-words";
import { createPolicy, deletePolicy, previewPolicy, setPolicyEnabled, updatePolicy } from "@/lib/commands/policy-editing";
import { getDb } from "@/lib/db/client";
import { fingerprintAttributes, fingerprintHash } from "@/lib/domain/identity/fingerprint";
import { REEVALUATION_BATCH, runPolicyReevaluations } from "@/lib/jobs/policy-reevaluation";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const { previewPolicyAction } = await import("@/app/(dashboard)/settings/policies/actions");

const HASH = "ab12cd34ef56ab78" + "0".repeat(48);
const BOUND = "77aa88bb99cc00dd" + "1".repeat(48);

describe("fingerprint ids in the policy form", () => {
  it("shows 16-character ids and saves them back as the full hashes the policy lists", async () => {
    const db = getDb();
    const baseline = await db.policy.create({ data: { name: "Pinned pumps", kind: "baseline", rules: { fingerprints: [HASH] } } });
    const allow = await db.policy.create({ data: { name: "Exact keyboard", kind: "usb_allow", rules: { entries: [{ vendorId: "046d", productId: "c31c", fingerprint: BOUND }] } } });

    const shown = rulesAsFormText((await db.policy.findUniqueOrThrow({ where: { id: baseline.id } })).rules);
    expect(shown.fingerprints).toBe(HASH.slice(0, 16));
    const line = rulesAsFormText(allow.rules).entries;
    expect(line).toBe(`046d:c31c fingerprint=${BOUND.slice(0, 16)}`);

    // No Fingerprint row holds either hash: only the policy's own list can resolve the short ids.
    expect(await db.fingerprint.count()).toBe(0);
    await updatePolicy(db, baseline.id, { kind: "baseline", name: "Pinned pumps", rules: { fingerprints: [shown.fingerprints] } }, { system: "test" });
    expect((await db.policy.findUniqueOrThrow({ where: { id: baseline.id } })).rules).toEqual({ fingerprints: [HASH] });
    await updatePolicy(db, allow.id, { kind: "usb_allow", name: "Exact keyboard", rules: { entries: [{ vendorId: "046d", productId: "c31c", fingerprint: BOUND.slice(0, 16) }] } }, { system: "test" });
    expect((await db.policy.findUniqueOrThrow({ where: { id: allow.id } })).rules).toMatchObject({ entries: [{ vendorId: "046d", productId: "c31c", fingerprint: BOUND }] });
  });

  it("still refuses a short id that names neither a listed nor a stored fingerprint, and changes nothing", async () => {
    const db = getDb();
    const policy = await db.policy.create({ data: { name: "Other pumps", kind: "baseline", rules: { fingerprints: [HASH] } } });
    await expect(updatePolicy(db, policy.id, { kind: "baseline", name: "Other pumps", rules: { fingerprints: ["0000000000000000"] } }, { system: "test" })).rejects.toMatchObject({ code: "invalid_policy" });
    expect((await db.policy.findUniqueOrThrow({ where: { id: policy.id } })).rules).toEqual({ fingerprints: [HASH] });
  });
});

const SYSTEM = { system: "test" };
const statusOf = async (hostname: string) => (await getDb().device.findFirstOrThrow({ where: { claimedHostname: hostname } })).status;
const openUnauthorized = () => getDb().alert.count({ where: { kind: "unauthorized", status: { not: "resolved" } } });

async function siteWithPumps(name: string, numbers: number[]) {
  const { token } = await enrol(`host-${name.toLowerCase().replace(/\W+/g, "-")}`, name);
  await postReport(token, report(numbers.map((n) => pump(n))));
  const site = await getDb().site.findUniqueOrThrow({ where: { name } });
  return { token, siteId: site.id };
}

describe("a saved policy acts at once", () => {
  // The fingerprint tests above leave baselines of every site, and their queued re-evaluations,
  // behind (a queued job applies the policies of the moment to every device it covers, so it
  // would do the next test's work): each test here starts bare.
  beforeEach(async () => {
    await getDb().policy.deleteMany();
    await getDb().policyEvaluation.deleteMany();
  });

  it("re-evaluates the devices it covers without a new report, and the preview's numbers are what applying gives", async () => {
    const db = getDb();
    const { siteId } = await siteWithPumps("Reeval Campus", [9101, 9102, 9103]);
    const other = await siteWithPumps("Reeval Elsewhere", [9201]);
    const input = { kind: "baseline", name: "Only ventilators", siteId, rules: { categories: ["ventilator"] } };

    const preview = await previewPolicy(db, null, input);
    expect(preview).toMatchObject({ devices: 3, unauthorized: 3, pending: 0, authorized: 0 });
    expect(preview.names.unauthorized).toHaveLength(3);
    expect(await db.policy.count()).toBe(0);
    expect(await statusOf("INFUSION-4N-9101")).toBe("pending");

    const policy = await createPolicy(db, input, SYSTEM);
    const job = await db.policyEvaluation.findFirstOrThrow({ where: { policyId: policy.id } });
    expect(job).toMatchObject({ status: "queued", total: 3, done: 0, change: "create" });
    await runPolicyReevaluations(db);
    expect(await db.policyEvaluation.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", done: 3, unauthorized: preview.unauthorized, returned: 0, leaseHolder: null });
    for (const n of [9101, 9102, 9103]) expect(await statusOf(`INFUSION-4N-${n}`)).toBe("unauthorized");
    // The other site is not covered: its pump stays as it was.
    expect(await statusOf("INFUSION-4N-9201")).toBe("pending");
    expect(other.siteId).not.toBe(siteId);
    const alert = await db.alert.findFirstOrThrow({ where: { kind: "unauthorized", device: { claimedHostname: "INFUSION-4N-9101" } } });
    expect(alert).toMatchObject({ status: "open", severity: "high", title: "Unauthorized: INFUSION-4N-9101" });
    expect(await openUnauthorized()).toBe(3);

    // Widened to pumps: the preview says three return to pending, and applying does exactly that.
    const widened = { ...input, rules: { categories: ["ventilator", "infusion_pump"] } };
    const back = await previewPolicy(db, policy.id, widened);
    expect(back).toMatchObject({ unauthorized: 0, pending: 3 });
    await updatePolicy(db, policy.id, widened, SYSTEM);
    await runPolicyReevaluations(db);
    for (const n of [9101, 9102, 9103]) expect(await statusOf(`INFUSION-4N-${n}`)).toBe("pending");
    expect(await openUnauthorized()).toBe(0);
    const closed = await db.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(closed).toMatchObject({ status: "resolved", resolvedById: null, openKey: null });
    expect(closed.resolvedReason).toBe("policy changed: no policy is broken any more");
    expect(await db.policyEvaluation.findFirstOrThrow({ where: { policyId: policy.id, change: "update" } })).toMatchObject({ status: "done", returned: back.pending });
  });

  it("disabling, enabling and deleting act at once too; a person's decision stands", async () => {
    const db = getDb();
    const { siteId } = await siteWithPumps("Toggle Campus", [9301, 9302]);
    const policy = await createPolicy(db, { kind: "baseline", name: "No pumps here", siteId, rules: { categories: ["ventilator"] } }, SYSTEM);
    await runPolicyReevaluations(db);
    const approved = await db.device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-9302" } });
    await db.device.update({ where: { id: approved.id }, data: { status: "authorized", statusRule: "user:approve" } });

    await setPolicyEnabled(db, policy.id, false, SYSTEM);
    await runPolicyReevaluations(db);
    expect(await statusOf("INFUSION-4N-9301")).toBe("pending");
    expect(await statusOf("INFUSION-4N-9302")).toBe("authorized");
    await setPolicyEnabled(db, policy.id, true, SYSTEM);
    await runPolicyReevaluations(db);
    expect(await statusOf("INFUSION-4N-9301")).toBe("unauthorized");
    expect(await statusOf("INFUSION-4N-9302")).toBe("authorized");
    // The condition came back: a new alert, not the resolved one reopened.
    expect(await db.alert.count({ where: { kind: "unauthorized", device: { claimedHostname: "INFUSION-4N-9301" } } })).toBe(2);
    await deletePolicy(db, policy.id, SYSTEM);
    await runPolicyReevaluations(db);
    expect(await statusOf("INFUSION-4N-9301")).toBe("pending");
    expect(await db.policyEvaluation.count({ where: { policyId: policy.id, status: "done" } })).toBe(4);
  });

  it("a quick edit-edit-edit runs one pass: each newer change supersedes the unfinished one, which stops", async () => {
    const db = getDb();
    const { siteId } = await siteWithPumps("Edit Campus", [9501, 9502]);
    const moved = await siteWithPumps("Edit Annex", [9511]);
    const input = { kind: "baseline", name: "Edited thrice", siteId, rules: { categories: ["ventilator"] } };
    const policy = await createPolicy(db, input, SYSTEM);
    const first = await db.policyEvaluation.findFirstOrThrow({ where: { policyId: policy.id } });
    // The first job has started: a batch of it ran, the lease still held.
    await db.policyEvaluation.update({ where: { id: first.id }, data: { status: "running", leaseHolder: "worker", leaseUntil: new Date(Date.now() + 60_000) } });
    await updatePolicy(db, policy.id, { ...input, rules: { categories: ["ventilator", "monitor"] } }, SYSTEM);
    // Moved to the annex: the last job covers both sites, the campus's pumps return to pending.
    await updatePolicy(db, policy.id, { ...input, siteId: moved.siteId, rules: { categories: ["ventilator"] } }, SYSTEM);
    const jobs = await db.policyEvaluation.findMany({ where: { policyId: policy.id }, orderBy: { createdAt: "asc" } });
    expect(jobs.map((j) => j.status)).toEqual(["superseded", "superseded", "queued"]);
    expect(jobs[0]).toMatchObject({ leaseHolder: null, leaseUntil: null });
    expect(jobs[0].finishedAt).not.toBeNull();
    expect(jobs[2].total).toBe(3);

    expect(await runPolicyReevaluations(db, "worker")).toBe(0);
    const after = await db.policyEvaluation.findMany({ where: { policyId: policy.id }, orderBy: { createdAt: "asc" } });
    expect(after.map((j) => [j.status, j.done])).toEqual([["superseded", 0], ["superseded", 0], ["done", 3]]);
    expect(after[2].unauthorized).toBe(1);
    expect(await statusOf("INFUSION-4N-9511")).toBe("unauthorized");
    for (const n of [9501, 9502]) expect(await statusOf(`INFUSION-4N-${n}`)).toBe("pending");
    // Another policy's job is not superseded by this one's.
    const other = await createPolicy(db, { ...input, name: "Another", siteId }, SYSTEM);
    await updatePolicy(db, policy.id, { ...input, siteId: moved.siteId, rules: { categories: ["ventilator", "monitor"] } }, SYSTEM);
    expect((await db.policyEvaluation.findFirstOrThrow({ where: { policyId: other.id } })).status).toBe("queued");
  });

  it("gives a USB device the same verdict a report would, from its stored fingerprint", async () => {
    const db = getDb();
    const { token } = await enrol("host-reeval-usb", "Reeval USB Campus");
    const siteId = (await db.site.findUniqueOrThrow({ where: { name: "Reeval USB Campus" } })).id;
    const keyboard = (serial: string, interfaces: object[]) => ({
      observedAt: new Date().toISOString(), channel: "usb",
      claimed: { usb: { vendorId: "046d", productId: "c31c", manufacturer: "Logitech", product: "USB Keyboard", serial } },
      physical: { usb: { port: "1-4", speed: "full", bcdUSB: "2.00", deviceClass: 0, maxPowerMa: 100, interfaces } },
    });
    const real = keyboard("K-1", [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }]);
    const forged = keyboard("K-1", [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }]);
    await postReport(token, report([real]));
    await postReport(token, report([{ ...forged, physical: { usb: { ...forged.physical.usb, port: "1-5" } }, claimed: { usb: { ...forged.claimed.usb, serial: "K-2" } } }]));
    const fingerprint = fingerprintHash(fingerprintAttributes(real.physical));
    const entries = [{ vendorId: "046d", productId: "c31c", interfaces: "03.01.01.01", fingerprint }];
    const preview = await previewPolicy(db, null, { kind: "usb_allow", name: "Exact keyboards", siteId, rules: { entries } });
    expect(preview).toMatchObject({ devices: 2, authorized: 1, unauthorized: 1 });
    await createPolicy(db, { kind: "usb_allow", name: "Exact keyboards", siteId, rules: { entries } }, SYSTEM);
    await runPolicyReevaluations(db);
    const k1 = await db.device.findFirstOrThrow({ where: { usbSerial: "K-1" } });
    const k2 = await db.device.findFirstOrThrow({ where: { usbSerial: "K-2" } });
    expect(k1).toMatchObject({ status: "authorized", statusRule: "usb.allow_list" });
    expect(k2).toMatchObject({ status: "unauthorized", statusRule: "usb.allow_list" });
    // A report now changes nothing more: the stored verdict is the one ingestion gives.
    const before = { k1: k1.statusChangedAt, k2: k2.statusChangedAt };
    await postReport(token, report([real]));
    expect((await db.device.findUniqueOrThrow({ where: { id: k1.id } })).statusChangedAt).toEqual(before.k1);
    expect((await db.device.findUniqueOrThrow({ where: { id: k2.id } })).statusChangedAt).toEqual(before.k2);
  });

  it("works in batches, resumes after a crash, and leaves a job another live instance holds alone", async () => {
    const db = getDb();
    const count = REEVALUATION_BATCH + 20;
    const { siteId } = await siteWithPumps("Batch Campus", Array.from({ length: count }, (_, i) => 20_000 + i));
    const policy = await createPolicy(db, { kind: "baseline", name: "Batch rule", siteId, rules: { categories: ["ventilator"] } }, SYSTEM);
    const job = await db.policyEvaluation.findFirstOrThrow({ where: { policyId: policy.id } });
    // Another instance holds the lease: this one does nothing.
    await db.policyEvaluation.update({ where: { id: job.id }, data: { status: "running", leaseHolder: "other", leaseUntil: new Date(Date.now() + 60_000) } });
    expect(await runPolicyReevaluations(db, "me")).toBe(0);
    expect((await db.policyEvaluation.findUniqueOrThrow({ where: { id: job.id } })).done).toBe(0);
    // It crashed after one batch (cursor moved with it) and its lease ran out: this one continues from there.
    const first = await db.device.findMany({ where: { siteId }, orderBy: { id: "asc" }, take: REEVALUATION_BATCH, select: { id: true } });
    await db.policyEvaluation.update({ where: { id: job.id }, data: { cursor: first.at(-1)!.id, done: REEVALUATION_BATCH, leaseUntil: new Date(Date.now() - 1000) } });
    await runPolicyReevaluations(db, "me");
    expect(await db.policyEvaluation.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", done: count, total: count, unauthorized: 20 });
    expect(await db.device.count({ where: { siteId, status: "unauthorized" } })).toBe(20);
  }, 120_000);

  it("previews through the policy form's own action, in words, and refuses a bad form beside its field, writing nothing", async () => {
    const db = getDb();
    const { siteId } = await siteWithPumps("Words Campus", [9401, 9402]);
    const analyst = await makeUser("analyst");
    session.current = { user: { id: analyst.id, email: analyst.email, role: "analyst" } };
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.append(k, v);
      return data;
    };
    const before = { policies: await db.policy.count(), audit: await db.auditLog.count(), jobs: await db.policyEvaluation.count() };
    const said = await previewPolicyAction(null, form({ kind: "baseline", name: "Ventilators", scope: `site:${siteId}`, categories: "ventilator" }));
    expect(said.ok).toBe(true);
    expect(said.message).toMatch(/^This will mark 2 devices unauthorized: INFUSION-4N-940[12], INFUSION-4N-940[12]; return 0 to pending/);
    const refused = await previewPolicyAction(null, form({ kind: "baseline", name: "Ventilators", scope: `site:${siteId}`, fingerprints: "0000000000000000" }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { fingerprints: expect.stringContaining("no device's physical fingerprint") } });
    expect({ policies: await db.policy.count(), audit: await db.auditLog.count(), jobs: await db.policyEvaluation.count() }).toEqual(before);
    expect(await statusOf("INFUSION-4N-9401")).toBe("pending");
    session.current = null;
  });
});
