import { describe, expect, it } from "vitest";
import { reportSchema } from "../../domain/protocol/agent-report";
import { buildHospital, type Hospital } from "./hospital";
import { MAX_OBSERVATIONS_PER_REPORT, reportIssues, type AgentReport, type Observation } from "./protocol";
import { agentObservations, buildReports, splitObservations } from "./reports";

const now = new Date("2026-11-28T15:00:00Z");
const all = (h: Hospital, round: number, mode: "snapshot" | "delta" = "snapshot") => h.agents.flatMap((a) => buildReports(h, { agent: a.index, round, now, mode, runTag: "t" }));
const observations = (reports: AgentReport[]) => reports.flatMap((r) => r.observations);

describe("simulated reports", () => {
  const h = buildHospital({ devices: 3000, agents: 3, rogues: 8, seed: 5 });

  it("follow the protocol: the agent's own checks and the server's schema", () => {
    for (const round of [0, 1, 7]) {
      for (const report of [...all(h, round), ...all(h, round, "delta")]) {
        expect(reportIssues(report)).toEqual([]);
        const parsed = reportSchema.safeParse(report);
        expect(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues.slice(0, 3))).toBe(true);
        for (const o of report.observations) expect(Date.parse(o.observedAt)).toBeLessThanOrEqual(now.getTime());
      }
    }
  });

  it("are the same for the same hospital, round and time", () => {
    expect(JSON.stringify(all(buildHospital({ devices: 500, agents: 2, rogues: 4, seed: 9 }), 3))).toBe(JSON.stringify(all(buildHospital({ devices: 500, agents: 2, rogues: 4, seed: 9 }), 3)));
  });

  it("have one reportId per agent, round and part, the same on a rebuild (a retry)", () => {
    const ids = [0, 1].flatMap((round) => all(h, round).map((r) => r.reportId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(all(h, 1).map((r) => r.reportId)).toEqual(all(h, 1).map((r) => r.reportId));
    expect(all(h, 0)[0].reportId).toBe("t-s5-a0-r0-p0");
  });

  it("in a snapshot list every device of the agent (sticks that are plugged in) and every rogue", () => {
    const seen = observations(all(h, 0));
    const devicesNow = h.devices.filter((d) => d.kind === "network" || d.model.kind !== "storage").length;
    expect(seen.length).toBeGreaterThanOrEqual(devicesNow + h.rogues.length);
  });

  it("in a delta list only changes, the rogues, and a small sample", () => {
    const delta = observations(all(h, 1, "delta"));
    expect(delta.length).toBeLessThan(h.devices.length * 0.1);
    expect(delta.filter((o) => o.physical?.usb?.keystrokeRateCps && o.physical.usb.keystrokeRateCps > 500)).toHaveLength(2);
    const removals = [1, 2, 3, 4, 5, 6].flatMap((round) => observations(all(h, round, "delta"))).filter((o) => o.action === "removed");
    expect(removals.length).toBeGreaterThan(0);
    expect(removals.every((o) => o.claimed?.usb?.productId === "5567")).toBe(true);
  });

  it("measure each model the same way on every unit and in every round", () => {
    // Everything but where the device is plugged in and what varies per reading.
    const perUnit = new Set(["switchPort", "vlan", "lldpChassisId", "port", "keystrokeRateCps"]);
    const without = (o: object | undefined) => Object.entries(o ?? {}).filter(([k]) => !perUnit.has(k));
    const stable = (o: Observation) => JSON.stringify({ ethernet: without(o.physical?.ethernet), usb: without(o.physical?.usb), rise: o.physical?.electrical?.signalRiseTimeNs });
    const byModel = new Map<string, Set<string>>();
    for (const round of [0, 5]) {
      for (const o of observations(all(buildHospital({ devices: 3000, agents: 3, seed: 5 }), round))) {
        const model = o.claimed?.model ?? `${o.claimed?.usb?.vendorId}:${o.claimed?.usb?.productId}`;
        (byModel.get(model) ?? byModel.set(model, new Set()).get(model)!).add(stable(o));
      }
    }
    for (const [model, variants] of byModel) expect(variants.size, model).toBe(1);
  });

  it("read power with about a percent of noise, and people typing at 3–8 characters a second", () => {
    const readings = [0, 1, 2, 3].map((round) => observations(all(h, round)).find((o) => o.claimed?.model === "Alaris PCU Model 8015")!.physical!.electrical!.powerDrawMw!);
    expect(new Set(readings).size).toBeGreaterThan(1);
    for (const r of readings) expect(Math.abs(r - 12_000)).toBeLessThanOrEqual(120);
    const keyboards = observations(all(h, 0)).filter((o) => o.claimed?.usb?.product === "USB Keyboard" && !o.claimed.usb.serial?.startsWith("INJ"));
    expect(keyboards.length).toBeGreaterThan(0);
    for (const k of keyboards) {
      expect(k.physical!.usb!.keystrokeRateCps).toBeGreaterThanOrEqual(3);
      expect(k.physical!.usb!.keystrokeRateCps).toBeLessThanOrEqual(8);
    }
  });

  it("move part of the Alaris fleet to 12.1.4 during the run, and say so in a delta", () => {
    const big = buildHospital({ devices: 5000, agents: 1, seed: 3 });
    const upgraded = big.devices.find((d) => d.kind === "network" && d.upgradeAtRound !== undefined);
    expect(upgraded).toBeDefined();
    const round = (upgraded as { upgradeAtRound: number }).upgradeAtRound;
    const mac = (upgraded as { mac: string }).mac;
    const firmwareIn = (r: number, mode: "snapshot" | "delta") => observations(buildReports(big, { agent: 0, round: r, now, mode })).find((o) => o.claimed?.mac === mac)?.claimed?.firmwareVersion;
    expect(firmwareIn(round - 1, "snapshot")).toBe("12.1.3");
    expect(firmwareIn(round, "delta")).toBe("12.1.4");
  });
});

describe("splitting", () => {
  it("sends a big agent's snapshot as reports of at most 5000 observations, as deltas", () => {
    const h = buildHospital({ devices: 12_000, agents: 1 });
    const reports = buildReports(h, { agent: 0, round: 0, now });
    expect(reports.length).toBeGreaterThanOrEqual(3);
    for (const r of reports) expect(r.observations.length).toBeLessThanOrEqual(MAX_OBSERVATIONS_PER_REPORT);
    for (const r of reports) expect(JSON.stringify(r).length).toBeLessThan(4.5 * 1024 * 1024);
    expect(reports.map((r) => r.mode)).toEqual(reports.map(() => "delta"));
    expect(observations(reports)).toEqual(agentObservations(h, { agent: 0, round: 0, now, mode: "snapshot" }));
    expect(buildReports(buildHospital({ devices: 100, agents: 1 }), { agent: 0, round: 0, now }).map((r) => r.mode)).toEqual(["snapshot"]);
  });

  it("cuts by size as well as by count, keeping order", () => {
    const obs = Array.from({ length: 10 }, (_, i) => ({ observedAt: "2026-11-28T15:00:00Z", channel: "ethernet" as const, claimed: { serialNumber: `S${i}`, hostname: "x".repeat(400) } }));
    const chunks = splitObservations(obs, 4, 2000);
    expect(chunks.flat()).toEqual(obs);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(4);
    expect(chunks.length).toBeGreaterThan(3);
  });

  it("still sends an empty report when nothing changed (the agent's heartbeat)", () => {
    const h = buildHospital({ devices: 0, agents: 1 });
    expect(buildReports(h, { agent: 0, round: 1, now, mode: "delta" })).toMatchObject([{ mode: "delta", observations: [] }]);
  });
});
