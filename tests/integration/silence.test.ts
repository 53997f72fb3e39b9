import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { checkSilence } from "@/lib/jobs/silence";
import { enrol, postReport, pump, report } from "./agent-api";

describe("silence", () => {
  it("raises one alert per device gone silent and per agent gone offline, and repeats add nothing", async () => {
    const quiet = await enrol();
    const never = await enrol();
    await postReport(quiet.token, report([pump(7001), pump(7002)]));
    const env = { DEVICE_SILENCE_MINUTES: "60" };
    const later = new Date(Date.now() + 2 * 3600_000);

    const first = await checkSilence(getDb(), later, env);
    expect(first.devices).toBeGreaterThanOrEqual(2);
    const silent = await getDb().alert.findMany({ where: { kind: "device_silent", device: { claimedHostname: { in: ["INFUSION-4N-7001", "INFUSION-4N-7002"] } } } });
    expect(silent).toHaveLength(2);
    const offline = await getDb().alert.findMany({ where: { kind: "agent_offline", agentId: { in: [quiet.id, never.id] } } });
    expect(offline).toHaveLength(2);
    expect(offline.map((a) => a.title)).toEqual(expect.arrayContaining([`Agent ${never.name} has never reported`, expect.stringContaining(`Agent ${quiet.name} has not reported since`)]));

    await checkSilence(getDb(), new Date(later.getTime() + 60_000), env);
    const again = await getDb().alert.findMany({ where: { kind: { in: ["device_silent", "agent_offline"] }, OR: [{ agentId: { in: [quiet.id, never.id] } }, { device: { claimedHostname: { in: ["INFUSION-4N-7001", "INFUSION-4N-7002"] } } }] } });
    expect(again).toHaveLength(4);
    expect(again.every((a) => a.count === 1)).toBe(true);
  });

  it("a device seen recently is not silent", async () => {
    const agent = await enrol();
    await postReport(agent.token, report([pump(7101)]));
    await checkSilence(getDb(), new Date(Date.now() + 10 * 60_000), { DEVICE_SILENCE_MINUTES: "60" });
    expect(await getDb().alert.count({ where: { kind: "device_silent", device: { claimedHostname: "INFUSION-4N-7101" } } })).toBe(0);
  });

  it("reaches every device when more than a batch went silent at the same instant", async () => {
    const agent = await enrol();
    const numbers = [7201, 7202, 7203, 7204, 7205];
    await postReport(agent.token, report(numbers.map((n) => pump(n))));
    // One snapshot stamps its devices alike; a cursor on time alone read the same batch forever.
    const seen = new Date(Date.now() - 1000);
    const ours = { claimedHostname: { in: numbers.map((n) => `INFUSION-4N-${n}`) } };
    expect(await getDb().device.updateMany({ where: ours, data: { lastSeenAt: seen } })).toEqual({ count: 5 });
    await getDb().setting.deleteMany({ where: { key: "silence.lastRun" } });
    const env = { DEVICE_SILENCE_MINUTES: "60" };
    const later = new Date(Date.now() + 2 * 3600_000);

    // Batches of two: the five at one instant take three of them, in one run.
    await checkSilence(getDb(), later, env, 2);
    expect(await getDb().alert.count({ where: { kind: "device_silent", device: ours } })).toBe(5);
    await checkSilence(getDb(), new Date(later.getTime() + 60_000), env, 2);
    const alerts = await getDb().alert.findMany({ where: { kind: "device_silent", device: ours } });
    expect(alerts.map((a) => a.count)).toEqual([1, 1, 1, 1, 1]);
  });
});
