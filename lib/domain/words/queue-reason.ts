// Why a device is in the unauthorized & spoofed work queue, in words a clinical engineer can act
// on: the rule that set its status, the policy's own explanation, and each spoof finding with
// its evidence. Pure: the read side hands over the stored fields and the open spoof alert.
import { countOf } from "./count";

/** The rules that set a device's status (lib/domain/identity/verdict.ts, lib/commands/device-decisions.ts, the large seed). */
export const STATUS_RULE_WORDS: Record<string, string> = {
  "baseline.category": "Baseline policy: its category is not allowed here",
  "baseline.vendor": "Baseline policy: its vendor is not allowed here",
  "baseline.fingerprint": "Baseline policy: its physical fingerprint is not on the list",
  "baseline.registered": "Baseline policy: in no asset register (a shadow device)",
  "usb.allow_list": "USB allow-list: this USB device is not on it",
  "policy.cleared": "No policy is broken any more",
  "spoof.suspected": "Spoof suspected (until a person decides)",
  "policy:baseline": "Baseline policy",
  "user:block": "Blocked by a person",
  "user:approve": "Approved by a person",
  "user:retire": "Retired by a person",
};

/** The spoof rules of lib/domain/identity/spoof-rules.ts, named for a person rather than a programmer. */
export const SPOOF_RULE_WORDS: Record<string, string> = {
  knownIdentityFingerprintMismatch: "Another physical device uses its identity",
  macOnTwoPorts: "One MAC address on two switch ports",
  keyboardWithHiddenInterfaces: "A keyboard or mouse with hidden interfaces",
  superhumanKeystrokeRate: "Types faster than a person can",
  locallyAdministeredMacOnMedicalDevice: "Software-set MAC address on a medical device",
  vendorContradiction: "Its maker does not add up",
};

export type QueueReasonInput = {
  status: string;
  statusRule: string | null;
  statusReason: string | null;
  spoofSuspected: boolean;
  /** The device's open spoof alert, if any: its title and its detail ({ findings: [...] }). */
  spoofAlert?: { title: string; detail: unknown } | null;
};

export type SpoofLine = { rule: string; summary: string; severity: string | null };
export type QueueReason = {
  /** Present when the device is unauthorized: which rule, and the evidence in the policy's words. */
  unauthorized: { rule: string; evidence: string } | null;
  /** Present when a spoof is suspected: each finding (the most severe first), or one generic line. */
  spoof: SpoofLine[] | null;
};

const MAX_FINDINGS = 4;

export function statusRuleWords(rule: string | null): string {
  if (!rule) return "Never approved";
  if (STATUS_RULE_WORDS[rule]) return STATUS_RULE_WORDS[rule];
  if (rule.startsWith("policy:")) return `Policy (${rule.slice("policy:".length).replace(/[_.]/g, " ")})`;
  return rule.replace(/[_.:]/g, " ");
}

function findingsOf(detail: unknown): SpoofLine[] {
  const raw = detail && typeof detail === "object" && Array.isArray((detail as { findings?: unknown }).findings) ? (detail as { findings: unknown[] }).findings : [];
  return raw.flatMap((f): SpoofLine[] => {
    if (!f || typeof f !== "object") return [];
    const { rule, summary, severity } = f as { rule?: unknown; summary?: unknown; severity?: unknown };
    if (typeof summary !== "string" || !summary) return [];
    const name = typeof rule === "string" ? (SPOOF_RULE_WORDS[rule] ?? rule) : "Spoof rule";
    return [{ rule: name, summary, severity: typeof severity === "string" ? severity : null }];
  });
}

/** "Possible spoof: NAME — summary" → "summary" (older alerts carry no findings in their detail). */
function summaryFromTitle(title: string): string | null {
  const at = title.indexOf(" — ");
  return at >= 0 ? title.slice(at + 3) : null;
}

export function explainQueueReason(d: QueueReasonInput): QueueReason {
  const unauthorized = d.status === "unauthorized"
    ? { rule: statusRuleWords(d.statusRule), evidence: d.statusReason?.trim() || "It was never approved by a person." }
    : null;
  let spoof: SpoofLine[] | null = null;
  if (d.spoofSuspected) {
    const findings = d.spoofAlert ? findingsOf(d.spoofAlert.detail) : [];
    const ordered = [...findings.filter((f) => f.severity === "critical"), ...findings.filter((f) => f.severity !== "critical")];
    const fromTitle = d.spoofAlert ? summaryFromTitle(d.spoofAlert.title) : null;
    spoof = ordered.length
      ? ordered.slice(0, MAX_FINDINGS)
      : [{ rule: "Spoof suspected", summary: fromTitle ?? "Its physical evidence contradicts the identity it claims.", severity: null }];
  }
  return { unauthorized, spoof };
}

/** The queue's status filter and column, in words. */
export const QUEUE_STATUS_WORDS: Record<string, string> = { unauthorized: "Unauthorized", pending: "Pending (never decided)", authorized: "Authorized" };

export type QueueStatusInput = { status: string; statusRule: string | null; spoofSuspected: boolean; spoofDismissal?: unknown };

/**
 * The status column: the status and the rule that set it, so that a device a person approved
 * despite a spoof suspicion does not look untouched ("authorized — Approved by a person — spoof acknowledged").
 */
export function queueStatus(d: QueueStatusInput): { status: string; rule: string } {
  const acknowledged = d.spoofDismissal !== null && d.spoofDismissal !== undefined;
  const spoof = !acknowledged ? "" : d.spoofSuspected ? " — spoof acknowledged before, suspected again" : " — spoof acknowledged";
  return { status: d.status, rule: `${statusRuleWords(d.statusRule)}${spoof}` };
}

// ─── Confirming a decision ───────────────────────────────────────────────────────────────────

export type DecisionWord = "approve" | "block" | "retire";

const CONSEQUENCE: Record<DecisionWord, [one: string, many: string]> = {
  approve: ["It becomes authorized: you vouch for it, and policies no longer change its status.", "They become authorized: you vouch for them, and policies no longer change their status."],
  block: ["It becomes unauthorized and agents in block-listed mode cut it off.", "They become unauthorized and agents in block-listed mode cut them off."],
  retire: ["It becomes retired: out of service, out of the queue and of the active inventory.", "They become retired: out of service, out of the queue and of the active inventory."],
};

/** Block, retire, and approving a spoof suspect need a reason (lib/commands/device-decisions.ts says the same on the server). */
export const needsReason = (decision: DecisionWord, spoofed: number) => decision !== "approve" || spoofed > 0;

/** Whether a decision is asked again: every bulk decision, and any decision about a spoof suspect. */
export const needsConfirmation = (spoofed: number, bulk: boolean) => bulk || spoofed > 0;

/** "Block 3 devices?" and what follows from it, for the confirmation before a decision. */
export function decisionConfirmation(decision: DecisionWord, count: number, spoofed: number) {
  const verb = decision[0].toUpperCase() + decision.slice(1);
  const devices = countOf(count, "device");
  const suspects = spoofed === 0 ? "" : count === 1 ? " It is suspected of spoofing." : ` ${countOf(spoofed, "of them is", "of them are")} suspected of spoofing.`;
  const approval = spoofed > 0 && decision === "approve" ? ` ${spoofed === 1 ? "Its" : "Their"} spoof findings are dismissed for the physical fingerprint you reviewed.` : "";
  return { question: `${verb} ${devices}?`, consequence: `${CONSEQUENCE[decision][count === 1 ? 0 : 1]}${suspects}${approval}`, confirm: `${verb} ${devices}` };
}
