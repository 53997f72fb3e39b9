import { describe, expect, it } from "vitest";
import { evaluatePolicies, type Policy, type UsbAllowEntry } from "./policy";

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

describe("allow-list entries bound to what was measured", () => {
  const keyboardFp = "0123456789abcdef".repeat(4);
  const descriptor = "9f2c0d5b".repeat(8);
  const keyboard = { vendorId: "046d", productId: "c31c", serial: "K-1", interfaces: "03.01.01.01", hidReportDescriptorSha256: descriptor };
  const bound = (entry: Partial<UsbAllowEntry>): Policy => ({ id: "b", name: "Kiosk keyboards", kind: "usb_allow", rules: { entries: [{ vendorId: "046d", productId: "c31c", ...entry }] } });
  type Measured = { serial?: string | null; interfaces?: string | null; hidReportDescriptorSha256?: string | null };
  const facts = (usb: Measured, fingerprintHash: string | null = keyboardFp) => ({ category: "usb_peripheral", fingerprintHash, usb: { ...keyboard, ...usb } });

  it("the device measured as bound is allow-listed, and the reason says what the entry bound", () => {
    expect(evaluatePolicies([bound({ serial: "K-1", interfaces: "03.01.01.01", hidReportDescriptorSha256: descriptor, fingerprint: keyboardFp })], facts({}))).toEqual({
      outcome: "allow_listed", policy: "Kiosk keyboards", reason: "USB 046d:c31c with this physical fingerprint is on the allow-list",
    });
    expect(evaluatePolicies([bound({ interfaces: "03.01.01.01" })], facts({}))).toMatchObject({ outcome: "allow_listed", reason: "USB 046d:c31c with these interfaces is on the allow-list" });
    expect(evaluatePolicies([bound({ serial: "K-1", hidReportDescriptorSha256: descriptor.toUpperCase() })], facts({}))).toMatchObject({ outcome: "allow_listed", reason: "USB 046d:c31c with serial K-1 and this HID report descriptor is on the allow-list" });
  });

  it("interfaces are compared as a set of what was measured, not in the order written", () => {
    expect(evaluatePolicies([bound({ interfaces: "08.06.50.02,03.01.01.01" })], facts({ interfaces: "03.01.01.01,08.06.50.02" })).outcome).toBe("allow_listed");
  });

  it.each([
    ["interfaces", { interfaces: "03.01.01.01" }, facts({ interfaces: "03.01.01.01,08.06.50.02" }), "USB 046d:c31c is allow-listed only with interfaces 03.01.01.01; this one has 03.01.01.01,08.06.50.02"],
    ["interfaces, none measured", { interfaces: "03.01.01.01" }, facts({ interfaces: null }), "USB 046d:c31c is allow-listed only with interfaces 03.01.01.01; this one has no interface measured"],
    ["HID report descriptor", { hidReportDescriptorSha256: descriptor }, facts({ hidReportDescriptorSha256: "1a2b3c4d".repeat(8) }), "USB 046d:c31c is allow-listed only with HID report descriptor 9f2c0d5b9f2c0d5b…; this one has 1a2b3c4d1a2b3c4d…"],
    ["HID report descriptor, none measured", { hidReportDescriptorSha256: descriptor }, facts({ hidReportDescriptorSha256: null }), "USB 046d:c31c is allow-listed only with HID report descriptor 9f2c0d5b9f2c0d5b…; this one has no HID report descriptor measured"],
    ["physical fingerprint", { fingerprint: keyboardFp }, facts({}, "fedcba9876543210".repeat(4)), "USB 046d:c31c is allow-listed only with physical fingerprint 0123456789abcdef; this one has fedcba9876543210"],
    ["physical fingerprint, none measured", { fingerprint: keyboardFp }, facts({}, null), "USB 046d:c31c is allow-listed only with physical fingerprint 0123456789abcdef; this one has no physical fingerprint measured"],
    ["serial", { serial: "K-1", fingerprint: keyboardFp }, facts({ serial: "K-2" }), "USB 046d:c31c is allow-listed only with serial K-1; this one has serial K-2"],
  ] as const)("a device with the allowed ids but another %s breaks the allow-list, naming the field", (_field, entry, device, reason) => {
    expect(evaluatePolicies([bound(entry)], device)).toEqual({ outcome: "violation", policy: "Kiosk keyboards", rule: "usb.allow_list", reason });
  });

  it("the injector posing as the keyboard is named by the first bound field it fails (interfaces before the fingerprint)", () => {
    const entry = { serial: "K-1", interfaces: "03.01.01.01", hidReportDescriptorSha256: descriptor, fingerprint: keyboardFp };
    const verdict = evaluatePolicies([bound(entry)], facts({ interfaces: "03.01.01.01,08.06.50.02" }, "fedcba9876543210".repeat(4)));
    expect(verdict).toMatchObject({ outcome: "violation", reason: "USB 046d:c31c is allow-listed only with interfaces 03.01.01.01; this one has 03.01.01.01,08.06.50.02" });
  });

  it("of several entries for the same ids, one that matches is enough, and a mismatch is explained by the closest", () => {
    const policy: Policy = { id: "b", name: "Kiosk keyboards", kind: "usb_allow", rules: { entries: [{ vendorId: "046d", productId: "c31c", serial: "K-9" }, { vendorId: "046d", productId: "c31c", serial: "K-1", interfaces: "03.01.01.01" }] } };
    expect(evaluatePolicies([policy], facts({})).outcome).toBe("allow_listed");
    expect(evaluatePolicies([policy], facts({ interfaces: "03.01.01.01,08.06.50.02" }))).toMatchObject({ reason: expect.stringContaining("only with interfaces 03.01.01.01") });
    expect(evaluatePolicies([policy], facts({ serial: "K-5" }))).toMatchObject({ reason: "USB 046d:c31c is allow-listed only with 2 other serials; this one has serial K-5" });
  });

  it("binds nothing that is not claimed: other ids stay simply not on the allow-list", () => {
    expect(evaluatePolicies([bound({ fingerprint: keyboardFp })], { category: "usb_peripheral", fingerprintHash: keyboardFp, usb: { vendorId: "1234", productId: "5678" } })).toMatchObject({ reason: "USB 1234:5678 is not on the USB allow-list" });
  });
});

