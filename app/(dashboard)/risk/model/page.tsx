import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/session";
import {
  CONTROLS_CAP, CRITICALITY_IMPACT, CVSS_FLOOR, DEFAULT_LIKELIHOOD, END_OF_LIFE_LIKELIHOOD, EPSS_POC_THRESHOLD, EXPOSURE_FACTOR, KNOWN_VULNERABILITY_MINIMUM, PHI_IMPACT, POSSIBLE_MATCH_WEIGHT,
  RISK_MODEL_VERSION, SSVC_TABLE, TIER_CUTOFFS, UNKNOWN_EXPOSURE_FACTOR, type FloorRule,
} from "@/lib/domain/risk/risk-model";
import { END_OF_LIFE_TABLE } from "@/lib/reference/eol/eol-table";
import { CRITICALITY_LABELS } from "@/lib/domain/words/vocabulary";
import { EXPOSURE_WORDS, FLOOR_WORDS, PHI_WORDS } from "@/lib/domain/risk/explain-risk";

export const metadata: Metadata = { title: "Risk model" };

const td = "py-1 pr-4";

function RowsTable({ head, rows, testId }: { head: string[]; rows: React.ReactNode[][]; testId?: string }) {
  return (
    <Table columns={head} testId={testId}>
      {rows.map((r, i) => <tr key={i} className="border-b border-slate-100 align-top">{r.map((c, j) => <td key={j} className={td}>{c}</td>)}</tr>)}
    </Table>
  );
}

const likelihoodRows = [
  ["In CISA's Known Exploited Vulnerabilities catalog", "1", "exploitation is a fact"],
  ["Else its EPSS probability, raised to the CVSS floor when lower", "0 to 1", `chance of exploitation within 30 days (FIRST); floor ${CVSS_FLOOR} × CVSS exploitability ÷ 3.9 (× base score ÷ 10 without it, ${CVSS_FLOOR} without CVSS): EPSS refines, it does not erase CVSS`],
  ["Else its CVSS 3.x exploitability subscore ÷ 3.9", "0 to 1", "how easy it is to exploit"],
  ["Else", String(DEFAULT_LIKELIHOOD), "assumed: a known vulnerability without data is not harmless"],
];

const otherFactorRows = [
  ["A possible match (needs review) until a person confirms it", `× ${POSSIBLE_MATCH_WEIGHT}`, "shown and counted apart; a guess does not decide the score alone"],
  ["An operating system past its vendor's end of support", String(END_OF_LIFE_LIKELIHOOD), "a likelihood of its own, × exposure × (1 − controls); named with its end date and source"],
];

