// The agent's own health (protocol extension): stored with the report that carries it, shown on
// the agents view, kept when a later report says nothing of it, and never a reason to refuse.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getAgentHealth } from "@/lib/queries/agents";
import { enrol, postReport, pump, report } from "./agent-api";

const usb = { name: "usb", ok: false, observations: 2, problems: [{ where: "/sys/bus/usb/devices/1-4", message: "vanished while it was read" }] };
const neighbours = { name: "neighbours", ok: true, observations: 40, problems: [] };

describe("an agent's health", () => {
  it("is stored with its report and shown on the agents view", async () => {
    const agent = await enrol("sensor-health");
    const { token } = agent;
    const answer = await postReport(token, report([pump(1)], { agent: { version: "1.0.0", hostname: "sensor-h", collectors: [usb, neighbours], spool: { queued: 3, droppedReports: 1 } } }));
    expect(answer.status).toBe(202);
    const shown = (await getAgentHealth()).find((a) => a.id === agent.id);
    expect(shown?.health?.collectors?.map((c) => [c.name, c.ok])).toEqual([["usb", false], ["neighbours", true]]);
    expect(shown?.health?.spool).toEqual({ queued: 3, droppedReports: 1 });
    expect(shown?.healthAt).toBeInstanceOf(Date);

    // A later report without health keeps what the agent said last.
    expect((await postReport(token, report([pump(2)]))).status).toBe(202);
    expect((await getAgentHealth()).find((a) => a.id === agent.id)?.health?.spool?.queued).toBe(3);
  });

  it("that breaks its bounds is dropped and the observations still go in", async () => {
    const agent = await enrol("sensor-health-bad");
    const { token } = agent;
    const bad = { ...usb, problems: "not a list" };
    const answer = await postReport(token, report([pump(3)], { agent: { version: "1.0.0", hostname: "s", collectors: [bad] } }));
    expect(answer.status).toBe(202);
    expect(answer.body.accepted).toBe(1);
    const row = await getDb().agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(row.health).toBeNull();
    expect(row.reportCount).toBe(1);
  });
});
