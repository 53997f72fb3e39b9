// CVSS scores from vectors, with a maintained calculator (ae-cvss-calculator): 2.0, 3.0, 3.1 and
// 4.0. An invalid or incomplete vector is a result, not an exception: feeds carry bad data.
import { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } from "ae-cvss-calculator";

export type CvssVersion = "2.0" | "3.0" | "3.1" | "4.0";
export type Severity = "none" | "low" | "medium" | "high" | "critical";
export type CvssResult =
  | { ok: true; version: CvssVersion; vector: string; baseScore: number; exploitability: number | null; severity: Severity }
  | { ok: false; vector: string; error: string };

function versionOf(vector: string): CvssVersion | null {
  const prefix = /^CVSS:(3\.0|3\.1|4\.0)\//.exec(vector);
  if (prefix) return prefix[1] as CvssVersion;
  return /^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]\//.test(vector) ? "2.0" : null;
}

export function severityOf(score: number, version: CvssVersion): Severity {
  if (version === "2.0") return score >= 7 ? "high" : score >= 4 ? "medium" : "low";
  if (score === 0) return "none";
  return score >= 9 ? "critical" : score >= 7 ? "high" : score >= 4 ? "medium" : "low";
}

export function scoreCvssVector(input: string): CvssResult {
  const vector = input.trim();
  const version = versionOf(vector);
  if (!version) return { ok: false, vector, error: "not a CVSS 2.0, 3.0, 3.1 or 4.0 vector" };
  try {
    const cvss = version === "4.0" ? new Cvss4P0(vector) : version === "3.1" ? new Cvss3P1(vector) : version === "3.0" ? new Cvss3P0(vector) : new Cvss2(vector.replace(/^\(|\)$/g, ""));
    if (!cvss.isBaseFullyDefined()) return { ok: false, vector, error: "the vector does not define every base metric" };
    const scores = cvss.calculateScores() as { base?: number; exploitability?: number; overall: number };
    const baseScore = scores.base ?? scores.overall;
    if (typeof baseScore !== "number" || Number.isNaN(baseScore)) return { ok: false, vector, error: "the calculator returned no base score" };
    return { ok: true, version, vector, baseScore, exploitability: version === "4.0" ? null : (scores.exploitability ?? null), severity: severityOf(baseScore, version) };
  } catch (error) {
    return { ok: false, vector, error: error instanceof Error ? error.message : String(error) };
  }
}