// Model v1 (1.0.0, 1.1.0): kept because scores computed with it keep their version.
const v1LikelihoodRows = [
  ["In CISA's Known Exploited Vulnerabilities catalog", "1"],
  ["Else its EPSS probability (whatever CVSS says)", "0 to 1"],
  ["Else its CVSS 3.x exploitability subscore ÷ 3.9", "0 to 1"],
  ["Else", String(DEFAULT_LIKELIHOOD)],
];
const v1ChangeRows = [
  ["Likelihood with an EPSS score", "EPSS alone: a low EPSS could make a known flaw score 0", "EPSS raised to the CVSS floor"],
  ["A possible match (needs review)", "counted in full", `counted × ${POSSIBLE_MATCH_WEIGHT}, apart`],
  ["KEV floor on a life-sustaining device", "possible matches included", "confirmed matches only"],
  ["Least score with a known vulnerability", "0", String(KNOWN_VULNERABILITY_MINIMUM)],
  ["End-of-life operating system", "not a factor", String(END_OF_LIFE_LIKELIHOOD)],
];
const eolRows = END_OF_LIFE_TABLE.entries.map((e) => [e.name, `${e.endOfSupport}${e.confidence === "approximate" ? " (approximate)" : ""}`, <a key={e.id} href={e.source} className="text-brand-700 underline" rel="noreferrer">{e.source.replace(/^https:\/\//, "")}</a>]);

const exposureRows = [
  ...Object.entries(EXPOSURE_FACTOR).map(([k, v]) => [EXPOSURE_WORDS[k] ?? k, String(v), ""]),
  ["unknown segment", String(UNKNOWN_EXPOSURE_FACTOR), "assumed: most hospital networks are flat"],
];

// Which cut-off each floor raises a score to, as the model applies them.
const FLOORS: [FloorRule, number][] = [["kev_on_life_sustaining", TIER_CUTOFFS.critical], ["spoof_detected", TIER_CUTOFFS.critical], ["unauthorized", TIER_CUTOFFS.high], ["known_vulnerability", KNOWN_VULNERABILITY_MINIMUM]];

const LEVELS = ["low", "medium", "high"] as const;
const ssvcRows = (Object.keys(SSVC_TABLE) as (keyof typeof SSVC_TABLE)[]).flatMap((exploitation) =>
  (["no", "yes"] as const).flatMap((automatable) =>
    (["partial", "total"] as const).map((impact) => [exploitation, automatable, impact, ...LEVELS.map((m) => SSVC_TABLE[exploitation][automatable][impact][m])]),
  ),
);

export default async function RiskModelPage() {
  await requirePageUser();
  return (
    <>
      <PageHeader
        title={`Risk model v${RISK_MODEL_VERSION}`}
        description="How every device's score is computed: open, explained factor by factor on each device's page, and reproducible from the stored breakdown. The tables below are read from the code that scores."
      />
      <div className="flex flex-col gap-4">
        <Card title="The formula">
          <div className="flex flex-col gap-2 text-sm">
            <p>Per vulnerability: <strong>adjusted likelihood = likelihood × exposure × (1 − compensating controls) × match weight</strong>; an end-of-life operating system adds its own, {END_OF_LIFE_LIKELIHOOD} × exposure × (1 − compensating controls).</p>
            <p>Impact (1 to 5) = the higher of clinical criticality and patient data (PHI).</p>
            <p><strong>Device score = round(100 × highest adjusted likelihood × impact ÷ 5)</strong>, 0 with no vulnerability and a supported operating system: the worst one drives, one open door is enough. Floors then raise it, never lower it; a known vulnerability never scores 0.</p>
            <p>Compensating controls count from 0 to {CONTROLS_CAP}: no control makes a vulnerable device more than half as safe. Accepting a risk never changes the score; the device only ranks apart until the acceptance expires.</p>
          </div>
        </Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="Likelihood"><RowsTable head={["Evidence", "Value", "Why"]} rows={likelihoodRows} testId="likelihood-table" /></Card>
          <Card title="Possible matches and end-of-life systems"><RowsTable head={["What", "Weight or likelihood", "Why"]} rows={otherFactorRows} testId="other-factors-table" /></Card>
          <Card title="Exposure"><RowsTable head={["Where the device is", "Factor", "Note"]} rows={exposureRows} testId="exposure-table" /></Card>
          <Card title="Impact: clinical criticality"><RowsTable head={["Criticality", "Impact"]} rows={Object.entries(CRITICALITY_IMPACT).map(([k, v]) => [CRITICALITY_LABELS[k as keyof typeof CRITICALITY_LABELS] ?? k, String(v)])} /></Card>
          <Card title="Impact: patient data (PHI)"><RowsTable head={["PHI", "Impact"]} rows={Object.entries(PHI_IMPACT).map(([k, v]) => [PHI_WORDS[k] ?? k, String(v)])} /></Card>
          <Card title="Floors"><RowsTable head={["Rule", "Score at least"]} rows={FLOORS.map(([rule, min]) => [FLOOR_WORDS[rule], String(min)])} /></Card>
          <Card title="Tiers">
            <RowsTable head={["Tier", "Score"]} rows={[["critical", `≥ ${TIER_CUTOFFS.critical}`], ["high", `≥ ${TIER_CUTOFFS.high}`], ["medium", `≥ ${TIER_CUTOFFS.medium}`], ["low", `below ${TIER_CUTOFFS.medium}`]]} />
          </Card>
        </div>
        <Card title="SSVC decision (CISA SSVC v2.0.3)">
          <p className="mb-3 text-sm text-slate-700">
            Per vulnerability: exploitation is active when in KEV, proof of concept when EPSS ≥ {EPSS_POC_THRESHOLD}, else none; automatable when the device is reachable (internet, general IT or unknown) and the CVSS vector says network attack without user interaction; technical impact is total with high confidentiality and integrity loss; mission and well-being follow impact (≥ 4 high, 3 medium, else low). The device shows its most urgent label: Act &gt; Attend &gt; Track* &gt; Track.
          </p>
          <RowsTable head={["Exploitation", "Automatable", "Technical impact", "Mission low", "Mission medium", "Mission high"]} rows={ssvcRows} testId="ssvc-table" />
        </Card>
        <Card title={`End-of-life operating systems (${END_OF_LIFE_TABLE.entries.length} releases)`}>
          <details>
            <summary className="cursor-pointer text-sm text-slate-700">The table the operating system agents report is matched against: each release with its vendor&apos;s end of support and source</summary>
            <RowsTable head={["Release", "Support ended", "Source"]} rows={eolRows} testId="end-of-life-table" />
          </details>
        </Card>
        <Card title="Model v1 (1.0.0, 1.1.0): kept for the scores computed with it">
          <div className="flex flex-col gap-3 text-sm">
            <p>Scores keep the version that computed them; a v1 score is reproduced by v1&apos;s rules. Exposure, controls, impact, tiers and SSVC are the same in both versions.</p>
            <RowsTable head={["Evidence (v1)", "Likelihood"]} rows={v1LikelihoodRows} testId="v1-likelihood-table" />
            <RowsTable head={["What changed", "v1", `v${RISK_MODEL_VERSION}`]} rows={v1ChangeRows} testId="v1-changes-table" />
          </div>
        </Card>
        <p className="text-sm text-slate-600">
          The full write-up, with worked examples, is <code className="rounded bg-slate-100 px-1">docs/risk-model.md</code> in the source; the code is <code className="rounded bg-slate-100 px-1">lib/domain/risk/risk-model.ts</code>. Any change to a factor, floor, cut-off or table changes the model version.
        </p>
      </div>
    </>
  );
}
