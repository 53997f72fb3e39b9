// A device's risk score from its clinical context, where it sits and its matched vulnerabilities:
// the risk model's inputs (lib/domain/risk/risk-model.ts) gathered, each with its source in
// words, and the result as stored (breakdown JSON and its hash). Pure.
import { createHash } from "node:crypto";
import { endedOn, type EolMatch, type EolTable } from "../risk/end-of-life";
import { computeRisk, type EndOfLifeInput, type Exposure, type FeedDates, type RiskInput, type RiskResult, type VulnerabilityInput } from "../risk/risk-model";
import { EXPOSURES } from "../words/vocabulary";
import type { DesiredMatch } from "./device-matches";
import { FleetMemo } from "./fleet-memo";

/** What scoring reads of a device (its own columns). */
export type ScoringFacts = {
  category: string; status: string; spoofSuspected: boolean; criticality: string; criticalitySource: string; phi: string; compensatingControls: number;
  internetExposed: boolean; channel: string | null; segmentId: string | null;
  /** The operating system the agent reports (software.os), matched against the end-of-life table. */
  os?: string | null;
};
/** What the feeds say of one CVE. */
export type VulnFacts = { kev: boolean; cvssVector: string | null; cvssExploitability: number | null; epss: number | null };
/** A segment as scoring sees it: its class, and where the class came from (a guess, or a person). */
export type Segment = { name: string; label?: string | null; exposure: string; exposureSource?: string; exposureSetBy?: string | null; exposureSetAt?: Date | null };

export function segmentSource(s: Segment): string {
  const named = `segment ${s.label ?? s.name}`;
  if (s.exposureSource !== "set") return s.exposureSource === "guessed" ? `${named}, class guessed from its name` : named;
  return `${named}, class set by ${s.exposureSetBy ?? "an administrator"}${s.exposureSetAt ? ` on ${s.exposureSetAt.toISOString().slice(0, 10)}` : ""}`;
}
/** Shared by every device of a refresh: feed versions, the CVEs' facts read so far, segments, scores per distinct input. */
export type ScoringContext = { feeds: FeedDates; vulns: Map<string, VulnFacts>; segments: Map<string, Segment>; scored: FleetMemo<Scored>; endOfLife: (os: string | null | undefined) => EndOfLifeInput | null };
/** A score as stored: the result, its breakdown as JSON text, and that text's hash (unchanged hash: nothing to write). */
export type Scored = { result: RiskResult; breakdown: string; hash: string };

/** eol: the end-of-life table and the day support is judged on (the refresh's day); without it no OS counts as ended. */
export function scoringContext(feeds: FeedDates, segments: Map<string, Segment>, eol?: { table: EolTable; asOf: Date }): ScoringContext {
  const asOf = eol?.asOf.toISOString().slice(0, 10);
  const seen = new Map<string, EolMatch | null>();
  const endOfLife = (os: string | null | undefined): EndOfLifeInput | null => {
    if (!eol || !asOf || !os) return null;
    if (!seen.has(os)) seen.set(os, endedOn(os, eol.table, asOf));
    const match = seen.get(os);
    return match ?? null;
  };
  return { feeds, vulns: new Map(), segments, scored: new FleetMemo(), endOfLife };
}

function exposureOf(d: ScoringFacts, segments: ScoringContext["segments"]): { exposure: Exposure | null; source: string } {
  if (d.internetExposed) return { exposure: "internet", source: "seen reachable from the internet" };
  const segment = d.segmentId ? segments.get(d.segmentId) : undefined;
  if (segment && (EXPOSURES as readonly string[]).includes(segment.exposure)) return { exposure: segment.exposure as Exposure, source: segmentSource(segment) };
  if (d.channel === "usb") return { exposure: "usb_only", source: "attached by USB only" };
  return { exposure: null, source: "no segment known" };
}

/** The risk model's input for a device and its matches (one per CVE, affected over needs review). */
export function riskInputOf(d: ScoringFacts, desired: DesiredMatch[], ctx: ScoringContext): RiskInput {
  const exposure = exposureOf(d, ctx.segments);
  const affected = new Set(desired.filter((m) => m.status === "affected").map((m) => m.cve));
  const vulnerabilities: VulnerabilityInput[] = [...new Set(desired.map((m) => m.cve))].map((cve) => {
    const v = ctx.vulns.get(cve);
    return { id: cve, kev: v?.kev ?? false, epss: v?.epss ?? null, epssDate: ctx.feeds.epssDate, cvssVector: v?.cvssVector ?? null, cvssExploitability: v?.cvssExploitability ?? null, matchStatus: affected.has(cve) ? "affected" : "needs_review" };
  });
  return {
    criticality: d.criticality as RiskInput["criticality"],
    criticalitySource: d.criticalitySource === "user" ? "set by a clinical engineer" : `default for category ${d.category}`,
    phi: d.phi as RiskInput["phi"],
    phiSource: `default for category ${d.category}`,
    exposure: exposure.exposure,
    exposureSource: exposure.source,
    compensatingControls: d.compensatingControls,
    controlsSource: "device record",
    unauthorized: d.status === "unauthorized",
    spoofDetected: d.spoofSuspected,
    vulnerabilities,
    endOfLife: ctx.endOfLife(d.os),
    feeds: ctx.feeds,
  };
}

/**
 * The device's score, its breakdown as stored (JSON) and that text's hash. Devices with the same
 * inputs (same model, firmware, segment and context) get the same breakdown: computed once.
 */
export function scoreDevice(d: ScoringFacts, desired: DesiredMatch[], ctx: ScoringContext): Scored {
  const input = riskInputOf(d, desired, ctx);
  return ctx.scored.get(JSON.stringify(input), () => {
    const result = computeRisk(input);
    const breakdown = JSON.stringify(result.breakdown);
    return { result, breakdown, hash: createHash("sha256").update(breakdown).digest("base64url") };
  });
}

const TIER_RANK: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** A device already scored that climbs into critical is news (an alert); a first score is not a jump. */
export function climbsToCritical(before: { riskComputedAt: Date | null; riskTier: string }, after: RiskResult): boolean {
  return !!before.riskComputedAt && after.tier === "critical" && TIER_RANK[before.riskTier] < TIER_RANK.critical;
}
