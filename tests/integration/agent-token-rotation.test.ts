// A new token for an enrolled agent (what the demo does on every run instead of enrolling four
// more agents): the old token is refused, the new one accepted, the agent and its devices stay.
import { describe, expect, it } from "vitest";
import { rotateAgentToken, revokeAgent } from "@/lib/commands/agent-enrolment";
import { getDb } from "@/lib/db/client";
import { enrol, postReport, report } from "./agent-api";

const seen = (mac: string) => ({ observedAt: new Date().toISOString(), channel: "ethernet", claimed: { mac }, network: { segment: "ROT-SEG" } });

describe("rotating an agent's token", () => {
  it("refuses the old token, accepts the new one, keeps the agent and audits it without the token", async () => {
    const { id, token } = await enrol("sensor-rotate", "Rotate Campus");
    expect((await postReport(token, report([seen("00:09:fb:aa:00:01")]))).status).toBe(202);
    const agentsBefore = await getDb().agent.count();

    const rotated = await rotateAgentToken(getDb(), "sensor-rotate", { system: "demo" });
    expect(rotated).toMatchObject({ id, name: "sensor-rotate" });
    expect(rotated.token).not.toBe(token);
    expect((await postReport(token, report([seen("00:09:fb:aa:00:02")]))).status).toBe(401);
    expect((await postReport(rotated.token, report([seen("00:09:fb:aa:00:02")]))).status).toBe(202);
    expect(await getDb().agent.count()).toBe(agentsBefore);
    expect(await getDb().device.count({ where: { lastAgentId: id } })).toBe(2);

    const row = await getDb().auditLog.findFirstOrThrow({ where: { action: "agent.rotate_token", targetId: id } });
    expect(JSON.stringify(row)).not.toContain(rotated.token);
  });

  it("refuses an unknown or revoked agent, changing nothing", async () => {
    await expect(rotateAgentToken(getDb(), "no-such-agent", { system: "demo" })).rejects.toMatchObject({ status: 404 });
    const { token } = await enrol("sensor-rotate-revoked", "Rotate Campus");
    await revokeAgent(getDb(), "sensor-rotate-revoked", { system: "test" });
    await expect(rotateAgentToken(getDb(), "sensor-rotate-revoked", { system: "demo" })).rejects.toMatchObject({ status: 409 });
    expect((await postReport(token, report([seen("00:09:fb:aa:00:03")]))).status).toBe(403);
  });
});
