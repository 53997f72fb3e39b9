import { describe, expect, it } from "vitest";
import { enforcementPolicySchema, MAX_POLICY_ENTRIES, usbMatches } from "./enforcement-policy";
import { buildPolicy, deviceMatch, type DecidedUsbDevice, type PolicyInputs } from "./policy-build";

const HID = "9f2c0d5b".repeat(8);

function device(id: string, over: Partial<DecidedUsbDevice> = {}): DecidedUsbDevice {
  return {
    id, usbVendorId: "046D", usbProductId: "C31C", usbSerial: null, statusRule: "user:block", statusReason: "keystroke injector",
    decidedAt: new Date("2026-12-01T10:00:00Z"), fingerprint: null, decidedBy: "alice@hospital.org", ...over,
  };
}

const inputs = (over: Partial<PolicyInputs> = {}): PolicyInputs => ({ mode: "block_listed", siteName: "Ward 7", blocked: [], siteUnauthorized: [], approved: [], allowPolicies: [], ...over });

describe("the policy's modes", () => {
  const blocked = [device("dev-blocked")];
  const spoofed = device("dev-spoofed", { statusRule: "spoof.suspected", statusReason: "spoof suspected: a keyboard with a hidden mass-storage interface", decidedBy: null });
  const approved = device("dev-approved", { statusRule: "user:approve", usbSerial: "K-1", decidedBy: "bob@hospital.org" });
  const allowPolicies = [{ id: "pol1", name: "Kiosk keyboards", updatedAt: new Date("2026-11-01T00:00:00Z"), entries: [{ vendorId: "046D", productId: "C31C" }] }];
  const all = { blocked, siteUnauthorized: [spoofed], approved: [approved], allowPolicies };

  it("monitor: nothing to enforce, whatever was decided", () => {
    const { policy } = buildPolicy(inputs({ mode: "monitor", ...all }));
    expect(policy).toMatchObject({ schema: "iomt.enforcement-policy/v1", mode: "monitor", block: [], allow: [] });
    expect(policy.truncated).toBeUndefined();
  });

  it("block_listed: what people blocked, not the site's other unauthorized devices, no allow-list", () => {
    const { policy } = buildPolicy(inputs({ mode: "block_listed", ...all }));
    expect(policy.block.map((b) => b.ruleId)).toEqual(["device:dev-blocked"]);
    expect(policy.block[0]).toMatchObject({ deviceId: "dev-blocked", policy: "blocked by alice@hospital.org", reason: "keystroke injector", scope: "device", match: { vendorId: "046d", productId: "c31c" } });
    expect(policy.allow).toEqual([]);
  });

  it("allow_listed: also the site's unauthorized devices (spoof suspected included), and the allow-list with the approved devices", () => {
    const { policy } = buildPolicy(inputs({ mode: "allow_listed", ...all }));
    expect(policy.block.map((b) => b.ruleId)).toEqual(["device:dev-blocked", "device:dev-spoofed"]);
    expect(policy.block[1].policy).toBe("unauthorized on Ward 7: spoof suspected (until a person decides)");
    expect(policy.block[1].reason).toMatch(/hidden mass-storage/);
    expect(policy.allow).toEqual([
      { ruleId: "device:dev-approved", policy: "approved by bob@hospital.org", match: { vendorId: "046d", productId: "c31c", serial: "K-1" } },
      { ruleId: "policy:pol1:0", policy: "Kiosk keyboards", match: { vendorId: "046d", productId: "c31c" } },
    ]);
    expect(enforcementPolicySchema.parse(policy)).toEqual(policy);
  });

  it("a device blocked and unauthorized on the site is listed once", () => {
    const { policy } = buildPolicy(inputs({ mode: "allow_listed", blocked, siteUnauthorized: blocked }));
    expect(policy.block).toHaveLength(1);
  });
});

