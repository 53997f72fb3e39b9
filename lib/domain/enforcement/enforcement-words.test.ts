import { describe, expect, it } from "vitest";
import { enforcementLine, type EnforcementFact } from "./enforcement-words";

const fact = (over: Partial<EnforcementFact> = {}): EnforcementFact => ({
  action: "blocked", scope: "device", target: "1-4", method: "sysfs", at: new Date("2026-12-05T10:00:00Z"),
  policyVersion: "9f2c41d0a7b3e815", policy: "blocked by alice@hospital.org", host: "ward-7-kiosk", error: null, ...over,
});

describe("an enforcement action in words", () => {
  it("says where, when, who asked and how", () => {
    expect(enforcementLine(fact())).toBe("Blocked on host ward-7-kiosk at 2026-12-05 10:00 UTC by alice@hospital.org (policy 9f2c41d0, sysfs, whole device)");
    expect(enforcementLine(fact({ scope: "interface", target: "1-4:1.1", policy: "ICU kiosks USB allow-list" }))).toBe(
      "Blocked on host ward-7-kiosk at 2026-12-05 10:00 UTC by ICU kiosks USB allow-list (policy 9f2c41d0, sysfs, interface 1-4:1.1)",
    );
  });

  it("says a failure with the agent's error", () => {
    expect(enforcementLine(fact({ action: "failed", error: "EACCES: permission denied" }))).toBe(
      "Could not enforce on host ward-7-kiosk at 2026-12-05 10:00 UTC: EACCES: permission denied. Asked by alice@hospital.org (policy 9f2c41d0, sysfs, whole device)",
    );
    expect(enforcementLine(fact({ action: "failed" }))).toMatch(/the agent gave no error/);
  });

  it("says when a device was allowed again, and names a USBGuard rules file", () => {
    expect(enforcementLine(fact({ action: "allowed", policy: "approved by bob@hospital.org" }))).toBe("Allowed again on host ward-7-kiosk at 2026-12-05 10:00 UTC: approved by bob@hospital.org (policy 9f2c41d0, sysfs, whole device)");
    expect(enforcementLine(fact({ method: "usbguard", target: "/etc/usbguard/rules.d/iomt.conf" }))).toMatch(/\(policy 9f2c41d0, USBGuard rules file \/etc\/usbguard\/rules\.d\/iomt\.conf\)$/);
  });
});
