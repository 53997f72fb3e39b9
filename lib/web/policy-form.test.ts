import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { ApiError as CommandError } from "./errors";
import { formFieldOf, inFormTerms, parseScope, parseUsbEntries, policyInputFromForm, readAddedRules, readPolicyForm } from "./policy-form";
import { usbEntryLine } from "../domain/identity/policy-input";

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) data.append(k, item);
  return data;
};

function issuesOf(fields: Record<string, string | string[]>) {
  try {
    policyInputFromForm(form(fields));
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).issues ?? [];
  }
  throw new Error("expected the form to be refused");
}

describe("policy form", () => {
  it("reads a USB allow-list a line at a time, with an optional serial", () => {
    expect(parseUsbEntries("046D:C31C\n\n  0781:5581:AB12 \n")).toEqual({ entries: [{ vendorId: "046D", productId: "C31C" }, { vendorId: "0781", productId: "5581", serial: "AB12" }], lineOf: [1, 3], issues: [] });
    expect(parseUsbEntries("046d:c31c\nkeyboard\n12:34").issues).toEqual([{ path: "entries", message: expect.stringMatching(/^Lines 2, 3: write vendor:product/) }]);
  });

  it("reads a baseline's categories (boxes), vendors and fingerprints (lines or commas)", () => {
    const input = policyInputFromForm(form({ kind: "baseline", name: " ICU ", scope: "segment:seg1", categories: ["infusion_pump", "ventilator"], vendors: "Baxter, BD\nDräger", fingerprints: "" }));
    expect(input).toEqual({ kind: "baseline", name: "ICU", segmentId: "seg1", enabled: true, rules: { categories: ["infusion_pump", "ventilator"], vendors: ["Baxter", "BD", "Dräger"] } });
  });

  it("names the form field of each problem", () => {
    expect(issuesOf({ kind: "baseline", name: "ICU" })).toEqual([{ path: "rules", message: "a baseline lists at least one category, vendor or fingerprint" }]);
    expect(issuesOf({ kind: "usb_allow", name: "", entries: "nope" }).map((i) => i.path).sort()).toEqual(["entries", "name"]);
    expect(issuesOf({ kind: "usb_allow", name: "Keyboards", entries: "" }).map((i) => i.path)).toEqual(["entries"]);
    expect(issuesOf({ kind: "baseline", name: "x", fingerprints: "abc" })).toEqual([{ path: "fingerprints", message: expect.stringMatching(/^Line 1: a fingerprint id: 16 or 64 hexadecimal characters/) }]);
    expect(issuesOf({ kind: "wizard", name: "x" }).map((i) => i.path)).toEqual(["kind"]);
    expect(issuesOf({ kind: "usb_allow", name: "x", scope: "everywhere", entries: "046d:c31c" }).map((i) => i.path)).toEqual(["scope"]);
  });

  it("maps scopes and schema paths", () => {
    expect(parseScope("site:abc")).toEqual({ siteId: "abc" });
    expect(parseScope("")).toEqual({});
    expect(formFieldOf("rules.entries.3.vendorId")).toBe("entries");
    expect(formFieldOf("segmentId")).toBe("scope");
  });
});

