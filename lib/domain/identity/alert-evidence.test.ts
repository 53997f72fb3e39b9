import { describe, expect, it } from "vitest";
import { evidenceToForget, fingerprintEvidenceKey, heldEvidenceOf, spoofEvidenceKey, unauthorizedEvidenceKey } from "./alert-evidence";

describe("the evidence that raised an alert", () => {
  it("is the same for the same spoof rules on the same fingerprint, whatever their order or repeats", () => {
    const a = spoofEvidenceKey([{ rule: "usb.keystroke_rate" }, { rule: "usb.hidden_interfaces" }], "fp-1");
    expect(spoofEvidenceKey([{ rule: "usb.hidden_interfaces" }, { rule: "usb.keystroke_rate" }, { rule: "usb.keystroke_rate" }], "fp-1")).toBe(a);
    expect(a).toBe("rules=usb.hidden_interfaces,usb.keystroke_rate;fp=fp-1");
  });

  it("differs for another rule or another fingerprint", () => {
    const a = spoofEvidenceKey([{ rule: "usb.keystroke_rate" }], "fp-1");
    expect(spoofEvidenceKey([{ rule: "usb.keystroke_rate" }, { rule: "mac.two_ports" }], "fp-1")).not.toBe(a);
    expect(spoofEvidenceKey([{ rule: "usb.keystroke_rate" }], "fp-2")).not.toBe(a);
    expect(spoofEvidenceKey([{ rule: "usb.keystroke_rate" }], null)).toBe("rules=usb.keystroke_rate;fp=none");
  });

  it("names the rule of an unauthorized device and the hash of a changed fingerprint", () => {
    expect(unauthorizedEvidenceKey("baseline.category")).toBe("rule=baseline.category");
    expect(fingerprintEvidenceKey("abc")).toBe("fp=abc");
    expect(heldEvidenceOf("spoof:d1", "fp=abc")).toBe("spoof:d1|fp=abc");
  });

  it("is forgotten as soon as a report does not carry it exactly", () => {
    const held = [heldEvidenceOf("spoof:d1", "rules=a;fp=1"), heldEvidenceOf("unauthorized:d1", "rule=x")];
    expect(evidenceToForget(held, new Set([held[0]]))).toEqual([held[1]]);
    expect(evidenceToForget(held, new Set([heldEvidenceOf("spoof:d1", "rules=a;fp=2")]))).toEqual(held);
    expect(evidenceToForget(held, new Set(held))).toEqual([]);
  });
});
