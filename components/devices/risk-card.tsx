// The device's current score and why, in words: the chain of factors, the floors, the tier, the
// SSVC label, every factor's source, and whether the breakdown alone reproduces the score.
import Link from "next/link";
import { TierBadge } from "@/components/devices/badges";
import { SsvcBadge } from "@/components/devices/ssvc-badge";
import { Card } from "@/components/ui/card";
import { reproduceRisk, TIER_CUTOFFS, type RiskBreakdown } from "@/lib/domain/risk/risk-model";
import { explainRisk, factorText, type RiskExplanation } from "@/lib/domain/risk/explain-risk";
import { triggerWords } from "@/lib/domain/risk/trigger-words";
import { whenUtc } from "@/lib/domain/words/time-format";
import { getCurrentRiskScore, getRiskHistory } from "@/lib/queries/device-detail";
import { ScoreHistory } from "./score-history";
import { FactList } from "@/components/ui/fact-list";

type Stored = NonNullable<Awaited<ReturnType<typeof getCurrentRiskScore>>>;

function isBreakdown(value: unknown): value is RiskBreakdown {
  const b = value as Partial<RiskBreakdown> | null;
  return !!b && Array.isArray(b.vulnerabilities) && !!b.exposure && !!b.controls && !!b.criticality && !!b.phi && !!b.cutoffs && Array.isArray(b.floors);
}

function Sources({ rows }: { rows: RiskExplanation["sources"] }) {
  return (
    <FactList rows={rows} className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-xs" />
  );
}

function AllVulnerabilities({ rows }: { rows: RiskExplanation["vulnerabilities"] }) {
  if (rows.length < 2) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-700">All {rows.length} vulnerabilities in the score</summary>
      <table className="mt-2 w-full text-left">
        <thead className="text-slate-500">
          <tr><th scope="col" className="pr-2">CVE</th><th scope="col" className="pr-2">Likelihood</th><th scope="col" className="pr-2">Adjusted</th><th scope="col">SSVC</th></tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.id} className="border-t border-slate-100 align-top">
              <td className="pr-2 font-mono">{v.id}{v.needsReview ? " (needs review)" : ""}</td>
              <td className="pr-2">{v.likelihood}</td>
              <td className="pr-2 tabular-nums">{factorText(v.adjusted)}</td>
              <td>{v.ssvc}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Explanation({ b }: { b: RiskBreakdown }) {
  const e = explainRisk(b);
  const again = reproduceRisk(b);
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p data-testid="risk-chain" className="rounded-md bg-slate-50 p-3 leading-relaxed">{e.steps.join("; ")}</p>
      {e.endOfLife && <p data-testid="risk-end-of-life">{e.endOfLife}</p>}
      {e.floors.length > 0 && (
        <div>
          <p className="font-medium">Floors applied (a floor never lowers a score):</p>
          <ul className="list-disc pl-5">{e.floors.map((f) => <li key={f}>{f}</li>)}</ul>
        </div>
      )}
      <p>{e.tier}</p>
      {e.ssvc && <p>{e.ssvc}</p>}
      <Sources rows={e.sources} />
      <AllVulnerabilities rows={e.vulnerabilities} />
      <p className="text-xs text-slate-600">
        {again.matches ? "Reproduced from this breakdown alone: same score." : `Recomputed from this breakdown: ${again.differences.join("; ")}.`}
      </p>
    </div>
  );
}

function Scored({ s }: { s: Stored }) {
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <p><span className="text-3xl font-semibold tabular-nums">{s.score}</span><span className="text-sm text-slate-500"> / 100</span></p>
        <TierBadge tier={s.tier} />
        <SsvcBadge label={s.ssvc} />
      </div>
      <p className="text-xs text-slate-600">Risk model v{s.modelVersion} · computed {whenUtc(s.computedAt, "second")} (after {triggerWords(s.trigger, s.modelVersion)})</p>
      {isBreakdown(s.breakdown) ? <Explanation b={s.breakdown} /> : <p className="text-sm text-slate-600">This score was stored without a breakdown this version can read.</p>}
    </div>
  );
}

export async function RiskCard({ deviceId }: { deviceId: string }) {
  const [stored, history] = await Promise.all([getCurrentRiskScore(deviceId), getRiskHistory(deviceId)]);
  return (
    <Card title="Risk">
      <div data-testid="risk-card" className="flex flex-col gap-3">
        {stored ? <Scored s={stored} /> : <p className="text-sm text-slate-600">Not scored yet. Devices are scored a few seconds after they are reported and again after every feed import.</p>}
        {stored && (
          <div data-testid="score-history">
            <h3 className="text-sm font-medium text-slate-700">Score over time</h3>
            <ScoreHistory points={history.map((h) => ({ at: h.computedAt.toISOString(), score: h.score, tier: h.tier, trigger: h.trigger }))} cutoffs={TIER_CUTOFFS} />
          </div>
        )}
        <Link href="/risk/model" className="text-sm text-brand-700 underline">How scores are computed (the risk model)</Link>
      </div>
    </Card>
  );
}
