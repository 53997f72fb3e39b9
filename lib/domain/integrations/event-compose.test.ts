import { describe, expect, it } from "vitest";
import { auditEvent, deviceLink } from "./event-compose";
import type { EventDevice } from "./events";

const at = new Date("2026-12-01T10:00:00Z");
const device: EventDevice = {
  id: "d1", name: "Infusion pump 4N-7", category: "infusion_pump", vendor: "Baxter", model: "Sigma", status: "unauthorized", statusReason: null,
  mac: "58:42:e4:00:00:07", ip: "10.20.4.7", hostname: "INF-7", usb: null, site: "Main", segment: "ICU-VLAN-20", switchPort: "sw-icu-2/Gi1/0/7", vlan: 20, riskScore: 71, riskTier: "high",
};

describe("quarantine events", () => {
  it("a block carries what a NAC needs: MAC, IP, switch port, VLAN, reason, who", () => {
    const e = auditEvent({ id: "l1", at, actorLabel: "admin@x", action: "device.block", targetType: "device", targetId: "d1", before: null, after: { status: "unauthorized", reason: "rogue\nclone" }, ip: null }, device, "https://dash/devices/d1");
    expect(e).toMatchObject({ id: "audit:l1", type: "device.blocked", kind: "device.blocked", severity: "high", link: "https://dash/devices/d1" });
    expect(e.quarantine).toEqual({ action: "block", mac: device.mac, ip: device.ip, switchPort: device.switchPort, vlan: 20, reason: "rogue\nclone", decidedBy: "admin@x" });
    expect(e.summary).toBe("Blocked Infusion pump 4N-7 (MAC 58:42:e4:00:00:07, port sw-icu-2/Gi1/0/7, VLAN 20) by admin@x: rogue clone");
  });

  it("an approval is device.allowed (info), with a reason in words when none was given", () => {
    const e = auditEvent({ id: "l2", at, actorLabel: "eng@x", action: "device.approve", targetType: "device", targetId: "d1", before: null, after: { reason: null }, ip: null }, null, null);
    expect(e).toMatchObject({ type: "device.allowed", severity: "info", quarantine: { action: "allow", mac: null, reason: "approved by eng@x" } });
  });

  it("links to the device page only when the dashboard knows its address", () => {
    expect(deviceLink("https://dash.example/", "d 1")).toBe("https://dash.example/devices/d%201");
    expect(deviceLink(undefined, "d1")).toBeNull();
  });
});
