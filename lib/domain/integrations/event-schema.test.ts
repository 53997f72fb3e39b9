import { describe, expect, it } from "vitest";
import { alertEvent, auditEvent, testEvent } from "./event-compose";
import { alertEventSchema, auditEventSchema, quarantineEventSchema, testEventSchema, webhookOperations } from "./event-schema";
import type { EventDevice } from "./events";

const at = new Date("2026-12-01T10:00:00Z");
const device: EventDevice = { id: "d1", name: "Pump", category: "infusion_pump", vendor: null, model: null, status: "pending", statusReason: null, mac: "58:42:e4:00:00:07", ip: null, hostname: null, usb: null, site: "Main", segment: "ICU", switchPort: "Gi1/0/7", vlan: 20, riskScore: 10, riskTier: "low" };
const row = (action: string) => ({ id: "l1", at, actorLabel: "a@x", action, targetType: "device", targetId: "d1", before: null, after: { reason: "r" }, ip: null });

describe("the documented event schemas describe what is sent", () => {
  it("parse each kind of composed event, strictly", () => {
    const alert = alertEvent({ id: "a1", kind: "spoof", severity: "critical", title: "t", status: "open", count: 1, firstAt: at, lastAt: at, detail: { findings: [] } }, device, null, null);
    expect(alertEventSchema.strict().parse(alert)).toEqual(alert);
    expect(auditEventSchema.strict().parse(auditEvent(row("user.create"), null, null))).toBeTruthy();
    expect(quarantineEventSchema.strict().parse(auditEvent(row("device.block"), device, null))).toBeTruthy();
    expect(testEventSchema.strict().parse(testEvent("u", at, "x"))).toBeTruthy();
    expect(() => quarantineEventSchema.parse(auditEvent(row("user.create"), device, null))).toThrow();
  });

  it("document one webhook per event type, with the signature headers", () => {
    const ops = webhookOperations();
    expect(Object.keys(ops)).toEqual(["alert", "audit", "device.blocked", "device.allowed", "test"]);
    expect(ops["device.blocked"].post.parameters.map((p) => p.name)).toContain("x-iomt-signature");
    expect(ops["device.blocked"].post.operationId).toBe("webhookDeviceBlocked");
  });
});
