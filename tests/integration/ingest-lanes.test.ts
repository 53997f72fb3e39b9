// Agents in their lane: an agent reports only on its site and segments, cannot take another
// agent's devices over, and its snapshot hides only what it saw itself. End to end through the
// route handler, on both databases.
import { describe, expect, it } from "vitest";
import { enrolAgent, enrolFormSchema, revokeAgent, setAgentLane } from "@/lib/commands/agent-enrolment";
import { getDb } from "@/lib/db/client";
import { enrol, postReport, pump, report } from "./agent-api";

const db = () => getDb();
const onSegment = (n: number, segment: string | undefined, claimed: Record<string, unknown> = {}) => {
  const base = pump(n);
  return { ...base, claimed: { ...base.claimed, ...claimed }, network: { ...base.network, segment } };
};
const deviceOf = (n: number) => db().device.findFirstOrThrow({ where: { claimedSerial: `SS${1000000 + n}` }, include: { segment: { select: { name: true } } } });
const movedAlerts = (deviceId: string) => db().alert.findMany({ where: { deviceId, kind: "moved_or_duplicated" } });

describe("a second agent reporting another agent's device", () => {
  it("on another segment, while the first is online: nothing moves, nothing is renamed, B's snapshot hides nothing, and an alert names both", async () => {
    const a = await enrol("sensor-icu-a");
    const b = await enrol("sensor-ward-b");
    await postReport(a.token, report([onSegment(9001, "ICU-VLAN-20")], { mode: "snapshot" }));
    const before = await deviceOf(9001);

    const takeover = await postReport(b.token, report([onSegment(9001, "WARD-7", { hostname: "TAKEN-BY-B" })]));
    expect(takeover.status).toBe(202);
    await postReport(b.token, report([], { mode: "snapshot" }));

    const after = await deviceOf(9001);
    expect(after.segment?.name).toBe("ICU-VLAN-20");
    expect(after).toMatchObject({ segmentId: before.segmentId, claimedHostname: "INFUSION-4N-9001", displayName: before.displayName, lastAgentId: a.id, notSeenAt: null });
    // B's sighting is kept as evidence.
    expect(await db().observation.count({ where: { deviceId: after.id, agentId: b.id } })).toBe(1);
    const [alert] = await movedAlerts(after.id);
    expect(alert).toMatchObject({ severity: "high", status: "open", count: 1 });
    expect(alert.title).toBe(`${before.displayName} reported on WARD-7 (sensor-ward-b) while sensor-icu-a still sees it on ICU-VLAN-20`);
    expect(alert.title).toContain("sensor-icu-a still sees it on ICU-VLAN-20");
    expect(alert.detail).toMatchObject({ claim: "duplicated", from: { agent: "sensor-icu-a", segment: "ICU-VLAN-20" }, to: { agent: "sensor-ward-b", segment: "WARD-7" } });

    // Repeats bump the one alert; A's own snapshot still works on its device.
    await postReport(b.token, report([onSegment(9001, "WARD-7")]));
    expect((await movedAlerts(after.id)).map((x) => x.count)).toEqual([2]);
    await postReport(a.token, report([], { mode: "snapshot" }));
    expect((await deviceOf(9001)).notSeenAt).not.toBeNull();
  });

  it("on the same segment (a redundant sensor): a normal update, no alert", async () => {
    const a = await enrol();
    const b = await enrol();
    await postReport(a.token, report([onSegment(9101, "ICU-VLAN-20")]));
    const res = await postReport(b.token, report([onSegment(9101, "ICU-VLAN-20", { hostname: "INFUSION-RENAMED" })]));
    expect(res.body.devices).toEqual({ new: 0, updated: 1 });
    const d = await deviceOf(9101);
    expect(d).toMatchObject({ claimedHostname: "INFUSION-RENAMED", lastAgentId: b.id });
    expect(await movedAlerts(d.id)).toHaveLength(0);
  });

  it("when the first agent is revoked, the device moves to the second, with an informational alert", async () => {
    const a = await enrol("sensor-old-icu");
    const b = await enrol("sensor-new-icu");
    await postReport(a.token, report([onSegment(9201, "ICU-VLAN-20")]));
    await revokeAgent(db(), a.id, { system: "test" });
    await postReport(b.token, report([onSegment(9201, "ICU-VLAN-30")]));
    const d = await deviceOf(9201);
    expect(d).toMatchObject({ lastAgentId: b.id });
    expect(d.segment?.name).toBe("ICU-VLAN-30");
    const [alert] = await movedAlerts(d.id);
    expect(alert).toMatchObject({ severity: "info", title: expect.stringContaining("moved from ICU-VLAN-20 (sensor-old-icu) to ICU-VLAN-30 (sensor-new-icu)") });
  });

  it("a duplicate still open is not made milder by a later move of the same device", async () => {
    const a = await enrol("sensor-dup-a");
    const b = await enrol("sensor-dup-b");
    const c = await enrol("sensor-dup-c");
    await postReport(a.token, report([onSegment(9351, "ICU-VLAN-20")]));
    await postReport(b.token, report([onSegment(9351, "WARD-7")]));
    const d = await deviceOf(9351);
    const [duplicate] = await movedAlerts(d.id);
    expect(duplicate).toMatchObject({ severity: "high", count: 1, detail: { claim: "duplicated" } });

    // A is revoked: C's report moves the device (an informational "moved"), into the open alert.
    await revokeAgent(db(), a.id, { system: "test" });
    await postReport(c.token, report([onSegment(9351, "ICU-VLAN-30")]));
    expect((await deviceOf(9351)).lastAgentId).toBe(c.id);
    const [after] = await movedAlerts(d.id);
    expect(after).toMatchObject({ id: duplicate.id, severity: "high", count: 2, status: "open", title: duplicate.title, detail: { claim: "duplicated" } });
    expect(after.lastAt.getTime()).toBeGreaterThan(duplicate.lastAt.getTime() - 1);
  });

  it("when the first agent is offline beyond two intervals, or its snapshot said the device is gone, the device moves", async () => {
    const a = await enrol();
    const b = await enrol();
    await postReport(a.token, report([onSegment(9301, "ICU-VLAN-20"), onSegment(9302, "ICU-VLAN-20")], { mode: "snapshot" }));
    await postReport(a.token, report([onSegment(9301, "ICU-VLAN-20")], { mode: "snapshot" }));
    await postReport(b.token, report([onSegment(9302, "OR-VLAN-40")]));
    expect(await deviceOf(9302)).toMatchObject({ lastAgentId: b.id, notSeenAt: null });

    await db().agent.update({ where: { id: a.id }, data: { lastSeenAt: new Date(Date.now() - 11 * 60_000) } });
    await postReport(b.token, report([onSegment(9301, "OR-VLAN-40")]));
    expect(await deviceOf(9301)).toMatchObject({ lastAgentId: b.id });
  });
});

