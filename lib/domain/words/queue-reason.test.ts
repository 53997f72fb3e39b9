import { describe, expect, it } from "vitest";
import { explainQueueReason, statusRuleWords } from "./queue-reason";

describe("explainQueueReason", () => {
  it("names the policy rule and keeps the policy's evidence", () => {
    const r = explainQueueReason({ status: "unauthorized", statusRule: "baseline.vendor", statusReason: 'ICU baseline: vendor "Acme" is not allowed here (allowed: Baxter)', spoofSuspected: false });
    expect(r.unauthorized).toEqual({ rule: "Baseline policy: its vendor is not allowed here", evidence: 'ICU baseline: vendor "Acme" is not allowed here (allowed: Baxter)' });
    expect(r.spoof).toBeNull();
  });

  it("an unauthorized device without a rule or reason was never approved", () => {
    expect(explainQueueReason({ status: "unauthorized", statusRule: null, statusReason: null, spoofSuspected: false }).unauthorized).toEqual({ rule: "Never approved", evidence: "It was never approved by a person." });
  });

  it("lists each spoof finding, critical first, with its rule in words", () => {
    const detail = {
      findings: [
        { rule: "vendorContradiction", severity: "high", summary: "Its maker does not add up.", evidence: {} },
        { rule: "superhumanKeystrokeRate", severity: "critical", summary: "Types 900 characters a second.", evidence: {} },
      ],
    };
    const r = explainQueueReason({ status: "pending", statusRule: null, statusReason: null, spoofSuspected: true, spoofAlert: { title: "Possible spoof: KB — Types 900", detail } });
    expect(r.unauthorized).toBeNull();
    expect(r.spoof).toEqual([
      { rule: "Types faster than a person can", summary: "Types 900 characters a second.", severity: "critical" },
      { rule: "Its maker does not add up", summary: "Its maker does not add up.", severity: "high" },
    ]);
  });

  it("falls back to the alert's title, then to a generic line; junk in the detail is ignored", () => {
    expect(explainQueueReason({ status: "pending", statusRule: null, statusReason: null, spoofSuspected: true, spoofAlert: { title: "Possible spoof: X — MAC on two ports", detail: { findings: [null, 3, { summary: "" }] } } }).spoof).toEqual([
      { rule: "Spoof suspected", summary: "MAC on two ports", severity: null },
    ]);
    expect(explainQueueReason({ status: "authorized", statusRule: null, statusReason: null, spoofSuspected: true }).spoof?.[0].summary).toMatch(/contradicts/);
  });

  it("words unknown rules readably", () => {
    expect(statusRuleWords("policy:baseline")).toBe("Baseline policy");
    expect(statusRuleWords("policy:usb_allow")).toBe("Policy (usb allow)");
    expect(statusRuleWords("some.new_rule")).toBe("some new rule");
  });
});
