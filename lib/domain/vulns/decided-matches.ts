// People's decisions on possible matches ("needs_review"): a confirmed one is affected, a
// dismissed one is dropped (not stored, so it does not score). Pure: the risk refresh loads the
// decisions of a batch's devices and applies them to what the matcher found (device-matches.ts).
//
// Decisions are keyed by device and CVE, not by match row, so they survive re-imports and
// rescoring. A dismissal is about a *possible* match only: when the matcher later finds the CVE
// certainly affects the device (a new advisory revision, a firmware read at last), the match stays
// affected and says it was dismissed earlier, so nobody's old "no" hides a sure finding.
import { canonicalJson, type DesiredMatch } from "./device-matches";

export type MatchDecisionKind = "confirmed" | "dismissed";
/** A decision as the matcher needs it (MatchDecision's columns). */
export type MatchDecisionFact = { vulnerabilityId: string; decision: string; decidedBy: string; decidedAt: Date };

/** What a match's stored reason keeps of the decision: who, on which day (UTC), and whether it still holds. */
export type ReviewNote = { decision: MatchDecisionKind; by: string; on: string; overridden?: true };

function withReview(m: DesiredMatch, review: ReviewNote, status: DesiredMatch["status"]): DesiredMatch {
  return { ...m, status, reason: canonicalJson({ ...(JSON.parse(m.reason) as object), review }) };
}

/** The device's matches after its people's decisions (decisions of other CVEs, or with no match now, change nothing). */
export function applyDecisions(desired: DesiredMatch[], decisions: MatchDecisionFact[] | undefined): DesiredMatch[] {
  if (!decisions?.length) return desired;
  const byCve = new Map(decisions.map((d) => [d.vulnerabilityId, d]));
  return desired.flatMap((m) => {
    const d = byCve.get(m.cve);
    if (!d) return [m];
    const note = { by: d.decidedBy, on: d.decidedAt.toISOString().slice(0, 10) };
    if (d.decision === "confirmed") return m.status === "needs_review" ? [withReview(m, { decision: "confirmed", ...note }, "affected")] : [m];
    if (d.decision !== "dismissed") return [m];
    return m.status === "needs_review" ? [] : [withReview(m, { decision: "dismissed", ...note, overridden: true }, m.status)];
  });
}

/** The decision a stored reason carries, in words; null when none. */
export function reviewWords(reason: unknown): string | null {
  const review = (reason as { review?: Partial<ReviewNote> } | null)?.review;
  if (!review || typeof review !== "object") return null;
  const who = `${String(review.by ?? "someone")} on ${String(review.on ?? "an unknown day")}`;
  if (review.decision === "confirmed") return `Possible match confirmed by ${who}.`;
  if (review.decision === "dismissed") return `Dismissed earlier as a possible match by ${who}; the advisories now say it is affected.`;
  return null;
}