describe("bound allow-list entries in the form", () => {
  const fp = "0123456789abcdef".repeat(4);
  const hid = "9F2C0D5B".repeat(8);

  it("reads an entry bound to interfaces, descriptor and fingerprint, normalised", () => {
    const input = policyInputFromForm(form({ kind: "usb_allow", name: "Kiosk", entries: `046d:c31c:K-1 interfaces=08.06.50.02,03.01.01.01 hid=${hid} fingerprint=${fp.slice(0, 16).toUpperCase()}` }));
    expect(input.rules).toEqual({ entries: [{ vendorId: "046d", productId: "c31c", serial: "K-1", interfaces: "03.01.01.01,08.06.50.02", hidReportDescriptorSha256: hid.toLowerCase(), fingerprint: fp.slice(0, 16) }] });
  });

  it("writes an entry back as the line it reads (a serial with a space after a second colon)", () => {
    const entry = { vendorId: "046d", productId: "c31c", serial: "K 1", interfaces: "03.01.01.01", hidReportDescriptorSha256: hid.toLowerCase(), fingerprint: fp };
    const line = usbEntryLine(entry);
    expect(line).toBe(`046d:c31c:K 1 interfaces=03.01.01.01 hid=${hid.toLowerCase()} fingerprint=${fp}`);
    expect(policyInputFromForm(form({ kind: "usb_allow", name: "Kiosk", entries: line })).rules).toEqual({ entries: [entry] });
  });

  it.each([
    ["an unknown key", "046d:c31c colour=red", /^Line 2: "colour=red" is not one of serial=, interfaces=, hid=, fingerprint= or only=/],
    ["interface classes that are not hexadecimal bytes", "04a9:1234 only=printer", /^Line 2: interface classes in hexadecimal/],
    ["an interface class over ff", "04a9:1234 only=07,100", /^Line 2: interface classes in hexadecimal/],
    ["a key without a value", "046d:c31c hid=", /^Line 2: "hid=" is not one of/],
    ["a key twice", "046d:c31c interfaces=03.01.01.01 interfaces=08.06.50.02", /^Line 2: interfaces= is written twice/],
    ["interfaces that are not class.subclass.protocol.endpoints", "046d:c31c interfaces=keyboard", /^Line 2: interfaces as class\.subclass\.protocol\.endpoints/],
    ["a descriptor hash that is not 64 hex", "046d:c31c hid=abc", /^Line 2: a SHA-256 hash/],
    ["a fingerprint of 20 characters", `046d:c31c fingerprint=${fp.slice(0, 20)}`, /^Line 2: a fingerprint id: 16 or 64/],
  ])("refuses %s, naming its line", (_label, line, message) => {
    expect(issuesOf({ kind: "usb_allow", name: "Kiosk", entries: `0781:5581\n${line}` })).toEqual([{ path: "entries", message: expect.stringMatching(message) }]);
  });

  it("reads the interface classes a device may use (only=), in hexadecimal, and writes them back", () => {
    const input = policyInputFromForm(form({ kind: "usb_allow", name: "Printers", entries: "04a9:1234 only=07,03,07" }));
    expect(input.rules).toEqual({ entries: [{ vendorId: "04a9", productId: "1234", interfaceClasses: [3, 7] }] });
    expect(usbEntryLine({ vendorId: "04a9", productId: "1234", interfaceClasses: [3, 7] })).toBe("04a9:1234 only=03,07");
  });

  it("reads what is added to an existing policy: entries or fingerprints, each line numbered", () => {
    expect(readAddedRules(form({ kind: "usb_allow", entries: `\n046d:c31c fingerprint=${fp}` }))).toEqual({ added: { entries: [{ vendorId: "046d", productId: "c31c", fingerprint: fp }] }, lines: { entries: [2], fingerprints: [] } });
    expect(readAddedRules(form({ kind: "baseline", fingerprints: fp.slice(0, 16) }))).toEqual({ added: { fingerprints: [fp.slice(0, 16)] }, lines: { entries: [], fingerprints: [1] } });
    expect(() => readAddedRules(form({ kind: "baseline", fingerprints: "" }))).toThrow(ApiError);
    expect(() => readAddedRules(form({ kind: "wizard" }))).toThrow(ApiError);
  });

  it("restates a command's refusal of a list item against the form's line", () => {
    const { lines } = readPolicyForm(form({ kind: "baseline", name: "Pinned", fingerprints: `\n${fp}\n\n${fp.slice(0, 16)}` }));
    const refused = new CommandError(400, "invalid_policy", "The policy is not valid.", [{ path: "rules.fingerprints.1", message: "fingerprint id 0123456789abcdef is no device's physical fingerprint" }]);
    expect((inFormTerms(refused, lines) as ApiError).issues).toEqual([{ path: "fingerprints", message: "Line 4: fingerprint id 0123456789abcdef is no device's physical fingerprint" }]);
    const other = new Error("boom");
    expect(inFormTerms(other, lines)).toBe(other);
  });
});

describe("unregistered devices are not allowed, in the form", () => {
  it("reads the box as registeredOnly: true, enough for a baseline on its own", () => {
    expect(policyInputFromForm(form({ kind: "baseline", name: "Registered only", registeredOnly: "on" }))).toMatchObject({ kind: "baseline", rules: { registeredOnly: true } });
    expect((policyInputFromForm(form({ kind: "baseline", name: "ICU", categories: "infusion_pump" })).rules as { registeredOnly?: boolean }).registeredOnly).toBeUndefined();
  });
});
