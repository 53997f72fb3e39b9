// The agent's own account of itself: each collector that worked or not, what it could not read,
// and reports waiting in (or dropped from) its spool. Agents that send no health show a dash.
import { Badge } from "@/components/ui/badge";
import { healthSummary, type AgentSelfReport } from "@/lib/domain/protocol/agent-health";
import { countOf } from "@/lib/domain/words/count";
import { whenUtc } from "@/lib/domain/words/time-format";

export function AgentHealthCell({ health, at }: { health: AgentSelfReport | null; at: Date | null }) {
  if (!health) return <span className="text-slate-500">—</span>;
  const summary = healthSummary(health);
  return (
    <div className="space-y-1" data-testid="agent-health">
      <ul className="flex flex-wrap gap-1">
        {(health.collectors ?? []).map((c) => (
          <li key={c.name}>
            <Badge tone={c.ok ? "ok" : "warn"}>
              {c.name}: {c.ok ? countOf(c.observations, "observation") : "problems"}
            </Badge>
          </li>
        ))}
      </ul>
      {health.spool && (
        <p className={summary.dropped ? "text-red-700" : "text-slate-500"}>
          spool: {countOf(summary.queued, "report")} waiting
          {summary.dropped > 0 && `, ${countOf(summary.dropped, "report")} dropped when it was full`}
          {(health.spool.refusedReports ?? 0) > 0 && `, ${countOf(health.spool.refusedReports ?? 0, "report")} refused by the server`}
        </p>
      )}
      {summary.problems > 0 && (
        <details>
          <summary className="cursor-pointer">{countOf(summary.problems, "problem")} reported</summary>
          <ul className="list-disc pl-4">
            {(health.collectors ?? []).flatMap((c) =>
              c.problems.map((p, i) => (
                <li key={`${c.name}-${i}`}>
                  <span className="font-medium">{c.name}</span>
                  {p.where && <> ({p.where})</>}: {p.message}
                </li>
              )),
            )}
          </ul>
        </details>
      )}
      <p className="text-slate-500">as of {whenUtc(at)}</p>
    </div>
  );
}
