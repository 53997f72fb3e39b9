// CVSS scores from vectors, with a maintained calculator (ae-cvss-calculator) for 2.0, 3.0, 3.1
// and 4.0. Feeds carry bad data, so an invalid vector is a typed result, never an exception.
// The calculator is lenient (a repeated metric silently wins, for one), so the vector's syntax
// is checked here first: a score is only given for a vector CVSS itself would accept.
import * as calculator from "ae-cvss-calculator";

// The package is a webpack bundle: Node's ESM loader sees its exports under "default" only,
// bundlers and Vitest as named exports. Take them from wherever they are.
const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = (calculator as { default?: typeof calculator }).default ?? calculator;

export type CvssVersion = "2.0" | "3.0" | "3.1" | "4.0";
export type Severity = "none" | "low" | "medium" | "high" | "critical";
export type CvssScore = {
  ok: true;
  version: CvssVersion;
  vector: string;
  baseScore: number;
  /** The CVSS 3.x exploitability subscore, 0 to 3.9 (8.22 × AV × AC × PR × UI, rounded to one decimal). */
  exploitability?: number;
  severity: Severity;
};
export type CvssErrorCode = "empty" | "unknown_version" | "malformed" | "incomplete" | "calculator_error";
export type CvssError = { ok: false; vector: string; code: CvssErrorCode; error: string };
export type CvssResult = CvssScore | CvssError;

// Every metric each version defines (base, then temporal/threat, environmental, supplemental).
const METRICS: Record<CvssVersion, string[]> = {
  "2.0": "AV AC Au C I A E RL RC CDP TD CR IR AR".split(" "),
  "3.0": "AV AC PR UI S C I A E RL RC CR IR AR MAV MAC MPR MUI MS MC MI MA".split(" "),
  "3.1": "AV AC PR UI S C I A E RL RC CR IR AR MAV MAC MPR MUI MS MC MI MA".split(" "),
  "4.0": "AV AC AT PR UI VC VI VA SC SI SA E CR IR AR MAV MAC MAT MPR MUI MVC MVI MVA MSC MSI MSA S AU R V RE U".split(" "),
};

const fail = (vector: string, code: CvssErrorCode, error: string): CvssError => ({ ok: false, vector, code, error });

/** "CVSS:3.1/AV:N/…" → ["3.1", "AV:N/…"]; a bare or parenthesised "AV:N/AC:L/Au:N/…" is 2.0. */
function splitVersion(vector: string): [CvssVersion, string] | null {
  const prefixed = /^CVSS:(2\.0|3\.0|3\.1|4\.0)\/(.*)$/.exec(vector);
  if (prefixed) return [prefixed[1] as CvssVersion, prefixed[2]];
  const v2 = /^\(?(AV:[LAN]\/AC:[HML]\/Au:[MSN]\/.*?)\)?$/.exec(vector);
  return v2 ? ["2.0", v2[1]] : null;
}

/** Each metric known to the version, written once, as KEY:VALUE. */
function syntaxError(version: CvssVersion, metrics: string): string | null {
  const seen = new Set<string>();
  for (const pair of metrics.split("/")) {
    const m = /^([A-Za-z]+):([A-Za-z]+)$/.exec(pair);
    if (!m) return `"${pair}" is not a METRIC:VALUE pair`;
    if (!METRICS[version].includes(m[1])) return `${m[1]} is not a CVSS ${version} metric`;
    if (seen.has(m[1])) return `${m[1]} is given twice`;
    seen.add(m[1]);
  }
  return null;
}

/** The qualitative rating: CVSS 2.0 has only low / medium / high; 3.x and 4.0 share bands. */
export function severityOf(score: number, version: CvssVersion): Severity {
  if (version === "2.0") return score >= 7 ? "high" : score >= 4 ? "medium" : "low";
  if (score === 0) return "none";
  return score >= 9 ? "critical" : score >= 7 ? "high" : score >= 4 ? "medium" : "low";
}

function calculatorFor(version: CvssVersion, vector: string) {
  if (version === "4.0") return new Cvss4P0(vector);
  if (version === "3.1") return new Cvss3P1(vector);
  if (version === "3.0") return new Cvss3P0(vector);
  return new Cvss2(vector);
}

type Scores = { base?: number; baseMetricsOnly?: number; exploitability?: number };

/** Base score, severity and (3.x) exploitability of a CVSS vector, or a typed error. */
export function scoreCvssVector(input: string | null | undefined): CvssResult {
  const vector = (input ?? "").trim();
  if (!vector) return fail(vector, "empty", "no vector");
  const split = splitVersion(vector);
  if (!split) return fail(vector, "unknown_version", "not a CVSS 2.0, 3.0, 3.1 or 4.0 vector");
  const [version, metrics] = split;
  const problem = syntaxError(version, metrics);
  if (problem) return fail(vector, "malformed", problem);
  try {
    const cvss = calculatorFor(version, version === "2.0" ? metrics : vector);
    if (!cvss.isBaseFullyDefined()) return fail(vector, "incomplete", "the vector does not define every base metric");
    const scores = cvss.calculateScores() as Scores;
    // 4.0: the CVSS-B score, whatever threat or environmental metrics the vector also carries.
    const baseScore = version === "4.0" ? (scores.baseMetricsOnly ?? scores.base) : scores.base;
    if (typeof baseScore !== "number" || Number.isNaN(baseScore)) return fail(vector, "calculator_error", "the calculator returned no base score");
    const score: CvssScore = { ok: true, version, vector, baseScore, severity: severityOf(baseScore, version) };
    if (version.startsWith("3") && typeof scores.exploitability === "number") score.exploitability = scores.exploitability;
    return score;
  } catch (error) {
    // The calculator throws on an unknown value ("A:Q"); that is the vector's fault, not ours.
    return fail(vector, "malformed", error instanceof Error ? error.message : String(error));
  }
}
