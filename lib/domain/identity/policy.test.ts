import { describe, expect, it } from "vitest";
import { evaluatePolicies, type Policy } from "./policy";

const icuBaseline: Policy = { id: "p1", name: "ICU baseline", kind: "baseline", rules: { categories: ["infusion_pump", "patient_monitor", "ventilator"] } };
const vendorBaseline: Policy = { id: "p2", name: "Radiology vendors", kind: "baseline", rules: { vendors: ["GE Healthcare", "Siemens Healthineers"] } };
const fpBaseline: Policy = { id: "p3", name: "Pinned pumps", kind: "baseline", rules: { fingerprints: ["abc123"] } };
const usbList: Policy = {
  id: "p4",
  name: "Workstation USB",
  kind: "usb_allow",
  rules: { entries: [{ vendorId: "046d", productId: "c31c" }, { vendorId: "0781", productId: "5567", serial: "SER-1" }] },
};

describe("evaluatePolicies", () => {
  it("allows anything when no policy applies", () => {
    expect(evaluatePolicies([], { category: "unknown" })).toEqual({ outcome: "allowed" });
  });

  it.each([
    ["category inside the baseline", icuBaseline, { category: "infusion_pump" }, "allowed"],
    ["category outside the baseline", icuBaseline, { category: "workstation" }, "violation"],
    ["vendor on the list (any case)", vendorBaseline, { category: "imaging", vendor: "ge healthcare" }, "allowed"],
    ["vendor not on the list", vendorBaseline, { category: "imaging", vendor: "Acme" }, "violation"],
    ["unknown vendor where vendors are listed", vendorBaseline, { category: "imaging" }, "violation"],
    ["pinned fingerprint", fpBaseline, { category: "infusion_pump", fingerprintHash: "abc123" }, "allowed"],
    ["other fingerprint", fpBaseline, { category: "infusion_pump", fingerprintHash: "zzz" }, "violation"],
  ] as const)("baseline: %s", (_name, policy, device, outcome) => {
    expect(evaluatePolicies([policy], device).outcome).toBe(outcome);
  });

  it("names the rule and the reason of a violation", () => {
    expect(evaluatePolicies([icuBaseline], { category: "workstation" })).toEqual({
      outcome: "violation",
      policy: "ICU baseline",
      rule: "baseline.category",
      reason: 'category "workstation" is not allowed here (allowed: infusion_pump, patient_monitor, ventilator)',
    });
  });

  it.each([
    ["listed VID:PID", { vendorId: "046D", productId: "C31C" }, "allow_listed"],
    ["listed VID:PID with the required serial", { vendorId: "0781", productId: "5567", serial: "SER-1" }, "allow_listed"],
    ["listed VID:PID with another serial", { vendorId: "0781", productId: "5567", serial: "SER-2" }, "violation"],
    ["listed VID:PID without a serial where one is required", { vendorId: "0781", productId: "5567" }, "violation"],
    ["unlisted USB device", { vendorId: "1234", productId: "5678" }, "violation"],
  ] as const)("USB allow-list: %s", (_name, usb, outcome) => {
    expect(evaluatePolicies([usbList], { category: "usb_peripheral", usb }).outcome).toBe(outcome);
  });

  it("ignores the USB allow-list for network devices", () => {
    expect(evaluatePolicies([usbList], { category: "printer" })).toEqual({ outcome: "allowed" });
  });

  it("a violation of one policy wins over an allow-listing by another", () => {
    const verdict = evaluatePolicies([usbList, icuBaseline], { category: "usb_peripheral", usb: { vendorId: "046d", productId: "c31c" } });
    expect(verdict).toMatchObject({ outcome: "violation", rule: "baseline.category" });
  });
});
