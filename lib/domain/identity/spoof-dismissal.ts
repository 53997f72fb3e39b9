// A person's word on a device's spoof findings. Approving a device suspected of spoofing asks the
// person to acknowledge the evidence; what they acknowledged is kept: the rules that fired, for
// the physical fingerprint they looked at. The same findings from the same device then do not
// raise the suspicion again at its next report (which would put the device back to critical with a
// false "risk jumped" alert); a finding of another rule, another fingerprint (another device
// behind the same claimed identity), or the end of the dismissal does.
import type { SpoofFinding } from "./spoof-rules";

export type SpoofDismissal = {
  rules: string[];
  /** The physical fingerprint the person reviewed; null when the device had none. */
  fingerprint: string | null;
  /** ISO time after which the rules may fire again; null: while the fingerprint holds. */
  until: string | null;
  by: string;
  at: string;
};

/** The stored JSON as a dismissal, or null when it is absent or not one (never trusted blindly). */
export function readDismissal(value: unknown): SpoofDismissal | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const rules = Array.isArray(v.rules) ? v.rules.filter((r): r is string => typeof r === "string") : [];
  if (!rules.length || (v.fingerprint !== null && typeof v.fingerprint !== "string")) return null;
  const until = typeof v.until === "string" && !Number.isNaN(Date.parse(v.until)) ? v.until : null;
  return { rules, fingerprint: v.fingerprint as string | null, until, by: typeof v.by === "string" ? v.by : "", at: typeof v.at === "string" ? v.at : "" };
}

/** The findings a dismissal does not cover: those of other rules, or all of them once it no longer holds. */
export function withoutDismissed(findings: SpoofFinding[], dismissal: SpoofDismissal | null, fingerprint: string | null, now: Date): SpoofFinding[] {
  if (!dismissal || dismissal.fingerprint !== fingerprint) return findings;
  if (dismissal.until && Date.parse(dismissal.until) <= now.getTime()) return findings;
  return findings.filter((f) => !dismissal.rules.includes(f.rule));
}

/** The rules named by an open spoof alert's findings (its detail, as ingestion wrote it). */
export function rulesOfFindings(detail: unknown): string[] {
  const findings = (detail as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings)) return [];
  return [...new Set(findings.map((f) => (f as { rule?: unknown } | null)?.rule).filter((r): r is string => typeof r === "string"))];
}
