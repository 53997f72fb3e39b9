// Hostile input through the UI's server actions, as an administrator (who may call them all):
// every field of every action gets huge, control-character, broken-Unicode, prototype and
// numeric-edge values. The answer is always a handled result (never the generic server error),
// a refused action writes nothing, and the application still works afterwards.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser, testSession as session } from "./helpers";

vi.mock("next-auth", async (original) => (await import("./helpers")).withTestSession(await original<object>()));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// The request each action reads its Origin from: same-origin, except where a test takes it away.
const request = vi.hoisted(() => ({ headers: { host: "localhost:3000", origin: "http://localhost:3000" } as Record<string, string> }));
vi.mock("next/headers", async (original) => ({ ...(await original<typeof import("next/headers")>()), headers: async () => new Headers(request.headers) }));

const agents = await import("@/app/(dashboard)/agents/actions");
const users = await import("@/app/(dashboard)/settings/users/actions");
const queue = await import("@/app/(dashboard)/unauthorized/actions");
const device = await import("@/app/(dashboard)/devices/[id]/actions");

type Action = (previous: null, form: FormData) => Promise<{ ok: boolean; message?: string }>;
let ids = { device: "", user: "", agent: "" };

// Each action with a valid form; the hostile cases replace one field at a time.
const ACTIONS: [string, Action, () => Record<string, string>][] = [
  ["enrolAgentAction", agents.enrolAgentAction as Action, () => ({ name: `sensor-${Date.now()}`, site: "Main" })],
  ["setAgentLaneAction", agents.setAgentLaneAction as Action, () => ({ id: ids.agent, site: "Main", segments: "ICU-VLAN-20" })],
  ["revokeAgentAction", agents.revokeAgentAction as Action, () => ({ id: ids.agent })],
  ["createUserAction", users.createUserAction as Action, () => ({ email: `u${Date.now()}@test.local`, role: "viewer", password: "a-long-enough-password" })],
  ["updateUserAction", users.updateUserAction as Action, () => ({ id: ids.user, role: "viewer" })],
  ["unlockUserAction", users.unlockUserAction as Action, () => ({ id: ids.user })],
  // Unknown user ids: each hostile value is refused first; real resets and sign-outs are in sessions.test.ts.
  ["resetPasswordAction", users.resetPasswordAction as Action, () => ({ id: "a-user-id" })],
  ["signOutUserEverywhereAction", users.signOutUserEverywhereAction as Action, () => ({ id: "a-user-id" })],
  ["resetSecondFactorAction", users.resetSecondFactorAction as Action, () => ({ id: "a-user-id" })],
  // The admin's own password; the sign-out actions of the account page read no field (role-walk.test.ts refuses them from other origins).
  ["changePasswordAction", (await import("@/app/(dashboard)/account/actions")).changePasswordAction as Action, () => ({ currentPassword: "integration-test-password", newPassword: "orbit lantern violet cactus", confirmPassword: "orbit lantern violet cactus" })],
  ["addSsoMappingAction", (await import("@/app/(dashboard)/settings/sso/actions")).addSsoMappingAction as Action, () => ({ group: `group-${Date.now()}-${Math.random()}`, role: "viewer" })],
  // Unknown mapping ids: each hostile value is refused first; real mappings are removed in sso.test.ts.
  ["removeSsoMappingAction", (await import("@/app/(dashboard)/settings/sso/actions")).removeSsoMappingAction as Action, () => ({ id: "a-mapping-id" })],
  ["bulkDecisionAction", queue.bulkDecisionAction as Action, () => ({ ids: ids.device, decision: "approve", reason: "checked" })],
  ["decideDeviceAction", device.decideDeviceAction as Action, () => ({ id: ids.device, decision: "approve", reason: "checked" })],
  ["editClinicalContextAction", device.editClinicalContextAction as Action, () => ({ id: ids.device, criticality: "therapy_delivery", phi: "transmits", compensatingControls: "0.1" })],
  ["acceptRiskAction", device.acceptRiskAction as Action, () => ({ id: ids.device, reason: "Vendor patch planned", owner: "Biomed", expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) })],
  ["revokeAcceptanceAction", device.revokeAcceptanceAction as Action, () => ({ id: ids.device })],
  ["createApiKeyAction", (await import("@/app/(dashboard)/settings/api-keys/actions")).createApiKeyAction as Action, () => ({ name: `SIEM ${Date.now()}` })],
  // Its one field is replaced by every hostile case; revoking real keys is walked in integration-api.test.ts.
  ["revokeApiKeyAction", (await import("@/app/(dashboard)/settings/api-keys/actions")).revokeApiKeyAction as Action, () => ({ id: "an-api-key-id" })],
  // Unknown ids: each hostile value is refused before anything is read or written; handling real alerts is in alerts-view.test.ts.
  ["acknowledgeAlertsAction", (await import("@/app/(dashboard)/alerts/actions")).acknowledgeAlertsAction as Action, () => ({ id: "an-alert-id" })],
  ["resolveAlertsAction", (await import("@/app/(dashboard)/alerts/actions")).resolveAlertsAction as Action, () => ({ id: "an-alert-id", note: "handled" })],
  ["assignDevicesAction", queue.assignDevicesAction as Action, () => ({ id: ids.device, assignee: "me" })],
  // A CVE the device has no possible match of: each hostile value is refused first; real decisions are in match-decisions.test.ts.
  ["decideMatchAction", (await import("@/app/(dashboard)/review/actions")).decideMatchAction as Action, () => ({ deviceId: ids.device, cve: "CVE-2099-0001", decision: "dismiss", note: "checked" })],
  ["undoMatchDecisionAction", (await import("@/app/(dashboard)/review/actions")).undoMatchDecisionAction as Action, () => ({ deviceId: ids.device, cve: "CVE-2099-0001" })],
  ["editDeviceAction", device.editDeviceAction as Action, () => ({ id: ids.device, location: `ICU bed ${Date.now() % 100}`, department: "Intensive care", owner: "Biomed" })],
  ["createPolicyAction", (await import("@/app/(dashboard)/settings/policies/actions")).createPolicyAction as Action, () => ({ kind: "usb_allow", name: `Keyboards ${Date.now()}`, scope: "", entries: "046d:c31c" })],
  // Unknown policy ids: each hostile value is refused first; real policies are edited in policies-ui.test.ts.
  ["updatePolicyAction", (await import("@/app/(dashboard)/settings/policies/actions")).updatePolicyAction as Action, () => ({ id: "a-policy-id", kind: "baseline", name: "ICU", categories: "ventilator" })],
  ["setPolicyEnabledAction", (await import("@/app/(dashboard)/settings/policies/actions")).setPolicyEnabledAction as Action, () => ({ id: "a-policy-id", enabled: "false" })],
  ["deletePolicyAction", (await import("@/app/(dashboard)/settings/policies/actions")).deletePolicyAction as Action, () => ({ id: "a-policy-id" })],
  // The admin's own second factor (off here): each hostile code or password is refused before anything is read or written;
  // startTwoFactorAction reads no field (role-walk.test.ts refuses it from other origins); enrolment is walked in two-factor.test.ts.
  ["confirmTwoFactorAction", (await import("@/app/(dashboard)/account/two-factor/actions")).confirmTwoFactorAction as Action, () => ({ code: "123456" })],
  ["regenerateRecoveryCodesAction", (await import("@/app/(dashboard)/account/two-factor/actions")).regenerateRecoveryCodesAction as Action, () => ({ code: "123456" })],
  ["disableTwoFactorAction", (await import("@/app/(dashboard)/account/two-factor/actions")).disableTwoFactorAction as Action, () => ({ code: "123456", password: "integration-test-password" })],
];

