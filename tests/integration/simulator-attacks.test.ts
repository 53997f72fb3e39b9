// The simulator's attack scenarios, posted through the real route handler, end as the alerts a
// CISO would expect: spoofs for the injector, the printer clone and the software-MAC "pump",
// an unauthorized device for the Raspberry Pi on the ICU segment.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createPolicy } from "@/lib/commands/policy-editing";
import { buildHospital } from "@/lib/tools/simulator/hospital";
import { buildReports } from "@/lib/tools/simulator/reports";
import { enrol, postReport } from "./agent-api";

const hospital = buildHospital({ devices: 400, agents: 2, rogues: 4, seed: 11 });

beforeAll(async () => {
  const tokens = [(await enrol("sim-sensor-1", "Simulated General")).token, (await enrol("sim-sensor-2", "Simulated General")).token];
  const site = await getDb().site.findUniqueOrThrow({ where: { name: "Simulated General" } });
  const icu = await getDb().segment.create({ data: { siteId: site.id, reportedSiteId: site.id, name: "ICU-VLAN-20", exposure: "clinical_segmented" } });
  await createPolicy(getDb(), { kind: "baseline", name: "ICU devices", segmentId: icu.id, siteId: site.id, rules: { categories: ["infusion_pump", "patient_monitor", "ventilator", "workstation", "printer"] } }, { system: "test" });
  for (const round of [0, 1]) {
    for (const agent of hospital.agents) {
      for (const report of buildReports(hospital, { agent: agent.index, round, runTag: "attack-test" })) {
        const res = await postReport(tokens[agent.index], report);
        expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(202);
      }
    }
  }
});

async function alertsOf(where: object) {
  const devices = await getDb().device.findMany({ where, select: { id: true, spoofSuspected: true, status: true, statusReason: true } });
  const alerts = await getDb().alert.findMany({ where: { deviceId: { in: devices.map((d) => d.id) } } });
  return { devices, alerts, rules: JSON.stringify(alerts.map((a) => a.detail)) };
}

describe("simulated attacks", () => {
  it("the keystroke injector is a spoof: hidden storage and superhuman typing", async () => {
    const { devices, alerts, rules } = await alertsOf({ usbSerial: { startsWith: "INJ" } });
    expect(devices).toHaveLength(1);
    expect(devices[0].spoofSuspected).toBe(true);
    expect(alerts.some((a) => a.kind === "spoof" && a.severity === "critical")).toBe(true);
    expect(rules).toContain("keyboardWithHiddenInterfaces");
    expect(rules).toContain("superhumanKeystrokeRate");
  });

  it("the printer clone is a spoof: one MAC on two switch ports", async () => {
    const printer = hospital.rogues.find((r) => r.scenario === "printer-clone")!.cloneOf!;
    const { devices, rules } = await alertsOf({ claimedMac: printer.mac });
    expect(devices).toHaveLength(1);
    expect(devices[0].spoofSuspected).toBe(true);
    expect(rules).toContain("macOnTwoPorts");
  });

  it("the Raspberry Pi on the ICU segment is unauthorized, with the policy named", async () => {
    const { devices, alerts } = await alertsOf({ claimedMac: { startsWith: "b8:27:eb" } });
    expect(devices).toHaveLength(1);
    expect(devices[0].status).toBe("unauthorized");
    expect(devices[0].statusReason).toContain("ICU devices");
    expect(alerts.filter((a) => a.kind === "unauthorized")).toHaveLength(1);
    expect(alerts.find((a) => a.kind === "unauthorized")!.count).toBe(1);
  });

  it("the 'pump' with a software-set MAC is a spoof", async () => {
    const { devices, rules } = await alertsOf({ claimedMac: { startsWith: "02:42:e4" } });
    expect(devices).toHaveLength(1);
    expect(devices[0].spoofSuspected).toBe(true);
    expect(rules).toContain("locallyAdministeredMacOnMedicalDevice");
  });

  it("ordinary devices raise no spoof: every spoof alert belongs to an attack", async () => {
    const spoofs = await getDb().alert.findMany({ where: { kind: "spoof" }, include: { device: { select: { claimedMac: true, usbSerial: true } } } });
    const printerMac = hospital.rogues.find((r) => r.scenario === "printer-clone")!.cloneOf!.mac;
    const offenders = spoofs.filter((a) => !(a.device?.usbSerial?.startsWith("INJ") || a.device?.claimedMac === printerMac || a.device?.claimedMac?.startsWith("02:42:e4")));
    expect(offenders.map((a) => a.title)).toEqual([]);
    expect(await getDb().device.count()).toBeGreaterThanOrEqual(400);
  });
});
