import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { formFieldOf, parseScope, parseUsbEntries, policyInputFromForm } from "./policy-form";

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
    expect(parseUsbEntries("046D:C31C\n\n  0781:5581:AB12 \n")).toEqual({ entries: [{ vendorId: "046d", productId: "c31c" }, { vendorId: "0781", productId: "5581", serial: "AB12" }], issues: [] });
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
    expect(issuesOf({ kind: "baseline", name: "x", fingerprints: "abc" })).toEqual([{ path: "fingerprints", message: "a fingerprint hash" }]);
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
