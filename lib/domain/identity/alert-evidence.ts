// What raised an alert, as a short key, so that a person's resolve can be remembered against it:
// the next report carrying the same evidence does not open the alert again, while a new finding
// (another rule, another fingerprint) or the condition clearing and then recurring does. Pure.
import type { AlertKind } from "../words/alert-kinds";

/** The conditions standing for a device in one report, each with the key of its evidence. */
export type StandingEvidence = Partial<Record<AlertKind, string>>;

/** A spoof: which rules fired, on which physical fingerprint (none: no fingerprint measured). */
export function spoofEvidenceKey(findings: readonly { rule: string }[], fingerprintHash: string | null): string {
  const rules = [...new Set(findings.map((f) => f.rule))].sort();
  return `rules=${rules.join(",")};fp=${fingerprintHash ?? "none"}`;
}

/** Unauthorized: the rule that makes it so (a policy's rule, the spoof rule, a blocked fingerprint). */
export const unauthorizedEvidenceKey = (rule: string) => `rule=${rule}`;

/** A fingerprint change: the fingerprint it changed to. */
export const fingerprintEvidenceKey = (hash: string) => `fp=${hash}`;

/** What a resolved alert holds on to: its subject and kind (the open key) with the evidence. */
export const heldEvidenceOf = (openKey: string, evidenceKey: string) => `${openKey}|${evidenceKey}`;

/**
 * Which held evidence a report no longer carries, so is forgotten: everything of the device the
 * report does not show again exactly. `held` and `standing` are heldEvidenceOf strings.
 */
export function evidenceToForget(held: readonly string[], standing: ReadonlySet<string>): string[] {
  return held.filter((h) => !standing.has(h));
}
