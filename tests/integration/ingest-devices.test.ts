// What ingestion does with devices: resolution by identity keys, concurrency, fingerprints,
// snapshots, policies and spoof detection, end to end through the route handler.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { decideDevices } from "@/lib/commands/device-decisions";
import { enrol, postReport, pump, report } from "./agent-api";

const db = () => getDb();

/** A Logitech USB keyboard (046d:c31c) as an agent reports it; `usb` is how it behaves on the bus. */
const logitechKeyboard = (serial: string, usb: Record<string, unknown>) => ({
  observedAt: new Date().toISOString(),
  channel: "usb",
  claimed: { usb: { vendorId: "046d", productId: "c31c", manufacturer: "Logitech", product: "USB Keyboard", serial } },
  physical: { usb: { deviceClass: 0, ...usb } },
});
const HID_KEYBOARD = { class: 3, subclass: 1, protocol: 1, endpoints: 1 };

describe("device resolution", () => {
  it("finds a device by its MAC in any spelling", async () => {
    const agent = await enrol();
    await postReport(agent.token, report([pump(1001, { claimed: { mac: "00:09:FB:AB:CD:01", hostname: "MON-1" } })]));
    const res = await postReport(agent.token, report([pump(1001, { claimed: { mac: "0009.fbab.cd01", hostname: "MON-1" } })]));
    expect(res.body.devices).toEqual({ new: 0, updated: 1 });
    expect(await db().device.count({ where: { claimedMac: "00:09:fb:ab:cd:01" } })).toBe(1);
  });

  it("two agents reporting the same new device at the same time make one device", async () => {
    const [a, b] = [await enrol(), await enrol()];
    const shared = pump(2001);
    const results = await Promise.all([postReport(a.token, report([shared, pump(2002)])), postReport(b.token, report([shared, pump(2003)]))]);
    expect(results.map((r) => r.status)).toEqual([202, 202]);
    expect(await db().device.count({ where: { claimedMac: "58:42:e4:00:07:d1" } })).toBe(1);
    expect(await db().observation.count({ where: { device: { claimedMac: "58:42:e4:00:07:d1" } } })).toBe(2);
    expect(results.reduce((n, r) => n + r.body.devices.new, 0)).toBe(3);
  });

  it("fills vendor from the IEEE registry and the category from evidence, with the rule", async () => {
    const agent = await enrol();
    await postReport(agent.token, report([pump(3001, { claimed: { mac: "00:09:fb:11:22:33" } })]));
    const d = await db().device.findFirstOrThrow({ where: { claimedMac: "00:09:fb:11:22:33" } });
    expect(d.ouiVendor).toMatch(/Philips/i);
    expect(d.categoryRule).toBeTruthy();
  });
});

describe("snapshots", () => {
  it("a device the agent saw before and no longer lists is marked not seen, and seen again later", async () => {
    const agent = await enrol();
    await postReport(agent.token, report([pump(4001), pump(4002)], { mode: "snapshot" }));
    await postReport(agent.token, report([pump(4001)], { mode: "snapshot" }));
    const gone = await db().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-4002" } });
    const here = await db().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-4001" } });
    expect(gone.notSeenAt).not.toBeNull();
    expect(here.notSeenAt).toBeNull();
    await postReport(agent.token, report([pump(4002)]));
    expect((await db().device.findUniqueOrThrow({ where: { id: gone.id } })).notSeenAt).toBeNull();
  });

  it("a delta report marks nothing as not seen", async () => {
    const agent = await enrol();
    await postReport(agent.token, report([pump(4101), pump(4102)]));
    await postReport(agent.token, report([pump(4101)]));
    expect(await db().device.count({ where: { claimedHostname: { in: ["INFUSION-4N-4101", "INFUSION-4N-4102"] }, notSeenAt: { not: null } } })).toBe(0);
  });
});

describe("presence", () => {
  it("each known device keeps its own sighting time, as a real agent stamps them; a sighting within the minute writes nothing", async () => {
    const agent = await enrol();
    const ago = (ms: number) => new Date(Date.now() - ms);
    const first = ago(600_000);
    await postReport(agent.token, report([4201, 4202, 4203, 4204].map((n) => pump(n, { observedAt: first.toISOString() }))));
    const noPort = pump(4203);
    const seen = { 4201: ago(3_000), 4202: ago(2_000), 4203: ago(1_000), 4204: new Date(first.getTime() + 30_000) };
    const again = [
      pump(4201, { observedAt: seen[4201].toISOString() }),
      pump(4202, { observedAt: seen[4202].toISOString() }),
      { ...noPort, observedAt: seen[4203].toISOString(), physical: { ethernet: { ...noPort.physical.ethernet, switchPort: undefined } } },
      pump(4204, { observedAt: seen[4204].toISOString() }),
    ];
    expect((await postReport(agent.token, report(again))).status).toBe(202);
    const devices = await db().device.findMany({ where: { claimedHostname: { startsWith: "INFUSION-4N-420" } }, select: { claimedHostname: true, lastSeenAt: true, lastAgentId: true, switchPortSeenAt: true, notSeenAt: true } });
    const by = new Map(devices.map((d) => [Number(d.claimedHostname!.slice(-4)), d]));
    for (const n of [4201, 4202, 4203] as const) expect(by.get(n)!.lastSeenAt.toISOString()).toBe(seen[n].toISOString());
    expect(by.get(4204)!.lastSeenAt.toISOString()).toBe(first.toISOString());
    expect(by.get(4201)!.switchPortSeenAt!.toISOString()).toBe(seen[4201].toISOString());
    for (const d of devices) expect([d.lastAgentId, d.notSeenAt]).toEqual([agent.id, null]);
  });
});

