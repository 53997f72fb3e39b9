// A spoof suspicion gets a person's own decision (issue 20): confirm (the suspicion stands, the
// device stays critical, approval is refused), dismiss as false positive (until an expiry, after
// which the same finding fires again), or split a cloned identity into the two devices it is.
// Reports go through the real agent report route handler.
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { canDecideSpoof } from "@/lib/auth/roles";
import { decideDevices } from "@/lib/commands/device-decisions";
import { decideSpoof } from "@/lib/commands/spoof-decisions";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { enrol, postReport, report } from "./agent-api";

const db = () => getDb();
const analyst = { system: "test-analyst" };

const printerClaim = (mac: string) => ({ mac, hostname: "PRN-4N-01", vendor: "HP" });
const printer = (mac: string) => ({
  observedAt: new Date().toISOString(),
  channel: "ethernet",
  claimed: printerClaim(mac),
  physical: { ethernet: { switchPort: "sw-4n/Gi1/0/7", linkSpeedMbps: 1000, duplex: "full", ttl: 255, dhcpFingerprint: "1,3,6,15,44,47", tcpSignature: "4:255+0:0:1460:mss,nop,ws:df:0", ja4: "t12d1210h1_aaaaaaaaaaaa_bbbbbbbbbbbb" } },
  network: { segment: "WARD-4N-VLAN-24", openPorts: [9100, 631, 80] },
});
/** A network implant cloning the printer's MAC, on another port, with another TCP/IP stack. */
const implant = (mac: string) => ({
  ...printer(mac),
  physical: { ethernet: { switchPort: "sw-4n/Gi1/0/31", linkSpeedMbps: 100, duplex: "full", ttl: 64, dhcpFingerprint: "1,121,3,6,15,119,252", tcpSignature: "4:64+0:0:1460:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", ja4: "t13d1516h2_8daaf6152771_b186095e22b6" } },
});
/** A third device behind the same MAC: a laptop. */
const laptop = (mac: string) => ({
  ...printer(mac),
  physical: { ethernet: { switchPort: "sw-4n/Gi1/0/40", linkSpeedMbps: 1000, duplex: "full", ttl: 128, dhcpFingerprint: "1,15,3,6,44,46,47,31,33,121,249,43", tcpSignature: "4:128+0:0:1460:mss,nop,ws,nop,nop,sok:df,id+:0", ja4: "t13d1715h2_5b57614c22b0_3d5424432f57" } },
});
/** A keyboard with a card reader: its own findings at every report, whatever the fingerprint. */
const cardReaderKeyboard = (serial: string) => ({
  observedAt: new Date().toISOString(),
  channel: "usb",
  claimed: { usb: { vendorId: "046d", productId: "c31c", serial, manufacturer: "Logitech", product: "USB Keyboard" } },
  physical: { usb: { port: "1-3", speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }], keystrokeRateCps: 950 } },
});

const byMac = (mac: string) => db().device.findMany({ where: { claimedMac: mac }, orderBy: { createdAt: "asc" } });
const spoofAlert = (deviceId: string) => db().alert.findFirst({ where: { deviceId, kind: "spoof" }, orderBy: { firstAt: "desc" } });
const audits = (targetId: string, action: string) => db().auditLog.count({ where: { targetId, action } });

/** A printer whose MAC an implant cloned: one device, suspect, with both fingerprints in its history. */
async function clonedPrinter(mac: string) {
  const { token } = await enrol(`sensor-${mac.slice(-2)}`, `Campus ${mac.slice(-2)}`);
  await postReport(token, report([printer(mac)]));
  await postReport(token, report([implant(mac)]));
  await postReport(token, report([printer(mac)]));
  const [device] = await byMac(mac);
  return { token, device };
}

afterEach(() => vi.useRealTimers());

describe("who decides", () => {
  it("analysts and admins decide spoof findings; engineers and viewers do not", () => {
    expect([canDecideSpoof({ role: "admin" }), canDecideSpoof({ role: "analyst" }), canDecideSpoof({ role: "engineer" }), canDecideSpoof({ role: "viewer" })]).toEqual([true, true, false, false]);
  });
});

