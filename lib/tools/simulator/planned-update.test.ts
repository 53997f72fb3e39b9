import { describe, expect, it } from "vitest";
import { reportSchema } from "../../domain/protocol/agent-report";
import { buildHospital, type Hospital } from "./hospital";
import { PLANNED_UPDATE, SPREAD_ROUNDS, updateCast } from "./planned-update";
import { reportIssues, type Observation } from "./protocol";
import { buildReports } from "./reports";

const now = new Date("2026-12-05T10:00:00Z");
const options = { devices: 400, agents: 2, rogues: 4, seed: 11 };
const plain = buildHospital(options);
const updated = buildHospital({ ...options, update: { scenario: "planned-update", fromRound: 1 } });

const observations = (h: Hospital, round: number, mode: "snapshot" | "delta"): Observation[] =>
  h.agents.flatMap((a) => buildReports(h, { agent: a.index, round, now, mode, runTag: "t" })).flatMap((r) => r.observations);

/** The firmware each device (by MAC) reported in this round. */
const firmwareIn = (h: Hospital, round: number, mode: "snapshot" | "delta") =>
  new Map(observations(h, round, mode).flatMap((o) => (o.claimed?.mac && o.claimed.firmwareVersion ? [[o.claimed.mac, o.claimed.firmwareVersion] as const] : [])));

/** Every firmware a device reported over the rounds 0..last (round 0 a snapshot, then deltas). */
function history(h: Hospital, last: number): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  for (let round = 0; round <= last; round++) {
    for (const [mac, version] of firmwareIn(h, round, round === 0 ? "snapshot" : "delta")) {
      const versions = seen.get(mac) ?? seen.set(mac, []).get(mac)!;
      if (versions.at(-1) !== version) versions.push(version);
    }
  }
  return seen;
}

describe("the planned-update scenario", () => {
  const cast = updateCast(updated);
  const { fleet, stuck, unplanned } = cast;

  it("casts every Alaris 8015 at 12.1.3 in the plan, one of them stuck, and one other pump outside it", () => {
    const atOldVersion = plain.devices.filter((d) => d.kind === "network" && d.model.model === PLANNED_UPDATE.model && d.firmware === PLANNED_UPDATE.firmware);
    expect(fleet.map((d) => d.id).sort()).toEqual(atOldVersion.map((d) => d.id).sort());
    expect(fleet.length).toBeGreaterThan(10);
    expect(fleet.filter((d) => d.firmwareUpdate.part === "stuck")).toEqual([stuck]);
    expect(unplanned.model.model).toBe(PLANNED_UPDATE.model);
    expect(unplanned.firmware).toBe(PLANNED_UPDATE.target);
    expect(unplanned.firmwareUpdate).toEqual({ round: 2, version: PLANNED_UPDATE.firmware, part: "unplanned" });
    expect(new Set(fleet.map((d) => d.firmwareUpdate.round))).toEqual(new Set(Array.from({ length: SPREAD_ROUNDS }, (_, i) => 1 + i)));
  });

  it("reports the fleet on 12.1.4 in a delta from each pump's round, the stuck pump on 12.1.3, and the downgrade", () => {
    const seen = history(updated, 1 + SPREAD_ROUNDS);
    for (const d of fleet.filter((p) => p !== stuck)) expect(seen.get(d.mac), d.hostname).toEqual([PLANNED_UPDATE.firmware, PLANNED_UPDATE.target]);
    expect(seen.get(stuck.mac)).toEqual([PLANNED_UPDATE.firmware]);
    expect(seen.get(unplanned.mac)).toEqual([PLANNED_UPDATE.target, PLANNED_UPDATE.firmware]);
    for (const d of fleet) expect(firmwareIn(updated, d.firmwareUpdate.round, "delta").has(d.mac), d.hostname).toBe(true);
    expect(firmwareIn(updated, 0, "snapshot").get(fleet[0].mac)).toBe(PLANNED_UPDATE.firmware);
  });

  it("changes no other device's firmware (the natural upgrades of the fleet give way to the plan)", () => {
    const changed = [...history(updated, 40)].filter(([, versions]) => versions.length > 1).map(([mac]) => mac).sort();
    const expected = [...fleet.filter((d) => d !== stuck), unplanned].map((d) => d.mac).sort();
    expect(changed).toEqual(expected);
    expect(plain.devices.some((d) => d.kind === "network" && d.upgradeAtRound !== undefined && fleet.some((f) => f.id === d.id))).toBe(true);
  });

  it("leaves the rest of the hospital as it was, and its reports within the protocol", () => {
    const others = (h: Hospital) => JSON.stringify(h.devices.filter((d) => !fleet.some((f) => f.id === d.id) && d.id !== unplanned.id));
    expect(others(updated)).toBe(others(plain));
    for (const report of [0, 1, 2].flatMap((round) => updated.agents.flatMap((a) => buildReports(updated, { agent: a.index, round, now, mode: round ? "delta" : "snapshot", runTag: "t" })))) {
      expect(reportIssues(report)).toEqual([]);
      expect(reportSchema.safeParse(report).success).toBe(true);
    }
  });

  it("on a re-run after the update (a negative first round), reports the outcome from the first snapshot", () => {
    const after = buildHospital({ ...options, update: { scenario: "planned-update", fromRound: -10 } });
    const firmware = firmwareIn(after, 0, "snapshot");
    expect(firmware.get(fleet.find((d) => d !== stuck)!.mac)).toBe(PLANNED_UPDATE.target);
    expect(firmware.get(stuck.mac)).toBe(PLANNED_UPDATE.firmware);
    expect(firmware.get(unplanned.mac)).toBe(PLANNED_UPDATE.firmware);
    expect([...history(after, 12)].filter(([, versions]) => versions.length > 1)).toEqual([]);
  });

  it("is the same for the same hospital, and refuses one too small to play it", () => {
    expect(updateCast(buildHospital({ ...options, update: { scenario: "planned-update", fromRound: 1 } }))).toEqual(cast);
    expect(() => buildHospital({ devices: 10, agents: 1, update: { scenario: "planned-update", fromRound: 1 } })).toThrow(/at least two Alaris PCU Model 8015 pumps at 12.1.3/);
    expect(() => updateCast(plain)).toThrow(/without a planned update/);
  });
});
