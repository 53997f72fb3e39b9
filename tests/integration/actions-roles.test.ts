// Server actions refuse on the server what a role may not do, whatever the UI shows.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { enrolAgentAction, revokeAgentAction } = await import("@/app/(dashboard)/agents/actions");
const { decideDeviceAction } = await import("@/app/(dashboard)/devices/[id]/actions");
const { createUserAction, unlockUserAction } = await import("@/app/(dashboard)/settings/users/actions");
const { checkSignIn, signInHolds } = await import("@/lib/auth/signin");

async function as(role: "admin" | "analyst" | "engineer" | "viewer") {
  const user = await makeUser(role);
  session.current = { user: { id: user.id, email: user.email, role } };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe("server actions check roles on the server", () => {
  beforeEach(() => {
    session.current = null;
  });

  it("agents: only an administrator enrols or revokes", async () => {
    for (const role of ["analyst", "engineer", "viewer"] as const) {
      await as(role);
      expect(await enrolAgentAction(null, form({ name: `sneaky-${role}` }))).toMatchObject({ ok: false, message: "Your role does not allow this." });
      expect(await getDb().agent.count({ where: { name: `sneaky-${role}` } })).toBe(0);
    }
    const agent = await enrol();
    await as("viewer");
    expect((await revokeAgentAction(null, form({ id: agent.id }))).ok).toBe(false);
    expect((await getDb().agent.findUniqueOrThrow({ where: { id: agent.id } })).revokedAt).toBeNull();
    await as("admin");
    const enrolled = await enrolAgentAction(null, form({ name: "sensor-by-admin", site: "Main Campus" }));
    expect(enrolled).toMatchObject({ ok: true, name: "sensor-by-admin" });
    expect(enrolled.token).toMatch(/^iomt_/);
  });

  it("devices: a viewer cannot decide, an engineer can", async () => {
    const agent = await enrol();
    await postReport(agent.token, report([pump(8001)]));
    const device = await getDb().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-8001" } });
    await as("viewer");
    expect((await decideDeviceAction(null, form({ id: device.id, decision: "block", reason: "unknown to biomed" }))).ok).toBe(false);
    expect((await getDb().device.findUniqueOrThrow({ where: { id: device.id } })).status).toBe("pending");
    await as("engineer");
    expect(await decideDeviceAction(null, form({ id: device.id, decision: "block", reason: "unknown to biomed" }))).toMatchObject({ ok: true });
    expect((await getDb().device.findUniqueOrThrow({ where: { id: device.id } })).status).toBe("unauthorized");
  });

  it("users: nobody but an administrator creates users", async () => {
    await as("analyst");
    expect((await createUserAction(null, form({ email: "x@test.local", role: "admin", password: "a-long-enough-password" }))).ok).toBe(false);
    expect(await getDb().user.count({ where: { email: "x@test.local" } })).toBe(0);
    session.current = null;
    expect(await createUserAction(null, form({ email: "y@test.local", role: "admin", password: "a-long-enough-password" }))).toMatchObject({ ok: false, message: "Sign in first." });
  });

  it("sign-in locks: only an administrator unlocks an account, and it is audited", async () => {
    const locked = await makeUser("engineer");
    // Six wrong passwords from one address over the last ten minutes: that address is locked out.
    for (let i = 0; i < 6; i++) await checkSignIn(getDb(), locked.email, "wrong-password", "192.0.2.1", new Date(Date.now() - 600_000 + i * 31_000));
    expect((await signInHolds(getDb())).get(locked.email)).toMatchObject({ kind: "locked", addresses: 1 });
    for (const role of ["analyst", "engineer", "viewer"] as const) {
      await as(role);
      expect(await unlockUserAction(null, form({ id: locked.id }))).toMatchObject({ ok: false, message: "Your role does not allow this." });
    }
    expect((await signInHolds(getDb())).has(locked.email)).toBe(true);
    await as("admin");
    expect(await unlockUserAction(null, form({ id: locked.id }))).toMatchObject({ ok: true, message: `Unlocked sign-in for ${locked.email}.` });
    expect((await signInHolds(getDb())).has(locked.email)).toBe(false);
    expect(await getDb().auditLog.count({ where: { action: "user.unlock", targetId: locked.id, actorId: session.current!.user.id } })).toBe(1);
  });
});
