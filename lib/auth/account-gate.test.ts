import { describe, expect, it } from "vitest";
import { pageGate, pendingStep } from "./account-gate";

const viewer = { role: "viewer" as const, authSource: "local", totpEnabledAt: null, mustChangePassword: false };
const admin = { ...viewer, role: "admin" as const };
const env = {};

describe("account gate", () => {
  it("lets a person with nothing pending anywhere", () => {
    expect(pageGate(viewer, "/inventory", env)).toBeNull();
    expect(pendingStep(viewer, env)).toBeNull();
  });

  it("sends a person whose password was reset to the account page, and lets them stay there", () => {
    const reset = { ...viewer, mustChangePassword: true };
    expect(pageGate(reset, "/inventory", env)).toBe("/account?change=required");
    expect(pageGate(reset, null, env)).toBe("/account?change=required");
    expect(pageGate(reset, "/account", env)).toBeNull();
    expect(pageGate(reset, "/account/two-factor", env)).toBe("/account?change=required");
  });

  it("sends an administrator without a second factor to enrol, and lets them reach the account pages", () => {
    expect(pageGate(admin, "/", env)).toBe("/account/two-factor");
    expect(pageGate(admin, "/account/two-factor", env)).toBeNull();
    expect(pageGate(admin, "/account", env)).toBeNull();
    expect(pageGate(admin, "/accounting", env)).toBe("/account/two-factor");
  });

  it("asks for the password first, then the second factor", () => {
    expect(pageGate({ ...admin, mustChangePassword: true }, "/", env)).toBe("/account?change=required");
  });

  it("leaves enrolled administrators and those exempted by ADMIN_TWO_FACTOR=optional alone", () => {
    expect(pageGate({ ...admin, totpEnabledAt: new Date() }, "/", env)).toBeNull();
    expect(pageGate(admin, "/", { ADMIN_TWO_FACTOR: "optional" })).toBeNull();
  });
});
