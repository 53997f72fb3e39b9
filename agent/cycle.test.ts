import { describe, expect, it } from "vitest";
import { collectorHealthSchema } from "../lib/domain/protocol/agent-health";
import { reportSchema } from "../lib/domain/protocol/agent-report";
import type { Collector, CollectorName, CollectorResult } from "./collectors/types";
import { runCycle } from "./cycle";
import { DeltaTracker } from "./delta";
import { AGENT_VERSION } from "./version";

const NOW = new Date("2026-12-01T10:00:00.000Z");
const fixed = (name: CollectorName, result: CollectorResult): Collector => ({ name, collect: async () => result });
const neighbours = fixed("neighbours", {
  observations: [
    { observedAt: NOW.toISOString(), channel: "ethernet", claimed: { mac: "00:09:fb:12:34:56", ip: "10.20.4.17" } },
    { observedAt: NOW.toISOString(), channel: "ethernet", claimed: { mac: "00:09:fb:12:34:57", ip: "999.1.1.1" } },
  ],
  problems: [],
});

async function cycleWith(collectors: Collector[], extra: Partial<Parameters<typeof runCycle>[0]> = {}) {
  const tracker = await DeltaTracker.open(null, 15);
  let n = 0;
  return runCycle({ collectors, tracker, hostname: "sensor-icu-01", collectTimeoutMs: 200, now: () => NOW, newReportId: () => `report-${++n}-0000`, ...extra });
}

describe("runCycle", () => {
  it("builds a snapshot the server's schema accepts, with the segment written and a bad observation dropped as its collector's problem", async () => {
    const { reports, health } = await cycleWith([neighbours], { segment: "ICU-VLAN-20", spoolHealth: async () => ({ queued: 2, droppedReports: 1, refusedReports: 0 }) });
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report).toMatchObject({ schema: "iomt.agent-report/v1", reportId: "report-1-0000", sentAt: NOW.toISOString(), mode: "snapshot" });
    expect(report.observations).toEqual([
      { observedAt: NOW.toISOString(), channel: "ethernet", claimed: { mac: "00:09:fb:12:34:56", ip: "10.20.4.17" }, network: { segment: "ICU-VLAN-20" } },
    ]);
    expect(report.agent).toEqual({
      version: AGENT_VERSION,
      hostname: "sensor-icu-01",
      collectors: health,
      spool: { queued: 2, droppedReports: 1, refusedReports: 0 },
    });
    expect(health).toEqual([
      { name: "neighbours", ok: false, observations: 1, problems: [{ where: "00:09:fb:12:34:57", message: "observation dropped: claimed.ip: must be an IPv4 or IPv6 address" }] },
    ]);
  });

  it("a collector that throws or hangs becomes a problem, and the others' observations still go out", async () => {
    const throwing: Collector = { name: "snmp", collect: async () => { throw new Error("switch unreachable"); } };
    const hanging: Collector = { name: "capture", collect: () => new Promise(() => {}) };
    const { reports, health } = await cycleWith([throwing, neighbours, hanging]);
    expect(reports[0].observations.map((o) => o.claimed?.mac)).toEqual(["00:09:fb:12:34:56"]);
    expect(health.map((h) => [h.name, h.ok, h.problems[0]?.message])).toEqual([
      ["snmp", false, "collector failed: switch unreachable"],
      ["neighbours", false, expect.stringContaining("observation dropped")],
      ["capture", false, "collector failed: timed out after 0 s"],
    ]);
  });

  it("never overwrites a segment a collector wrote, and writes the host's on USB devices", async () => {
    const usb = fixed("usb", { observations: [{ observedAt: NOW.toISOString(), channel: "usb", claimed: { usb: { vendorId: "046d", productId: "c31c" } }, physical: { usb: { port: "1-1" } } }], problems: [] });
    const own = fixed("snmp", { observations: [{ observedAt: NOW.toISOString(), channel: "ethernet", claimed: { mac: "00:09:fb:00:00:01" }, network: { segment: "WARD-7" } }], problems: [] });
    const { reports } = await cycleWith([usb, own], { segment: "ICU-VLAN-20" });
    expect(reports[0].observations.map((o) => o.network?.segment)).toEqual(["ICU-VLAN-20", "WARD-7"]);
  });

  it("keeps the problem list bounded", async () => {
    const noisy = fixed("usb", { observations: [], problems: Array.from({ length: 30 }, (_, i) => ({ where: `/sys/bus/usb/devices/1-${i}`, message: "vanished" })) });
    const { health } = await cycleWith([noisy]);
    // 20 at most, or the server ignores the whole health block (lib/domain/protocol/agent-health.ts)
    expect(health[0].problems).toHaveLength(20);
    expect(health[0].problems[19]).toEqual({ message: "and 11 more problems" });
    expect(collectorHealthSchema.safeParse(health[0]).success).toBe(true);
  });

  it("with no collector, still reports (an empty snapshot that says the agent is alive)", async () => {
    const { reports } = await cycleWith([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ mode: "snapshot", observations: [], agent: { collectors: [] } });
  });
});
