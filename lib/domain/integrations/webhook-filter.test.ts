import { describe, expect, it } from "vitest";
import { alertEvent, auditEvent, testEvent } from "./event-compose";
import { severityRank, webhookKindsOf, webhookWants } from "./webhook-filter";

const at = new Date("2026-12-01T10:00:00Z");
const alert = (kind: string, severity: string) => alertEvent({ id: "a1", kind, severity, title: "t", status: "open", count: 1, firstAt: at, lastAt: at, detail: null }, null, null, null);
const entry = (action: string) => auditEvent({ id: "l1", at, actorLabel: "admin@x", action, targetType: "device", targetId: "d1", before: null, after: { reason: "rogue" }, ip: null }, null, null);

describe("which events a webhook wants", () => {
  it("alerts of the chosen kinds at or above the minimum severity", () => {
    const sub = { kinds: ["spoof", "new_device"], minSeverity: "high" };
    expect(webhookWants(sub, alert("spoof", "critical"))).toBe(true);
    expect(webhookWants(sub, alert("spoof", "high"))).toBe(true);
    expect(webhookWants(sub, alert("spoof", "medium"))).toBe(false);
    expect(webhookWants(sub, alert("risk_jump", "critical"))).toBe(false);
  });

  it("audit entries when it names audit; quarantine by its own kind or as audit, whatever the minimum", () => {
    expect(webhookWants({ kinds: ["audit"], minSeverity: "critical" }, entry("user.create"))).toBe(true);
    expect(webhookWants({ kinds: ["spoof"], minSeverity: "info" }, entry("user.create"))).toBe(false);
    expect(webhookWants({ kinds: ["device.blocked"], minSeverity: "critical" }, entry("device.block"))).toBe(true);
    expect(webhookWants({ kinds: ["device.blocked"], minSeverity: "info" }, entry("device.approve"))).toBe(false);
    expect(webhookWants({ kinds: ["device.allowed"], minSeverity: "critical" }, entry("device.approve"))).toBe(true);
    expect(webhookWants({ kinds: ["audit"], minSeverity: "info" }, entry("device.block"))).toBe(true);
  });

  it("never a test event through the fan-out, and nothing from a malformed kinds column", () => {
    expect(webhookWants({ kinds: ["audit", "spoof"], minSeverity: "info" }, testEvent("u", at, "x"))).toBe(false);
    expect(webhookWants({ kinds: "spoof", minSeverity: "info" }, alert("spoof", "critical"))).toBe(false);
    expect(webhookKindsOf(["spoof", 3, "nope", "audit"])).toEqual(["spoof", "audit"]);
  });

  it("ranks severities, unknown as info", () => {
    expect(["critical", "high", "medium", "low", "info", "??"].map(severityRank)).toEqual([4, 3, 2, 1, 0, 0]);
  });
});
