// The simulator's planned update, posted through the real report route and followed by the
// firmware watch, ends as a clinical engineer would expect: the pumps that took 12.1.4 are
// verified, the one that stayed on 12.1.3 is failed with its retry task, and the pump that was
// downgraded with no plan raises a critical "unplanned firmware change".
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decidePlan, planChange } from "@/lib/commands/change-plans";
import { getDb } from "@/lib/db/client";
import { localInput } from "@/lib/domain/changes/change-window";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { watchFirmware } from "@/lib/jobs/firmware-watch";
import { BUNDLED_FEEDS_DIR } from "@/lib/reference/bundled-feeds";
import { buildHospital } from "@/lib/tools/simulator/hospital";
import { PLANNED_UPDATE, SPREAD_ROUNDS, updateCast } from "@/lib/tools/simulator/planned-update";
import { buildReports } from "@/lib/tools/simulator/reports";
import { importFeeds } from "@/lib/vulns/import";
import { enrol, postReport } from "./agent-api";
import { makeUser } from "./helpers";

const MINUTE = 60_000;
// A zone without daylight saving: this test is about the update, not about clock changes.
const TIME_ZONE = "Asia/Kolkata";
const hospital = buildHospital({ devices: 400, agents: 2, seed: 11, update: { scenario: "planned-update", fromRound: 1 } });
const { fleet, stuck, unplanned } = updateCast(hospital);
const db = () => getDb();

// The run happened in the last half hour: round 0 before the window opened, the update's rounds
// five minutes apart inside it; the window closes in the future, as one being approved must.
const base = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 40 * MINUTE);
const roundAt = (round: number) => new Date(base.getTime() + round * 5 * MINUTE);
const windowStart = new Date(base.getTime() + 2 * MINUTE);
const windowEnd = new Date(base.getTime() + 60 * MINUTE);
let planId = "";
let tokens: string[] = [];

async function postRound(round: number) {
  for (const agent of hospital.agents) {
    for (const report of buildReports(hospital, { agent: agent.index, round, now: roundAt(round), mode: round === 0 ? "snapshot" : "delta", runTag: "firmware-test" })) {
      const res = await postReport(tokens[agent.index], report);
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(202);
    }
  }
}

const deviceOf = (mac: string) => db().device.findFirstOrThrow({ where: { claimedMac: mac } });

beforeAll(async () => {
  const advisory = join(BUNDLED_FEEDS_DIR, "csaf", "icsma-23-194-01.json");
  await importFeeds(db(), [{ name: "icsma-23-194-01.json", bytes: readFileSync(advisory) }], { actor: { system: "test" } });
  tokens = [(await enrol("sim-sensor-1", "Simulated General")).token, (await enrol("sim-sensor-2", "Simulated General")).token];
  await postRound(0);
  await refreshRisk(db(), { trigger: "ingest" });

  const engineer = await makeUser("engineer");
  const analyst = await makeUser("analyst");
  const plan = await planChange(db(), {
    targetVersion: PLANNED_UPDATE.target,
    window: { start: localInput(windowStart, TIME_ZONE), end: localInput(windowEnd, TIME_ZONE), timeZone: TIME_ZONE },
    reason: "Close ICSMA-23-194-01 on the Alaris fleet",
    advisoryIds: [PLANNED_UPDATE.advisoryId],
    contingency: "retry",
    downtimeMinutes: 20,
    selection: { kind: "filter", vendor: PLANNED_UPDATE.vendor, model: PLANNED_UPDATE.model, firmware: PLANNED_UPDATE.firmware },
  }, { id: engineer.id, email: engineer.email, role: "engineer" });
  planId = plan.id;
  expect(plan.devices).toBe(fleet.length);
  await decidePlan(db(), planId, { decision: "approve" }, { id: analyst.id, email: analyst.email, role: "analyst" });

  // The watch runs every few seconds in the server; here once after each round, at that round's time.
  for (let round = 1; round <= SPREAD_ROUNDS; round++) {
    await postRound(round);
    await watchFirmware(db(), new Date(roundAt(round).getTime() + 30_000));
  }
}, 180_000);

