// For one device in one report: what changed, what the rules say, and which alerts follow.
// Pure: takes the device as stored (or null when new) and the evidence; returns the decisions.
import { compareFingerprints } from "./fingerprint";
import { evaluatePolicies, type Policy } from "./policy";
import type { AlertInput } from "../../commands/alert-handling";
import type { Evidence } from "./evidence";
import { findSpoofs, type SpoofFinding } from "./spoof-check";

export type StoredDevice = {
  id: string;
  status: string;
  statusRule: string | null;
  category: string;
  vendor: string | null;
  segmentId: string | null;
  spoofSuspected: boolean;
  switchPort: string | null;
  switchPortSeenAt: Date | null;
  claimedMac: string | null;
  factsHash: string | null;
  criticalitySource: string;
  lastSeenAt: Date;
  lastAgentId: string | null;
  notSeenAt: Date | null;
  currentFingerprint: { id: string; hash: string; attributes: Record<string, string | number | boolean> } | null;
};

export type FingerprintDecision = { hash: string; attributes: Record<string, string | number | boolean>; verdict: string; similarity: number | null } | null;

export type Decision = {
  latest: Evidence;
  fingerprint: FingerprintDecision;
  spoofs: SpoofFinding[];
  status: { status: string; reason: string; rule: string } | null;
  alerts: AlertInput[];
};

export const SWITCH_PORT_WINDOW_MS = 10 * 60_000;

function latestOf(evidence: Evidence[]): Evidence {
  return evidence.reduce((a, b) => (Date.parse(b.observation.observedAt) >= Date.parse(a.observation.observedAt) ? b : a));
}

function decideFingerprint(stored: StoredDevice | null, latest: Evidence): FingerprintDecision {
  if (!latest.fingerprint) return null;
  const current = stored?.currentFingerprint;
  if (!current) return { ...latest.fingerprint, verdict: "initial", similarity: null };
  if (current.hash === latest.fingerprint.hash) return { ...latest.fingerprint, verdict: "same", similarity: 1 };
  const compared = compareFingerprints(current.attributes, latest.fingerprint.attributes);
  // Within the "same" threshold the difference is measurement noise: the device keeps its
  // fingerprint rather than growing a history of near-copies.
  if (compared.verdict === "same") return { hash: current.hash, attributes: current.attributes, verdict: "same", similarity: compared.score };
  return { ...latest.fingerprint, verdict: compared.verdict, similarity: compared.score ?? null };
}

function decideStatus(stored: StoredDevice | null, latest: Evidence, fingerprintHash: string | null, policies: Policy[]): Decision["status"] {
  // A person's approve / block decision stands until a person changes it.
  if (stored?.statusRule?.startsWith("user:") || stored?.status === "retired") return null;
  const verdict = evaluatePolicies(policies, { category: latest.category, vendor: latest.vendor, fingerprintHash, usb: latest.usb });
  if (verdict.outcome === "violation") return { status: "unauthorized", reason: `${verdict.policy}: ${verdict.reason}`, rule: verdict.rule };
  if (verdict.outcome === "allow_listed" && (!stored || stored.status !== "authorized")) return { status: "authorized", reason: verdict.reason, rule: "usb.allow_list" };
  if (stored?.status === "unauthorized" && stored.statusRule && !stored.statusRule.startsWith("user:")) {
    return { status: "pending", reason: "no policy is broken any more", rule: "policy.cleared" };
  }
  return null;
}

export function decide(deviceId: string, agentId: string, stored: StoredDevice | null, evidence: Evidence[], policies: Policy[], at: Date): Decision {
  const latest = latestOf(evidence);
  const fingerprint = decideFingerprint(stored, latest);
  const spoofs = findSpoofs(stored, evidence, latest, fingerprint, SWITCH_PORT_WINDOW_MS, agentId);
  const status = decideStatus(stored, latest, fingerprint?.hash ?? null, policies);
  const alerts: AlertInput[] = [];
  const name = latest.displayName;
  if (!stored) alerts.push({ kind: "new_device", severity: "info", title: `New device: ${name}`, detail: { category: latest.category, vendor: latest.vendor, segment: latest.segment }, at });
  // Becoming unauthorized is the event; staying so is not a new one.
  if (status?.status === "unauthorized" && stored?.status !== "unauthorized") alerts.push({ kind: "unauthorized", severity: "high", title: `Unauthorized: ${name}`, detail: { reason: status.reason, rule: status.rule }, at });
  if (spoofs.length) {
    // The alert is as severe as its most severe finding, and leads with that finding.
    const worst = spoofs.find((f) => f.severity === "critical") ?? spoofs[0];
    alerts.push({ kind: "spoof", severity: worst.severity, title: `Possible spoof: ${name} — ${worst.summary}`, detail: { findings: spoofs as unknown as never }, at });
  } else if (fingerprint?.verdict === "changed" || fingerprint?.verdict === "different") {
    alerts.push({ kind: "fingerprint_changed", severity: "medium", title: `Physical fingerprint changed: ${name}`, detail: { verdict: fingerprint.verdict, similarity: fingerprint.similarity }, at });
  }
  return { latest, fingerprint, spoofs, status, alerts: alerts.map((a) => ({ ...a, deviceId })) };
}