describe("confirm a spoof", () => {
  it("keeps the device suspect and critical, acknowledges the alert, and refuses approval until withdrawn", async () => {
    const { token, device } = await clonedPrinter("3c:d9:2b:10:20:31");
    expect(device.spoofSuspected).toBe(true);
    await expect(decideSpoof(db(), device.id, { decision: "confirm" }, analyst)).rejects.toMatchObject({ status: 400, code: "reason_required" });
    expect((await db().device.findUniqueOrThrow({ where: { id: device.id } })).spoofConfirmedAt).toBeNull();

    await decideSpoof(db(), device.id, { decision: "confirm", reason: "implant found behind the printer's wall jack" }, analyst);
    const confirmed = await db().device.findUniqueOrThrow({ where: { id: device.id } });
    expect(confirmed).toMatchObject({ spoofSuspected: true, spoofConfirmedBy: "test-analyst", spoofConfirmedReason: "implant found behind the printer's wall jack", riskTier: "critical" });
    expect(await spoofAlert(device.id)).toMatchObject({ status: "acknowledged" });
    expect(await audits(device.id, "device.spoof_confirm")).toBe(1);

    const approve = { decision: "approve", reason: "looks fine", acknowledgeSpoof: true };
    await expect(decideDevices(db(), [device.id], approve, analyst)).rejects.toMatchObject({ status: 400, code: "spoof_confirmed" });
    await expect(decideSpoof(db(), device.id, { decision: "dismiss", reason: "x", expiry: "7" }, analyst)).rejects.toMatchObject({ status: 409 });

    // A later report keeps it suspect; risk stays critical.
    await postReport(token, report([implant("3c:d9:2b:10:20:31")]));
    await refreshRisk(db(), { trigger: "ingest" });
    expect(await db().device.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ spoofSuspected: true, riskTier: "critical" });

    await decideSpoof(db(), device.id, { decision: "withdraw", reason: "the jack was the printer's own" }, analyst);
    expect(await db().device.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ spoofConfirmedAt: null, spoofSuspected: true });
    await decideDevices(db(), [device.id], approve, analyst);
    expect(await db().device.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ status: "authorized" });
  });

  it("blocking stays available on a confirmed spoof; a device not suspected has nothing to confirm", async () => {
    const { device } = await clonedPrinter("3c:d9:2b:10:20:32");
    await decideSpoof(db(), device.id, { decision: "confirm", reason: "implant" }, analyst);
    await decideDevices(db(), [device.id], { decision: "block", reason: "hostile" }, analyst);
    expect(await db().device.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ status: "unauthorized", spoofSuspected: true });

    const { token } = await enrol("sensor-plain", "Plain Campus");
    await postReport(token, report([printer("3c:d9:2b:10:20:99")]));
    const [plain] = await byMac("3c:d9:2b:10:20:99");
    await expect(decideSpoof(db(), plain.id, { decision: "confirm", reason: "x" }, analyst)).rejects.toMatchObject({ status: 409 });
    await expect(decideSpoof(db(), "no-such-device", { decision: "confirm", reason: "x" }, analyst)).rejects.toMatchObject({ status: 404 });
    await expect(decideSpoof(db(), plain.id, { decision: "dismiss", reason: "x", expiry: "365" }, analyst)).rejects.toMatchObject({ status: 400, code: "invalid_spoof_decision" });
  });
});

describe("dismiss as false positive", () => {
  it("clears the suspicion until the expiry, closes the alert, leaves the status; after the expiry the finding fires again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T09:00:00Z"));
    const { token } = await enrol("sensor-kbd", "Keyboard Campus");
    await postReport(token, report([cardReaderKeyboard("DIS-1")]));
    const suspect = await db().device.findFirstOrThrow({ where: { usbSerial: "DIS-1" } });
    expect(suspect.spoofSuspected).toBe(true);

    await decideSpoof(db(), suspect.id, { decision: "dismiss", reason: "card-reader keyboard at the admissions desk", expiry: "7" }, analyst);
    const dismissed = await db().device.findUniqueOrThrow({ where: { id: suspect.id } });
    expect(dismissed).toMatchObject({ spoofSuspected: false, riskStale: false, status: suspect.status });
    expect(dismissed.spoofDismissal).toMatchObject({ until: "2026-12-08T09:00:00.000Z", by: "test-analyst", rules: expect.arrayContaining(["keyboardWithHiddenInterfaces"]) });
    const closed = await spoofAlert(suspect.id);
    expect(closed).toMatchObject({ status: "resolved", resolvedReason: "spoof dismissed as false positive by test-analyst: card-reader keyboard at the admissions desk" });
    expect(await audits(suspect.id, "device.spoof_dismiss")).toBe(1);

    vi.setSystemTime(new Date("2026-12-05T09:00:00Z"));
    await postReport(token, report([cardReaderKeyboard("DIS-1")]));
    expect(await db().device.findUniqueOrThrow({ where: { id: suspect.id } })).toMatchObject({ spoofSuspected: false });
    expect(await db().alert.count({ where: { deviceId: suspect.id, kind: "spoof", status: { not: "resolved" } } })).toBe(0);

    vi.setSystemTime(new Date("2026-12-08T09:00:01Z"));
    await postReport(token, report([cardReaderKeyboard("DIS-1")]));
    expect(await db().device.findUniqueOrThrow({ where: { id: suspect.id } })).toMatchObject({ spoofSuspected: true });
    expect(await db().alert.count({ where: { deviceId: suspect.id, kind: "spoof", status: { not: "resolved" } } })).toBe(1);
  });

  it("'never while this fingerprint' holds with no expiry", async () => {
    const { token } = await enrol("sensor-kbd-2", "Keyboard Campus 2");
    await postReport(token, report([cardReaderKeyboard("DIS-2")]));
    const suspect = await db().device.findFirstOrThrow({ where: { usbSerial: "DIS-2" } });
    const result = await decideSpoof(db(), suspect.id, { decision: "dismiss", reason: "known model", expiry: "fingerprint" }, analyst);
    expect(result.message).toMatch(/while the device's fingerprint stays the same/);
    expect((await db().device.findUniqueOrThrow({ where: { id: suspect.id } })).spoofDismissal).toMatchObject({ until: null });
  });
});