describe("a simulated planned update", () => {
  it("verifies every pump that reported 12.1.4 in the window, while the window is still open", async () => {
    const plan = await db().changePlan.findUniqueOrThrow({ where: { id: planId }, include: { devices: { include: { device: { select: { claimedMac: true } } } } } });
    expect(plan.state).toBe("in_window");
    const verified = plan.devices.filter((d) => d.state === "verified");
    expect(verified.map((d) => d.device.claimedMac).sort()).toEqual(fleet.filter((d) => d !== stuck).map((d) => d.mac).sort());
    expect(verified.every((d) => d.reportedVersion === PLANNED_UPDATE.target && d.verifiedAt)).toBe(true);
    expect(plan.devices.find((d) => d.device.claimedMac === stuck.mac)!.state).toBe("planned");
    const changes = await db().firmwareChange.findMany({ where: { planId } });
    expect(changes).toHaveLength(fleet.length - 1);
    expect(changes.every((c) => c.kind === "planned" && c.direction === "upgrade")).toBe(true);
  });

  it("raises a critical unplanned change for the pump downgraded to 12.1.3 with no plan, and flags it", async () => {
    const device = await deviceOf(unplanned.mac);
    expect(device.firmwareFlaggedAt).not.toBeNull();
    const change = await db().firmwareChange.findFirstOrThrow({ where: { deviceId: device.id } });
    expect(change).toMatchObject({ kind: "unplanned", direction: "downgrade", fromVersion: PLANNED_UPDATE.target, toVersion: PLANNED_UPDATE.firmware, planId: null });
    const alerts = await db().alert.findMany({ where: { deviceId: device.id, kind: "unplanned_firmware" } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0].severity).toBe("critical");
    expect(JSON.stringify(alerts[0].detail)).toContain(PLANNED_UPDATE.advisoryId);
  });

  it("when the window closes, fails the pump still on 12.1.3 with a retry task for the requester, and completes the plan", async () => {
    const result = await watchFirmware(db(), new Date(windowEnd.getTime() + MINUTE));
    expect(result).toMatchObject({ failed: 1, completed: 1 });
    const plan = await db().changePlan.findUniqueOrThrow({ where: { id: planId } });
    expect(plan.state).toBe("completed");
    const device = await deviceOf(stuck.mac);
    const failed = await db().changePlanDevice.findUniqueOrThrow({ where: { planId_deviceId: { planId, deviceId: device.id } }, include: { contingencyTask: true } });
    expect(failed).toMatchObject({ state: "failed", failure: "still_old" });
    expect(failed.contingencyTask).toMatchObject({ kind: "retry", state: "open", ownerId: plan.requestedById, dueAt: new Date(windowEnd.getTime() + 7 * 24 * 60 * MINUTE) });
    const alerts = await db().alert.findMany({ where: { deviceId: device.id, kind: "firmware_change_failed" } });
    expect(alerts.map((a) => a.severity)).toEqual(["high"]);
    expect(await db().changePlanDevice.count({ where: { planId, state: "verified" } })).toBe(fleet.length - 1);
  });

  it("leaves every other device of the hospital unflagged, with no firmware change of its own", async () => {
    const played = new Set([...fleet.map((d) => d.mac), unplanned.mac]);
    const changes = await db().firmwareChange.findMany({ include: { device: { select: { claimedMac: true } } } });
    expect(changes.filter((c) => !played.has(c.device.claimedMac ?? ""))).toEqual([]);
    expect(await db().device.count({ where: { firmwareFlaggedAt: { not: null } } })).toBe(1);
    expect(await db().alert.count({ where: { kind: "unplanned_firmware" } })).toBe(1);
  });
});
