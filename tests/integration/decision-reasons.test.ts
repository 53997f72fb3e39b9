// The reason rule of device decisions (issue 20, safe triage): block and retire need a reason,
// and so does approving a device suspected of spoofing; approving a trusted device may go
// without. A refused decision changes nothing: no status, no audit row, no alert. Checked on the
// command, on the work queue's server action and on the JSON API, which all go through it.
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { decideDevices } from "@/lib/commands/device-decisions";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { bulkDecisionAction } = await import("@/app/(dashboard)/unauthorized/actions");
const { POST } = await import("@/app/api/devices/[id]/decision/route");

const person = { system: "test-biomed" };
let next = 0;

/** A fresh pending pump; `spoofed` makes it a spoof suspect with an open spoof alert. */
async function newDevice(spoofed: boolean) {
  const n = 7100 + next++;
  const agent = await enrol();
  expect((await postReport(agent.token, report([pump(n)]))).status).toBe(202);
  const device = await getDb().device.findFirstOrThrow({ where: { claimedHostname: `INFUSION-4N-${n}` } });
  if (spoofed) {
    await getDb().device.update({ where: { id: device.id }, data: { spoofSuspected: true } });
    await getDb().alert.create({ data: { kind: "spoof", severity: "critical", title: `Possible spoof: pump ${n} — MAC on two ports`, deviceId: device.id, openKey: `spoof:${device.id}`, detail: { findings: [{ rule: "macOnTwoPorts", severity: "critical", summary: "MAC on two ports", evidence: {} }] } } });
  }
  return getDb().device.findUniqueOrThrow({ where: { id: device.id } });
}

/** What a refused decision must leave exactly as it was. */
async function trace(id: string) {
  const d = await getDb().device.findUniqueOrThrow({ where: { id }, select: { status: true, statusRule: true, spoofSuspected: true, spoofDismissal: true } });
  return { ...d, audits: await getDb().auditLog.count({ where: { targetId: id } }), alerts: await getDb().alert.count({ where: { deviceId: id } }) };
}

const cases = [
  { decision: "approve", spoofed: false, required: false },
  { decision: "approve", spoofed: true, required: true },
  { decision: "block", spoofed: false, required: true },
  { decision: "block", spoofed: true, required: true },
  { decision: "retire", spoofed: false, required: true },
  { decision: "retire", spoofed: true, required: true },
] as const;

describe("the reason rule of decisions", () => {
  it.each(cases)("$decision, spoofed $spoofed: without a reason → refused: $required", async ({ decision, spoofed, required }) => {
    const device = await newDevice(spoofed);
    const before = await trace(device.id);
    for (const reason of [undefined, "", "   "]) {
      const attempt = decideDevices(getDb(), [device.id], { decision, reason, acknowledgeSpoof: spoofed }, person);
      if (!required) {
        await expect(attempt).resolves.toMatchObject({ updated: 1, status: "authorized" });
        return;
      }
      await expect(attempt).rejects.toMatchObject({ status: 400, code: "reason_required", issues: [{ path: "reason", message: expect.any(String) }] });
      expect(await trace(device.id)).toEqual(before);
    }
    // With a reason it goes through, and the reason is kept.
    await expect(decideDevices(getDb(), [device.id], { decision, reason: "checked at the ward", acknowledgeSpoof: spoofed }, person)).resolves.toMatchObject({ updated: 1 });
    const after = await getDb().device.findUniqueOrThrow({ where: { id: device.id } });
    expect(after).toMatchObject({ statusRule: `user:${decision}`, statusReason: "checked at the ward" });
    expect((await getDb().auditLog.findFirstOrThrow({ where: { targetId: device.id, action: `device.${decision}` } })).after).toMatchObject({ reason: "checked at the ward" });
  });

  it("a bulk approval with one suspect among trusted devices needs the reason for all, and changes none without it", async () => {
    const trusted = await newDevice(false);
    const suspect = await newDevice(true);
    const before = [await trace(trusted.id), await trace(suspect.id)];
    await expect(decideDevices(getDb(), [trusted.id, suspect.id], { decision: "approve", acknowledgeSpoof: true }, person)).rejects.toMatchObject({ code: "reason_required" });
    expect([await trace(trusted.id), await trace(suspect.id)]).toEqual(before);
  });

  it("the work queue's action shows the server's message on the reason field; the JSON API answers 400", async () => {
    const engineer = await makeUser("engineer");
    session.current = { user: { id: engineer.id, email: engineer.email, role: "engineer" } };
    const device = await newDevice(false);
    const before = await trace(device.id);
    const form = new FormData();
    form.append("id", device.id);
    form.append("decision", "block");
    form.append("reason", "");
    expect(await bulkDecisionAction(null, form)).toEqual({ ok: false, message: expect.stringMatching(/reason/), fieldErrors: { reason: "A reason is required." } });

    const origin = "http://localhost:3000";
    const res = await POST(new Request(`${origin}/api/devices/${device.id}/decision`, { method: "POST", headers: { host: "localhost:3000", origin, "content-type": "application/json" }, body: JSON.stringify({ decision: "retire" }) }), { params: Promise.resolve({ id: device.id }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "reason_required", issues: [{ path: "reason" }] } });
    expect(await trace(device.id)).toEqual(before);
  });
});
