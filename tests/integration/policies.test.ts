import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createPolicy, setPolicyEnabled } from "@/lib/commands/policy-editing";
import { decideDevices } from "@/lib/commands/device-decisions";
import { enrol, postReport, report } from "./agent-api";

const usb = (vendorId: string, productId: string, serial: string) => ({
  observedAt: new Date().toISOString(),
  channel: "usb",
  claimed: { usb: { vendorId, productId, serial, product: "USB device" } },
  physical: { usb: { port: "1-2", interfaces: [{ class: 3, subclass: 1, protocol: 2 }] } },
});

describe("policies", () => {
  it("a USB allow-list authorizes listed devices and makes others unauthorized, with the reason", async () => {
    const { token } = await enrol("host-ws-07", "Allow Campus");
    const site = await getDb().site.findUniqueOrThrow({ where: { name: "Allow Campus" } });
    await createPolicy(getDb(), { kind: "usb_allow", name: "Ward mice", siteId: site.id, rules: { entries: [{ vendorId: "046D", productId: "C077" }] } }, { system: "test" });
    await postReport(token, report([usb("046d", "c077", "M-1"), usb("1234", "5678", "X-1")]));
    const listed = await getDb().device.findFirstOrThrow({ where: { usbSerial: "M-1" } });
    const other = await getDb().device.findFirstOrThrow({ where: { usbSerial: "X-1" } });
    expect(listed).toMatchObject({ status: "authorized", statusRule: "usb.allow_list" });
    expect(other).toMatchObject({ status: "unauthorized", statusRule: "usb.allow_list" });
    expect(other.statusReason).toContain("not on the USB allow-list");
  });

  it("an open spoof suspicion wins over the allow-list, and approving the device needs the evidence acknowledged", async () => {
    const { token } = await enrol("host-ws-kiosk", "Spoof Campus");
    const site = await getDb().site.findUniqueOrThrow({ where: { name: "Spoof Campus" } });
    await createPolicy(getDb(), { kind: "usb_allow", name: "Kiosk keyboards", siteId: site.id, rules: { entries: [{ vendorId: "046D", productId: "C31C" }] } }, { system: "test" });
    const keyboard = { ...usb("046d", "c31c", "K-1"), claimed: { usb: { vendorId: "046d", productId: "c31c", serial: "K-1", manufacturer: "Logitech", product: "USB Keyboard" } } };
    // The injector forges the same identity; what was measured gives it away: a hidden mass-storage
    // interface and 950 characters a second.
    const injector = {
      ...usb("046d", "c31c", "K-2"),
      claimed: { usb: { vendorId: "046d", productId: "c31c", serial: "K-2", manufacturer: "Logitech", product: "USB Keyboard" } },
      physical: { usb: { port: "1-3", interfaces: [{ class: 3, subclass: 1, protocol: 1 }, { class: 8, subclass: 6, protocol: 80 }], keystrokeRateCps: 950 } },
    };
    await postReport(token, report([keyboard, injector]));
    const genuine = await getDb().device.findFirstOrThrow({ where: { usbSerial: "K-1" } });
    const forged = await getDb().device.findFirstOrThrow({ where: { usbSerial: "K-2" } });
    expect(genuine).toMatchObject({ status: "authorized", statusRule: "usb.allow_list", spoofSuspected: false });
    expect(forged).toMatchObject({ status: "unauthorized", statusRule: "spoof.suspected", spoofSuspected: true });
    expect(forged.statusReason).toMatch(/^spoof suspected: .*Kiosk keyboards: USB 046d:c31c is on the allow-list, but an allow-list trusts the very identity a spoof forges/);
    expect(await getDb().alert.count({ where: { deviceId: forged.id, kind: "unauthorized", status: "open" } })).toBe(1);

    // The next report does not flip it back to authorized.
    await postReport(token, report([injector]));
    expect(await getDb().device.findUniqueOrThrow({ where: { id: forged.id } })).toMatchObject({ status: "unauthorized", statusRule: "spoof.suspected" });

    const person = { system: "test-biomed" };
    await expect(decideDevices(getDb(), [forged.id], { decision: "approve", reason: "it is ours" }, person)).rejects.toMatchObject({ status: 400, code: "spoof_not_acknowledged" });
    expect(await getDb().device.findUniqueOrThrow({ where: { id: forged.id } })).toMatchObject({ status: "unauthorized" });
    expect(await getDb().auditLog.count({ where: { action: "device.approve", targetId: forged.id } })).toBe(0);

    await decideDevices(getDb(), [forged.id], { decision: "approve", reason: "a keyboard with a card reader, checked", acknowledgeSpoof: true }, person);
    expect(await getDb().device.findUniqueOrThrow({ where: { id: forged.id } })).toMatchObject({ status: "authorized", statusRule: "user:approve", spoofSuspected: false });
    const row = await getDb().auditLog.findFirstOrThrow({ where: { action: "device.approve", targetId: forged.id } });
    expect(row.before).toMatchObject({ status: "unauthorized", spoofSuspected: true });
    const acknowledged = (row.after as { spoofAcknowledged: string[] }).spoofAcknowledged;
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.join(" ")).toMatch(/keystroke|interface|storage/i);
  });

  it("a blocked device that comes back under a new serial with the same physical fingerprint stays blocked, with its own alert", async () => {
    const { token } = await enrol("host-ws-returns", "Return Campus");
    const ducky = (serial: string, port: string) => ({
      observedAt: new Date().toISOString(),
      channel: "usb",
      claimed: { usb: { vendorId: "05ac", productId: "0227", serial, manufacturer: "Apple", product: "Keyboard" } },
      physical: { usb: { port, speed: "full", bcdUSB: "2.00", bcdDevice: "1.00", deviceClass: 0, maxPowerMa: 100, interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }], hidReportDescriptorSha256: "9f2c0d5b".repeat(8) } },
    });
    await postReport(token, report([ducky("DUCKY-1", "1-4")]));
    const first = await getDb().device.findFirstOrThrow({ where: { usbSerial: "DUCKY-1" } });
    await decideDevices(getDb(), [first.id], { decision: "block", reason: "keystroke injector found at the nurses' station" }, { system: "test-soc" });

    // Back on another port with a new serial string: a new claimed identity, the same device.
    await postReport(token, report([ducky("DUCKY-2", "1-6")]));
    const back = await getDb().device.findFirstOrThrow({ where: { usbSerial: "DUCKY-2" } });
    expect(back.id).not.toBe(first.id);
    expect(back).toMatchObject({ status: "unauthorized", statusRule: "blocked.fingerprint" });
    expect(back.statusReason).toBe(`same physical fingerprint as ${first.displayName}, which a person blocked: it came back under another claimed identity`);
    const [alert] = await getDb().alert.findMany({ where: { deviceId: back.id, kind: "blocked_returned" } });
    expect(alert).toMatchObject({ severity: "critical", status: "open", detail: { blockedDeviceId: first.id } });

    // Another physical fingerprint under the same model name is not that device.
    const other = ducky("KB-3", "1-7");
    other.physical.usb.hidReportDescriptorSha256 = "1a2b3c4d".repeat(8);
    await postReport(token, report([other]));
    const unrelated = await getDb().device.findFirstOrThrow({ where: { usbSerial: "KB-3" } });
    expect(unrelated.statusRule).not.toBe("blocked.fingerprint");
    expect(await getDb().alert.count({ where: { deviceId: unrelated.id, kind: "blocked_returned" } })).toBe(0);
  });

  it("rejects an invalid policy, naming the field, and writes nothing", async () => {
    const before = await getDb().policy.count();
    await expect(createPolicy(getDb(), { kind: "usb_allow", name: "x", rules: { entries: [{ vendorId: "zz", productId: "1" }] } }, { system: "test" })).rejects.toMatchObject({
      status: 400,
      issues: expect.arrayContaining([expect.objectContaining({ path: "rules.entries.0.vendorId" })]),
    });
    await expect(createPolicy(getDb(), { kind: "baseline", name: "empty", rules: {} }, { system: "test" })).rejects.toMatchObject({ status: 400 });
    expect(await getDb().policy.count()).toBe(before);
  });

  it("a disabled policy is not applied, and switching is audited", async () => {
    const p = await createPolicy(getDb(), { kind: "baseline", name: "Nothing allowed", rules: { categories: ["ventilator"] } }, { system: "test" });
    await setPolicyEnabled(getDb(), p.id, false, { system: "test" });
    const { token } = await enrol();
    await postReport(token, report([{ observedAt: new Date().toISOString(), channel: "ethernet", claimed: { mac: "00:1b:63:00:00:99" }, network: { segment: "IT-VLAN-10" } }]));
    expect((await getDb().device.findFirstOrThrow({ where: { claimedMac: "00:1b:63:00:00:99" } })).status).toBe("pending");
    expect(await getDb().auditLog.count({ where: { targetId: p.id, action: "policy.disable" } })).toBe(1);
  });
});