describe("unregistered devices are not allowed (registeredOnly)", () => {
  const registeredOnly: Policy = { id: "p9", name: "Registered only", kind: "baseline", rules: { registeredOnly: true } };
  it("a shadow device breaks it, with the reason the unauthorized queue shows", () => {
    expect(evaluatePolicies([registeredOnly], { category: "infusion_pump", registered: false })).toEqual({ outcome: "violation", policy: "Registered only", rule: "baseline.registered", reason: "not in the asset register" });
  });
  it("a registered device, or one whose registration is not known yet, does not", () => {
    expect(evaluatePolicies([registeredOnly], { category: "infusion_pump", registered: true })).toEqual({ outcome: "allowed" });
    expect(evaluatePolicies([registeredOnly], { category: "infusion_pump" })).toEqual({ outcome: "allowed" });
  });
  it("is checked beside the baseline's lists", () => {
    const both: Policy = { ...registeredOnly, rules: { categories: ["infusion_pump"], registeredOnly: true } };
    expect(evaluatePolicies([both], { category: "printer", registered: true })).toMatchObject({ rule: "baseline.category" });
    expect(evaluatePolicies([both], { category: "infusion_pump", registered: false })).toMatchObject({ rule: "baseline.registered" });
  });
  it("other baselines never look at registration", () => {
    expect(evaluatePolicies([icuBaseline], { category: "infusion_pump", registered: false })).toEqual({ outcome: "allowed" });
  });
});