describe("each entry binds what the dashboard knows physically", () => {
  it("serial, canonical interfaces and HID descriptor hash from the current fingerprint", () => {
    const d = device("d1", { usbSerial: "DUCKY-1", fingerprint: { "usb.interfaces": "03.01.01.01,08.06.50.02", "usb.hidReportDescriptorSha256": HID, "usb.speed": "full" } });
    expect(deviceMatch(d)).toEqual({ vendorId: "046d", productId: "c31c", serial: "DUCKY-1", interfaces: "03.01.01.01,08.06.50.02", hidReportDescriptorSha256: HID });
    // The genuine keyboard (one HID interface) does not match the injector's entry; the injector does.
    const match = deviceMatch(d)!;
    expect(usbMatches(match, { vendorId: "046d", productId: "c31c", serial: "DUCKY-1", interfaces: "03.01.01.01", hidReportDescriptorSha256: HID })).toBe(false);
    expect(usbMatches(match, { vendorId: "046D", productId: "C31C", serial: "DUCKY-1", interfaces: "03.01.01.01,08.06.50.02", hidReportDescriptorSha256: HID })).toBe(true);
  });

  it("leaves out what is not known or not well-formed, and skips a device whose ids are not USB ids", () => {
    expect(deviceMatch(device("d2", { fingerprint: { "usb.hidReportDescriptorSha256": "not-a-hash" } }))).toEqual({ vendorId: "046d", productId: "c31c" });
    const { policy, dropped } = buildPolicy(inputs({ blocked: [device("bad", { usbVendorId: "46d" }), device("good")] }));
    expect(policy.block.map((b) => b.deviceId)).toEqual(["good"]);
    expect(dropped.unusable).toBe(1);
  });

  it("carries the bound fields of an allow-list entry, and names the policy", () => {
    const entries = [{ vendorId: "046d", productId: "c31c", serial: "K-1", interfaces: "08.06.50.02, 03.01.01.01", hidReportDescriptorSha256: HID.toUpperCase(), fingerprint: "fp-1" }, { vendorId: "keyboard" }];
    const { policy, dropped } = buildPolicy(inputs({ mode: "allow_listed", allowPolicies: [{ id: "p", name: "ICU kiosks", updatedAt: new Date(), entries }] }));
    expect(policy.allow).toEqual([{ ruleId: "policy:p:0", policy: "ICU kiosks", match: { vendorId: "046d", productId: "c31c", serial: "K-1", interfaces: "03.01.01.01,08.06.50.02", hidReportDescriptorSha256: HID } }]);
    expect(dropped.unusable).toBe(1);
  });

  it("carries an entry's interface classes, so the agent cuts the device's other interfaces", () => {
    const entries = [{ vendorId: "04a9", productId: "1234", interfaceClasses: [7] }, { vendorId: "04a9", productId: "1235", interfaceClasses: ["07"] }];
    const { policy } = buildPolicy(inputs({ mode: "allow_listed", allowPolicies: [{ id: "p", name: "Printers", updatedAt: new Date(), entries }] }));
    expect(policy.allow.map((a) => a.interfaceClasses)).toEqual([[7], undefined]);
  });

  it("says who asked, in words", () => {
    const kept = device("k", { statusRule: "blocked.fingerprint", statusReason: "same physical fingerprint as Ducky, which a person blocked" });
    const noAudit = device("n", { decidedBy: null, statusReason: "blocked by carol@hospital.org" });
    const { policy } = buildPolicy(inputs({ blocked: [kept, noAudit] }));
    expect(policy.block.find((b) => b.deviceId === "k")!.policy).toBe("kept blocked: the physical fingerprint of a device a person blocked");
    expect(policy.block.find((b) => b.deviceId === "n")!.policy).toBe("blocked by carol@hospital.org");
  });
});

describe("the version", () => {
  it("is 16 hex, the same for the same content whatever the order it was read in", () => {
    const a = buildPolicy(inputs({ blocked: [device("a"), device("b")] })).policy;
    const b = buildPolicy(inputs({ blocked: [device("b"), device("a")] })).policy;
    expect(a.version).toMatch(/^[0-9a-f]{16}$/);
    expect(b).toEqual(a);
  });

  it("changes when anything the agent acts on changes", () => {
    const base = buildPolicy(inputs({ blocked: [device("a")] })).policy.version;
    expect(buildPolicy(inputs({ blocked: [device("a"), device("b")] })).policy.version).not.toBe(base);
    expect(buildPolicy(inputs({ mode: "allow_listed", blocked: [device("a")] })).policy.version).not.toBe(base);
    expect(buildPolicy(inputs({ blocked: [device("a", { usbSerial: "S" })] })).policy.version).not.toBe(base);
    // The decision's time is not content: re-reading it later gives the same version.
    expect(buildPolicy(inputs({ blocked: [device("a", { decidedAt: new Date() })] })).policy.version).toBe(base);
  });
});

describe("the cap", () => {
  it(`keeps the newest ${MAX_POLICY_ENTRIES} decisions and says how many were left out`, () => {
    const many = Array.from({ length: MAX_POLICY_ENTRIES + 3 }, (_, i) => device(`d${String(i).padStart(5, "0")}`, { decidedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000) }));
    const { policy, dropped } = buildPolicy(inputs({ blocked: many }));
    expect(policy.block).toHaveLength(MAX_POLICY_ENTRIES);
    expect(policy.block.map((b) => b.deviceId)).not.toContain("d00000");
    expect(policy.block.map((b) => b.deviceId)).toContain(`d${String(MAX_POLICY_ENTRIES + 2).padStart(5, "0")}`);
    expect(policy.truncated).toEqual({ block: 3, allow: 0 });
    expect(dropped).toMatchObject({ block: 3, allow: 0 });
    expect(enforcementPolicySchema.safeParse(policy).success).toBe(true);
  });

  it("counts what the read side did not fetch, too", () => {
    const { policy } = buildPolicy(inputs({ blocked: [device("a")], notFetched: { block: 10, allow: 4 } }));
    expect(policy.truncated).toEqual({ block: 10, allow: 0 });
  });
});
