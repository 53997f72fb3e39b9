import { describe, expect, it } from "vitest";
import type { OutboundEvent } from "./events";
import { readSyslogEventChoice, syslogWants } from "./syslog-filter";

function event(type: OutboundEvent["type"], severity: OutboundEvent["severity"] = "info"): OutboundEvent {
  return { schema: "iomt.event/v1", id: `${type}:1`, type, kind: type, severity, occurredAt: "2026-01-01T00:00:00Z", summary: "s", link: null };
}

describe("syslogWants", () => {
  const alertsFromHigh = { events: { alerts: true, audit: false }, minSeverity: "high" };

  it("sends alerts at or above the minimum severity only", () => {
    expect(syslogWants(alertsFromHigh, event("alert", "critical"))).toBe(true);
    expect(syslogWants(alertsFromHigh, event("alert", "high"))).toBe(true);
    expect(syslogWants(alertsFromHigh, event("alert", "medium"))).toBe(false);
  });

  it("sends audit entries and quarantine decisions when audit is chosen", () => {
    const auditOnly = { events: { alerts: false, audit: true }, minSeverity: "critical" };
    expect(syslogWants(auditOnly, event("audit"))).toBe(true);
    expect(syslogWants(auditOnly, event("device.blocked"))).toBe(true);
    expect(syslogWants(auditOnly, event("device.allowed"))).toBe(true);
    expect(syslogWants(auditOnly, event("alert", "critical"))).toBe(false);
    expect(syslogWants(alertsFromHigh, event("audit"))).toBe(false);
    expect(syslogWants(alertsFromHigh, event("device.blocked"))).toBe(false);
  });

  it("always sends a test event", () => {
    expect(syslogWants({ events: null, minSeverity: "critical" }, event("test"))).toBe(true);
  });

  it("treats an unknown minimum as info and reads the JSON column defensively", () => {
    expect(syslogWants({ events: { alerts: true }, minSeverity: "bogus" }, event("alert", "info"))).toBe(true);
    expect(readSyslogEventChoice('{"alerts":true,"audit":true}')).toEqual({ alerts: true, audit: true });
    expect(readSyslogEventChoice("not json")).toEqual({ alerts: false, audit: false });
    expect(readSyslogEventChoice([true])).toEqual({ alerts: false, audit: false });
    expect(readSyslogEventChoice({ alerts: "yes", audit: 1 })).toEqual({ alerts: false, audit: false });
  });
});