const HOSTILE: [string, string][] = [
  ["10 MB", "x".repeat(10 * 1024 * 1024)],
  ["NUL", "a\u0000b"],
  ["escape sequence", "\u001b[31mred\u001b[0m"],
  ["lone surrogate", "\ud800"],
  ["script", "<script>alert(1)</script>"],
  ["1e309", "1e309"],
  ["NaN", "NaN"],
  ["-0", "-0"],
  ["empty", ""],
  ["__proto__ JSON", '{"__proto__":{"admin":true}}'],
];

const form = (fields: Record<string, string>, extra: [string, string][] = []) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  for (const [k, v] of extra) data.append(k, v);
  return data;
};

async function counts() {
  const d = getDb();
  const [u, a, dev, audit, acc] = await Promise.all([d.user.count(), d.agent.count(), d.device.count({ where: { status: "authorized" } }), d.auditLog.count(), d.riskAcceptance.count()]);
  return { users: u, agents: a, authorized: dev, audit, acceptances: acc };
}

beforeAll(async () => {
  const admin = await makeUser("admin");
  session.current = { user: { id: admin.id, email: admin.email, role: "admin" } };
  const agent = await enrol();
  await postReport(agent.token, report([pump(71)]));
  ids = { device: (await getDb().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-071" } })).id, user: (await makeUser("viewer")).id, agent: (await enrol()).id };
});

describe.each(ACTIONS)("%s", (_name, action, valid) => {
  const fields = Object.keys(valid());
  it.each(fields.flatMap((field) => HOSTILE.map(([label, value]) => [field, label, value] as const)))("%s = %s → handled, nothing half-written", async (field, _label, value) => {
    const before = await counts();
    const result = await action(null, form({ ...valid(), [field]: value }));
    expect(result.message).not.toBe("Something went wrong on the server.");
    if (!result.ok) expect(await counts()).toEqual(before);
  }, 30_000);

  // Browsers send Origin with every POST: a request without it (or from elsewhere) is not our pages.
  it.each([["no Origin", {}], ["another site", { origin: "https://evil.example" }], ['"null"', { origin: "null" }], ["a look-alike host", { origin: "http://localhost:3000.evil.example" }]])("from %s: refused, nothing written", async (_label, origin) => {
    const before = await counts();
    request.headers = { host: "localhost:3000", ...origin };
    try {
      expect(await action(null, form(valid()))).toEqual({ ok: false, message: "This request must come from the dashboard itself." });
    } finally {
      request.headers = { host: "localhost:3000", origin: "http://localhost:3000" };
    }
    expect(await counts()).toEqual(before);
  });

  it("a field repeated 10 000 times and prototype-named fields are handled", async () => {
    const result = await action(null, form(valid(), [...Array.from({ length: 10_000 }, (): [string, string] => [fields[0], "x"]), ["__proto__", "x"], ["constructor", "y"]]));
    expect(result.message).not.toBe("Something went wrong on the server.");
  });
});

describe("afterwards", () => {
  it("the application still works", async () => {
    const agent = await enrol();
    expect((await postReport(agent.token, report([pump(72)]))).status).toBe(202);
    expect((await (agents.enrolAgentAction as Action)(null, form({ name: `after-${Date.now()}`, site: "Main" }))).ok).toBe(true);
  });
});