describe("an agent's lane", () => {
  it("observations on other segments, or on none, are refused one by one; the rest is accepted, the refusal counted and named", async () => {
    const agent = await enrol("sensor-icu-lane", "Lane Campus", ["ICU-VLAN-20"]);
    const body = report([onSegment(9401, "ICU-VLAN-20"), onSegment(9402, "WARD-7"), onSegment(9403, undefined)]);
    const res = await postReport(agent.token, body);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 1, devices: { new: 1, updated: 0 } });
    expect(res.body.refused).toEqual({
      count: 2,
      issues: [
        { path: "observations.1.network.segment", message: expect.stringContaining('"WARD-7" is outside') },
        { path: "observations.2.network.segment", message: expect.stringContaining("names no segment") },
      ],
    });
    expect(await db().device.count({ where: { claimedSerial: { in: ["SS1009402", "SS1009403"] } } })).toBe(0);
    const stored = await db().agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(stored).toMatchObject({ errorCount: 1, observationCount: 1 });
    expect(stored.lastError).toMatch(/^outside_lane: 2 observations refused/);
    // The retried report gets the same answer, refusals included.
    expect((await postReport(agent.token, body)).body).toMatchObject({ duplicate: true, refused: { count: 2 } });
  });

  it("a device outside the lane is not changed by an observation refused there", async () => {
    const ward = await enrol();
    const icu = await enrol(undefined, undefined, ["ICU-VLAN-20"]);
    await postReport(ward.token, report([onSegment(9501, "WARD-7")]));
    const before = await deviceOf(9501);
    const res = await postReport(icu.token, report([onSegment(9501, "WARD-7", { hostname: "NOT-MINE" })], { mode: "snapshot" }));
    expect(res.body).toMatchObject({ accepted: 0, refused: { count: 1 } });
    expect(await deviceOf(9501)).toMatchObject({ claimedHostname: before.claimedHostname, lastAgentId: ward.id, notSeenAt: null, lastSeenAt: before.lastSeenAt, updatedAt: before.updatedAt });
  });

  it("a person enrols with a site (required), segments are kept, and a lane change is audited and applies to the next report", async () => {
    await expect(enrolAgent(db(), { name: "sensor-no-site" }, { system: "test" }, enrolFormSchema)).rejects.toMatchObject({ status: 400, issues: [{ path: "site" }] });
    const enrolled = await enrolAgent(db(), { name: "sensor-lane-ui", site: "default", segments: "ICU-VLAN-20, ICU-VLAN-21" }, { system: "test" }, enrolFormSchema);
    const agent = await db().agent.findUniqueOrThrow({ where: { id: enrolled.id }, include: { site: true } });
    expect(agent.site?.key).toBe("default");
    expect(agent.segments).toEqual(["ICU-VLAN-20", "ICU-VLAN-21"]);

    expect((await postReport(enrolled.token, report([onSegment(9601, "WARD-7")]))).body.refused.count).toBe(1);
    await setAgentLane(db(), { id: "sensor-lane-ui", site: "default", segments: "WARD-7" }, { system: "test" });
    await setAgentLane(db(), { id: "sensor-lane-ui", site: "default", segments: ["WARD-7"] }, { system: "test" });
    const audits = await db().auditLog.findMany({ where: { action: "agent.lane", targetId: enrolled.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ before: { site: "Default site", segments: ["ICU-VLAN-20", "ICU-VLAN-21"] }, after: { site: "Default site", segments: ["WARD-7"] } });
    expect((await postReport(enrolled.token, report([onSegment(9601, "WARD-7")]))).body.refused).toBeUndefined();

    await setAgentLane(db(), { id: enrolled.id, site: "default", segments: "" }, { system: "test" });
    expect((await db().agent.findUniqueOrThrow({ where: { id: enrolled.id } })).segments).toBeNull();
    await expect(setAgentLane(db(), { id: enrolled.id, site: "default", segments: ["x".repeat(129)] }, { system: "test" })).rejects.toMatchObject({ status: 400 });
    await expect(setAgentLane(db(), { id: "no-such-agent", site: "default" }, { system: "test" })).rejects.toMatchObject({ status: 404 });
  });

  it("an agent enrolled before lanes (no site) keeps reporting, confined to the default site", async () => {
    const legacy = await enrol("sensor-legacy");
    await db().agent.update({ where: { id: legacy.id }, data: { siteId: null } });
    const res = await postReport(legacy.token, report([onSegment(9701, "ICU-VLAN-20"), onSegment(9702, undefined)]));
    expect(res.body).toMatchObject({ accepted: 2, devices: { new: 2 } });
    expect(res.body.refused).toBeUndefined();
    const d = await db().device.findFirstOrThrow({ where: { claimedSerial: "SS1009701" }, include: { site: true } });
    expect(d.site?.key).toBe("default");
  });
});
