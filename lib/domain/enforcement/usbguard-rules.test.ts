import { describe, expect, it } from "vitest";
import type { EnforcementPolicy } from "./enforcement-policy";
import { interfaceTypes, quote, usbguardRules } from "./usbguard-rules";

const base: EnforcementPolicy = { schema: "iomt.enforcement-policy/v1", version: "9f2c41d0a7b3e815", mode: "block_listed", block: [], allow: [] };
const injector = {
  ruleId: "device:ckx1",
  deviceId: "ckx1",
  policy: "blocked by alice@hospital.org",
  reason: "keystroke injector posing as a keyboard",
  scope: "device" as const,
  match: { vendorId: "046d", productId: "c31c", serial: "7A3B9C01", interfaces: "03.01.01.01,08.06.50.02" },
};
const rules = (text: string) => text.split("\n").filter((line) => line && !line.startsWith("#"));

describe("USBGuard rules from the enforcement policy", () => {
  it("monitor allows everything and says so", () => {
    const text = usbguardRules({ ...base, mode: "monitor", block: [injector] }, { generatedAt: "2026-12-05T10:00:00Z" });
    expect(rules(text)).toEqual(["allow"]);
    expect(text).toContain("# Mode monitor: the dashboard enforces nothing");
    expect(text).toContain("# Generated 2026-12-05T10:00:00Z.");
  });

  it("block_listed: hubs, the block rules, then an allow catch-all, each rule after a comment naming the decision", () => {
    const text = usbguardRules({ ...base, block: [injector] });
    expect(rules(text)).toEqual([
      "allow with-interface equals { 09:*:* }",
      'block id 046d:c31c serial "7A3B9C01" with-interface equals { 03:01:01 08:06:50 }',
      "allow",
    ]);
    const lines = text.split("\n");
    const at = lines.indexOf('block id 046d:c31c serial "7A3B9C01" with-interface equals { 03:01:01 08:06:50 }');
    expect(lines[at - 1]).toBe("# blocked by alice@hospital.org (rule device:ckx1): keystroke injector posing as a keyboard");
    expect(text).toContain("# Policy version 9f2c41d0a7b3e815, mode block_listed");
  });

  it("an interface block without an exact interface list blocks a device offering one of the classes", () => {
    const entry = { ...injector, scope: "interface" as const, interfaceClasses: [8, 224], match: { vendorId: "0781", productId: "5567" } };
    expect(rules(usbguardRules({ ...base, block: [entry] }))[1]).toBe("block id 0781:5567 with-interface one-of { 08:*:* e0:*:* }");
  });

  it("allow_listed: block rules first, then allow rules, the others blocked, and no catch-all", () => {
    const keyboardOnly = { ruleId: "policy:p1:0", policy: "ICU kiosks USB allow-list", interfaceClasses: [3], match: { vendorId: "046d", productId: "c31c" } };
    const scanner = { ruleId: "policy:p1:1", policy: "ICU kiosks USB allow-list", match: { vendorId: "05e0", productId: "1200" } };
    const text = usbguardRules({ ...base, mode: "allow_listed", block: [injector], allow: [keyboardOnly, scanner] });
    expect(rules(text)).toEqual([
      "allow with-interface equals { 09:*:* }",
      'block id 046d:c31c serial "7A3B9C01" with-interface equals { 03:01:01 08:06:50 }',
      "allow id 046d:c31c with-interface match-all { 03:*:* }",
      "allow id 05e0:1200",
      "block id 046d:c31c",
    ]);
    expect(text).toContain("ImplicitPolicyTarget");
    expect(text).not.toMatch(/^allow$/m);
  });

  it("an allow entry whose exact interfaces fall outside its classes gets no allow rule", () => {
    const entry = { ruleId: "r", policy: "p", interfaceClasses: [3], match: { vendorId: "046d", productId: "c31c", interfaces: "03.01.01.01,08.06.50.02" } };
    expect(rules(usbguardRules({ ...base, mode: "allow_listed", allow: [entry] }))).toEqual(["allow with-interface equals { 09:*:* }", "block id 046d:c31c"]);
  });

  it("notes what USBGuard cannot compare", () => {
    const entry = { ...injector, match: { vendorId: "046d", productId: "c31c", hidReportDescriptorSha256: "a".repeat(64) } };
    expect(usbguardRules({ ...base, block: [entry] })).toContain("cannot compare the HID report descriptor hash");
  });

  it("quotes and escapes strings as USBGuard does, and keeps comments on one line", () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote("S/N\n1")).toBe('"S/N\\x0a1"');
    expect(quote("é")).toBe('"\\xc3\\xa9"');
    const entry = { ...injector, policy: "blocked by eve\nallow", match: { vendorId: "046d", productId: "c31c", serial: 'x" allow "' } };
    const text = usbguardRules({ ...base, block: [entry] });
    expect(rules(text)).toEqual(["allow with-interface equals { 09:*:* }", 'block id 046d:c31c serial "x\\" allow \\""', "allow"]);
  });

  it("spells the fingerprint's interface list as USBGuard interface types", () => {
    expect(interfaceTypes("03.01.01.01,08.06.50.02")).toEqual(["03:01:01", "08:06:50"]);
    expect(interfaceTypes("03:01:01")).toBeNull();
    expect(interfaceTypes(undefined)).toBeNull();
  });
});
