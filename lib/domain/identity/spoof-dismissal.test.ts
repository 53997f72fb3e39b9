import { describe, expect, it } from "vitest";
import { readDismissal, rulesOfFindings, withoutDismissed, type SpoofDismissal } from "./spoof-dismissal";
import type { SpoofFinding } from "./spoof-rules";

const finding = (rule: string): SpoofFinding => ({ rule, severity: "critical", summary: rule, evidence: {} });
const now = new Date("2026-12-05T10:00:00Z");
const dismissal = (over: Partial<SpoofDismissal> = {}): SpoofDismissal => ({ rules: ["usb.keystroke_rate"], fingerprint: "fp-1", until: null, by: "alice@x", at: "2026-12-05T09:00:00Z", ...over });

describe("a dismissal of spoof findings", () => {
  const found = [finding("usb.keystroke_rate"), finding("usb.hidden_interfaces")];

  it("drops only the rules it names, for the fingerprint it names", () => {
    expect(withoutDismissed(found, dismissal(), "fp-1", now).map((f) => f.rule)).toEqual(["usb.hidden_interfaces"]);
    expect(withoutDismissed(found, dismissal(), "fp-2", now)).toEqual(found);
    expect(withoutDismissed(found, dismissal(), null, now)).toEqual(found);
    expect(withoutDismissed(found, null, "fp-1", now)).toEqual(found);
  });

  it("holds for a device without a fingerprint only while it has none", () => {
    expect(withoutDismissed(found, dismissal({ fingerprint: null }), null, now).map((f) => f.rule)).toEqual(["usb.hidden_interfaces"]);
    expect(withoutDismissed(found, dismissal({ fingerprint: null }), "fp-1", now)).toEqual(found);
  });

  it("ends at its expiry", () => {
    expect(withoutDismissed(found, dismissal({ until: "2026-12-05T11:00:00Z" }), "fp-1", now)).toHaveLength(1);
    expect(withoutDismissed(found, dismissal({ until: "2026-12-05T10:00:00Z" }), "fp-1", now)).toEqual(found);
  });

  it("reads only what is a dismissal from stored JSON", () => {
    expect(readDismissal(dismissal())).toEqual(dismissal());
    for (const junk of [null, "x", 3, {}, { rules: [] }, { rules: ["a"], fingerprint: 5 }, { rules: [1, 2] }]) expect(readDismissal(junk)).toBeNull();
    expect(readDismissal({ rules: ["a", 7], fingerprint: null, until: "not a date" })).toEqual({ rules: ["a"], fingerprint: null, until: null, by: "", at: "" });
  });

  it("takes the rules from an alert's findings, once each", () => {
    expect(rulesOfFindings({ findings: [{ rule: "a" }, { rule: "b" }, { rule: "a" }, { summary: "no rule" }] })).toEqual(["a", "b"]);
    expect(rulesOfFindings(null)).toEqual([]);
    expect(rulesOfFindings({ findings: "x" })).toEqual([]);
  });
});