describe("policies", () => {
  it("a device outside the segment's baseline becomes unauthorized with the reason, and an alert", async () => {
    const agent = await enrol("sensor-policy-01", "Policy Campus");
    const site = await db().site.findUniqueOrThrow({ where: { name: "Policy Campus" } });
    await db().policy.create({ data: { name: "ICU baseline", kind: "baseline", siteId: site.id, rules: { categories: ["infusion_pump", "patient_monitor", "ventilator"] } } });
    const rogue = { observedAt: new Date().toISOString(), channel: "ethernet", claimed: { mac: "b8:27:eb:01:02:03", hostname: "raspberrypi" }, physical: { ethernet: { switchPort: "sw-icu-2/Gi1/0/40", ttl: 64 } }, network: { segment: "ICU-VLAN-20", openPorts: [22] } };
    await postReport(agent.token, report([rogue]));
    const d = await db().device.findFirstOrThrow({ where: { claimedMac: "b8:27:eb:01:02:03" } });
    expect(d.status).toBe("unauthorized");
    expect(d.statusReason).toContain("ICU baseline");
    expect(await db().alert.count({ where: { deviceId: d.id, kind: "unauthorized", status: "open" } })).toBe(1);
  });

  it("a person's approval stands, is audited, and repeats bump one alert instead of adding more", async () => {
    const agent = await enrol();
    await postReport(agent.token, report([pump(5001)]));
    const d = await db().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-5001" } });
    await decideDevices(db(), [d.id], { decision: "approve", reason: "biomed checked it" }, { system: "test" });
    await postReport(agent.token, report([pump(5001)]));
    const after = await db().device.findUniqueOrThrow({ where: { id: d.id } });
    expect(after).toMatchObject({ status: "authorized", statusRule: "user:approve", statusReason: "biomed checked it" });
    expect(await db().auditLog.count({ where: { action: "device.approve", targetId: d.id } })).toBe(1);
    expect(await db().alert.count({ where: { deviceId: d.id, kind: "new_device" } })).toBe(1);
  });
});

describe("spoof detection", () => {
  it("a printer's MAC cloned on another switch port with another physical fingerprint raises a spoof alert", async () => {
    const agent = await enrol();
    const printer = {
      observedAt: new Date().toISOString(),
      channel: "ethernet",
      claimed: { mac: "3c:d9:2b:10:20:30", hostname: "PRN-4N-01", vendor: "HP" },
      physical: { ethernet: { switchPort: "sw-4n/Gi1/0/7", linkSpeedMbps: 1000, duplex: "full", ttl: 255, dhcpFingerprint: "1,3,6,15,44,47", tcpSignature: "4:255+0:0:1460:mss,nop,ws:df:0", ja4: "t12d1210h1_aaaaaaaaaaaa_bbbbbbbbbbbb" } },
      network: { segment: "WARD-4N-VLAN-24", openPorts: [9100, 631, 80] },
    };
    await postReport(agent.token, report([printer]));
    const implant = {
      ...printer,
      physical: { ethernet: { switchPort: "sw-4n/Gi1/0/31", linkSpeedMbps: 100, duplex: "full", ttl: 64, dhcpFingerprint: "1,121,3,6,15,119,252", tcpSignature: "4:64+0:0:1460:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", ja4: "t13d1516h2_8daaf6152771_b186095e22b6" } },
    };
    await postReport(agent.token, report([implant]));
    const d = await db().device.findFirstOrThrow({ where: { claimedMac: "3c:d9:2b:10:20:30" } });
    expect(d.spoofSuspected).toBe(true);
    const alert = await db().alert.findFirstOrThrow({ where: { deviceId: d.id, kind: "spoof" } });
    expect(alert.severity).toBe("critical");
    expect(JSON.stringify(alert.detail)).toMatch(/macOnTwoPorts|knownIdentityFingerprintMismatch/);
  });

  it("a 'keyboard' that also exposes mass storage and types at 900 characters a second is a spoof", async () => {
    const agent = await enrol();
    const injector = logitechKeyboard("INJ-1", { port: "1-1.2", speed: "full", bcdUSB: "2.00", maxPowerMa: 100, interfaces: [HID_KEYBOARD, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }], keystrokeRateCps: 900 });
    await postReport(agent.token, report([injector]));
    const d = await db().device.findFirstOrThrow({ where: { usbSerial: "INJ-1" } });
    expect(d.spoofSuspected).toBe(true);
    const alert = await db().alert.findFirstOrThrow({ where: { deviceId: d.id, kind: "spoof" } });
    const rules = JSON.stringify(alert.detail);
    expect(rules).toContain("keyboardWithHiddenInterfaces");
    expect(rules).toContain("superhumanKeystrokeRate");
  });

  it("an ordinary keyboard typing like a person is not a spoof", async () => {
    const agent = await enrol();
    const keyboard = logitechKeyboard("KB-1", { port: "1-1.3", speed: "low", bcdUSB: "1.10", maxPowerMa: 90, interfaces: [HID_KEYBOARD], keystrokeRateCps: 6 });
    await postReport(agent.token, report([keyboard]));
    const d = await db().device.findFirstOrThrow({ where: { usbSerial: "KB-1" } });
    expect(d.spoofSuspected).toBe(false);
    expect(d.category).toBe("usb_peripheral");
  });
});
