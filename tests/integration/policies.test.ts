import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createPolicy, setPolicyEnabled } from "@/lib/commands/policy-editing";
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
