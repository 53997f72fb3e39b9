import { describe, expect, it } from "vitest";
import { decisionConfirmation, explainQueueReason, needsConfirmation, needsReason, queueStatus, statusRuleWords } from "./queue-reason";

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

  it("states the status with the rule that set it, and an acknowledged spoof", () => {
    expect(queueStatus({ status: "unauthorized", statusRule: "user:block", spoofSuspected: false })).toEqual({ status: "unauthorized", rule: "Blocked by a person" });
    expect(queueStatus({ status: "pending", statusRule: null, spoofSuspected: true, spoofDismissal: null })).toEqual({ status: "pending", rule: "Never approved" });
    expect(queueStatus({ status: "authorized", statusRule: "user:approve", spoofSuspected: false, spoofDismissal: { rules: ["macOnTwoPorts"] } })).toEqual({ status: "authorized", rule: "Approved by a person — spoof acknowledged" });
    expect(queueStatus({ status: "authorized", statusRule: "user:approve", spoofSuspected: true, spoofDismissal: { rules: ["macOnTwoPorts"] } }).rule).toBe("Approved by a person — spoof acknowledged before, suspected again");
  });
});

describe("decisionConfirmation", () => {
  it("names the decision, the count and what follows", () => {
    expect(decisionConfirmation("block", 3, 0)).toEqual({ question: "Block 3 devices?", consequence: "They become unauthorized and agents in block-listed mode cut them off.", confirm: "Block 3 devices" });
    expect(decisionConfirmation("retire", 1, 0).question).toBe("Retire 1 device?");
    expect(decisionConfirmation("approve", 1, 1).consequence).toBe("It becomes authorized: you vouch for it, and policies no longer change its status. It is suspected of spoofing. Its spoof findings are dismissed for the physical fingerprint you reviewed.");
    expect(decisionConfirmation("approve", 4, 2).consequence).toContain("2 of them are suspected of spoofing. Their spoof findings");
  });

  it("asks for a reason and a confirmation where the server does", () => {
    expect([needsReason("approve", 0), needsReason("approve", 1), needsReason("block", 0), needsReason("retire", 0)]).toEqual([false, true, true, true]);
    expect([needsConfirmation(0, false), needsConfirmation(1, false), needsConfirmation(0, true)]).toEqual([false, true, true]);
  });
});
