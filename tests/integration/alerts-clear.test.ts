// Alerts whose condition cleared close themselves, saying why, with no person named: a policy no
// longer broken (the device back to pending), a device seen again after "not seen", an agent
// reporting again after "offline". The condition coming back later is a new alert.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createPolicy, setPolicyEnabled } from "@/lib/commands/policy-editing";
import { checkSilence } from "@/lib/jobs/silence";
import { enrol, postReport, pump, report } from "./agent-api";

const alertOf = (deviceId: string, kind: string) => getDb().alert.findFirstOrThrow({ where: { deviceId, kind }, orderBy: { firstAt: "desc" } });

describe("alerts that close themselves", () => {
  it("an unauthorized alert closes when its policy no longer finds the device unauthorized, and opens anew when it does again", async () => {
    const { token } = await enrol("host-clear-policy", "Clear Campus");
    const site = await getDb().site.findUniqueOrThrow({ where: { name: "Clear Campus" } });
    const policy = await createPolicy(getDb(), { kind: "baseline", name: "Only ventilators", siteId: site.id, rules: { categories: ["ventilator"] } }, { system: "test" });
    await postReport(token, report([pump(8101)]));
    const device = await getDb().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-8101" } });
    expect(device.status).toBe("unauthorized");
    expect(await alertOf(device.id, "unauthorized")).toMatchObject({ status: "open", resolvedReason: null });

    await setPolicyEnabled(getDb(), policy.id, false, { system: "test" });
    await postReport(token, report([pump(8101)]));
    expect(await getDb().device.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ status: "pending" });
    const closed = await alertOf(device.id, "unauthorized");
    expect(closed).toMatchObject({ status: "resolved", resolvedById: null, openKey: null });
    expect(closed.resolvedReason).toMatch(/^condition cleared: no policy is broken any more/);

    await setPolicyEnabled(getDb(), policy.id, true, { system: "test" });
    await postReport(token, report([pump(8101)]));
    expect(await getDb().alert.count({ where: { deviceId: device.id, kind: "unauthorized" } })).toBe(2);
    expect(await alertOf(device.id, "unauthorized")).toMatchObject({ status: "open" });
  });

  it("a device seen again and an agent reporting again close their silence alerts", async () => {
    const agent = await enrol("host-clear-silence", "Clear Campus 2");
    await postReport(agent.token, report([pump(8201)]));
    const env = { DEVICE_SILENCE_MINUTES: "60" };
    // The pump was last seen two hours ago (as the agent went quiet), and the agent an hour ago.
    const device = await getDb().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-8201" } });
    await getDb().device.update({ where: { id: device.id }, data: { lastSeenAt: new Date(Date.now() - 2 * 3600_000) } });
    await getDb().agent.update({ where: { id: agent.id }, data: { lastSeenAt: new Date(Date.now() - 3600_000) } });
    await checkSilence(getDb(), new Date(), env);
    expect(await alertOf(device.id, "device_silent")).toMatchObject({ status: "open" });
    expect(await getDb().alert.findFirstOrThrow({ where: { agentId: agent.id, kind: "agent_offline" } })).toMatchObject({ status: "open" });

    await new Promise((r) => setTimeout(r, 20));
    // Both come back.
    await postReport(agent.token, report([pump(8201)]));
    await checkSilence(getDb(), new Date(), env);
    const silent = await alertOf(device.id, "device_silent");
    expect(silent).toMatchObject({ status: "resolved", resolvedById: null });
    expect(silent.resolvedReason).toMatch(/^condition cleared: seen again /);
    const offline = await getDb().alert.findFirstOrThrow({ where: { agentId: agent.id, kind: "agent_offline" } });
    expect(offline).toMatchObject({ status: "resolved" });
    expect(offline.resolvedReason).toMatch(/^condition cleared: reporting again since /);
  });
});