describe("split a cloned identity", () => {
  it("makes the chosen fingerprint a device of its own, and routes later reports by fingerprint", async () => {
    const mac = "3c:d9:2b:10:20:40";
    const { token, device } = await clonedPrinter(mac);
    const history = await db().fingerprint.findMany({ where: { deviceId: device.id }, orderBy: { firstSeenAt: "asc" } });
    expect(history).toHaveLength(2);
    const [printerFp, implantFp] = history;

    await expect(decideSpoof(db(), device.id, { decision: "split", fingerprintId: "nope", reason: "x" }, analyst)).rejects.toMatchObject({ status: 400, code: "invalid_split" });
    const result = await decideSpoof(db(), device.id, { decision: "split", fingerprintId: implantFp.id, name: "Implant on Gi1/0/31", reason: "two devices on one MAC" }, analyst);
    expect(result.message).toMatch(/1 observation moved/);

    const [holder, split] = await byMac(mac);
    expect(split).toMatchObject({ displayName: "Implant on Gi1/0/31", status: "pending", splitFromId: holder.id, currentFingerprintId: implantFp.id, switchPort: "sw-4n/Gi1/0/31", spoofSuspected: false });
    expect(holder).toMatchObject({ id: device.id, currentFingerprintId: printerFp.id, switchPort: "sw-4n/Gi1/0/7", spoofSuspected: false });
    expect(await db().fingerprint.findUniqueOrThrow({ where: { id: implantFp.id } })).toMatchObject({ deviceId: split.id });
    expect(await db().observation.count({ where: { deviceId: split.id } })).toBe(1);
    expect(await db().observation.count({ where: { deviceId: holder.id } })).toBe(2);
    expect(await spoofAlert(holder.id)).toMatchObject({ status: "resolved", resolvedReason: "split into two devices by test-analyst: two devices on one MAC" });
    expect([await audits(holder.id, "device.spoof_split"), await audits(split.id, "device.split_created")]).toEqual([1, 1]);

    // The implant and the printer report again, in one report and apart: each to its own device.
    await postReport(token, report([implant(mac), printer(mac)]));
    await postReport(token, report([implant(mac)]));
    expect(await db().observation.count({ where: { deviceId: split.id } })).toBe(3);
    expect(await db().observation.count({ where: { deviceId: holder.id } })).toBe(3);
    expect(await db().device.count({ where: { claimedMac: mac } })).toBe(2);
    for (const d of await byMac(mac)) expect(d.spoofSuspected).toBe(false);

    // A third device behind the same MAC is still a spoof finding, on the holder.
    await postReport(token, report([laptop(mac)]));
    expect(await db().device.findUniqueOrThrow({ where: { id: holder.id } })).toMatchObject({ spoofSuspected: true });
    expect(await db().device.findUniqueOrThrow({ where: { id: split.id } })).toMatchObject({ spoofSuspected: false });
    expect(await spoofAlert(holder.id)).toMatchObject({ status: "open" });
  });

  it("refuses to split a device that has a single fingerprint", async () => {
    const { token } = await enrol("sensor-single", "Single Campus");
    await postReport(token, report([printer("3c:d9:2b:10:20:50")]));
    const [only] = await byMac("3c:d9:2b:10:20:50");
    await expect(decideSpoof(db(), only.id, { decision: "split", fingerprintId: only.currentFingerprintId, reason: "x" }, analyst)).rejects.toMatchObject({ status: 400, code: "invalid_split" });
    expect(await db().device.count({ where: { claimedMac: "3c:d9:2b:10:20:50" } })).toBe(1);
  });
});
