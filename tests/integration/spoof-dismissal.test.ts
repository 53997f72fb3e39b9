// Approving a device suspected of spoofing, with the evidence acknowledged, is a person's word on
// those findings for that physical fingerprint: the next report with the same evidence does not
// make it suspect again (issue 20: the score went 80 → 0 → 80 with a false "risk jumped" alert).
// Another device behind the same claimed identity (another fingerprint) is suspect again.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { decideDevices } from "@/lib/commands/device-decisions";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { enrol, postReport, report } from "./agent-api";

const keyboardClaim = (serial: string) => ({ usb: { vendorId: "046d", productId: "c31c", serial, manufacturer: "Logitech", product: "USB Keyboard" } });
/** A keyboard with a card reader: a hidden mass-storage interface, typing at machine speed. */
const cardReaderKeyboard = (serial: string) => ({
  observedAt: new Date().toISOString(),
  channel: "usb",
  claimed: keyboardClaim(serial),
  physical: { usb: { port: "1-3", speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }], keystrokeRateCps: 950 } },
});
/** Another device forging the same identity: another interface set and speed, so another fingerprint. */
const otherDevice = (serial: string) => ({
  observedAt: new Date().toISOString(),
  channel: "usb",
  claimed: keyboardClaim(serial),
  physical: { usb: { port: "1-3", speed: "high", bcdUSB: "2.00", maxPowerMa: 500, interfaces: [{ class: 3, subclass: 0, protocol: 0, endpoints: 2 }, { class: 2, subclass: 2, protocol: 1, endpoints: 1 }, { class: 10, subclass: 0, protocol: 0, endpoints: 2 }], keystrokeRateCps: 900 } },
});

const device = (serial: string) => getDb().device.findFirstOrThrow({ where: { usbSerial: serial } });
const jumps = (deviceId: string) => getDb().alert.count({ where: { deviceId, kind: "risk_jump" } });

describe("a spoof suspicion a person reviewed", () => {
  it("does not come back from the same evidence after approval, and the score does not jump", async () => {
    const { token } = await enrol("host-dismiss", "Dismiss Campus");
    await postReport(token, report([cardReaderKeyboard("CR-1")]));
    await refreshRisk(getDb(), { trigger: "ingest" });
    const suspect = await device("CR-1");
    expect(suspect).toMatchObject({ spoofSuspected: true });
    expect(suspect.riskTier).toBe("critical");

    await decideDevices(getDb(), [suspect.id], { decision: "approve", reason: "a keyboard with a card reader, checked at the desk", acknowledgeSpoof: true }, { system: "test-biomed" });
    const approved = await device("CR-1");
    expect(approved).toMatchObject({ status: "authorized", spoofSuspected: false });
    expect(approved.spoofDismissal).toMatchObject({ rules: expect.arrayContaining([expect.any(String)]), by: "test-biomed", until: null });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { action: "device.approve", targetId: suspect.id } });
    expect((audit.after as { spoofRulesDismissed: string[] }).spoofRulesDismissed).toEqual((approved.spoofDismissal as { rules: string[] }).rules);
    const jumpsBefore = await jumps(suspect.id);

    // The same device reports again, twice: still approved, not suspect, the same score, no jump.
    for (let i = 0; i < 2; i++) {
      await postReport(token, report([cardReaderKeyboard("CR-1")]));
      await refreshRisk(getDb(), { trigger: "ingest" });
      expect(await device("CR-1")).toMatchObject({ status: "authorized", spoofSuspected: false, riskScore: approved.riskScore, riskTier: approved.riskTier });
    }
    expect(await jumps(suspect.id)).toBe(jumpsBefore);
  });

  it("comes back when another device (another physical fingerprint) shows up behind the same identity", async () => {
    const { token } = await enrol("host-dismiss-2", "Dismiss Campus 2");
    await postReport(token, report([cardReaderKeyboard("CR-2")]));
    const suspect = await device("CR-2");
    await decideDevices(getDb(), [suspect.id], { decision: "approve", reason: "checked", acknowledgeSpoof: true }, { system: "test-biomed" });
    expect(await device("CR-2")).toMatchObject({ spoofSuspected: false });

    await postReport(token, report([otherDevice("CR-2")]));
    expect(await device("CR-2")).toMatchObject({ spoofSuspected: true });
    const alert = await getDb().alert.findFirstOrThrow({ where: { deviceId: suspect.id, kind: "spoof" } });
    expect(alert.status).not.toBe("resolved");
  });

  it("blocking the device ends the dismissal", async () => {
    const { token } = await enrol("host-dismiss-3", "Dismiss Campus 3");
    await postReport(token, report([cardReaderKeyboard("CR-3")]));
    const suspect = await device("CR-3");
    await decideDevices(getDb(), [suspect.id], { decision: "approve", reason: "checked", acknowledgeSpoof: true }, { system: "test-biomed" });
    await decideDevices(getDb(), [suspect.id], { decision: "block", reason: "it was not ours after all" }, { system: "test-soc" });
    expect((await device("CR-3")).spoofDismissal).toBeNull();
    await postReport(token, report([cardReaderKeyboard("CR-3")]));
    expect(await device("CR-3")).toMatchObject({ status: "unauthorized", spoofSuspected: true });
  });
});
