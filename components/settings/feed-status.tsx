// The feed page's status of feeds:update: per feed its source, when it was last tried, last
// succeeded and last changed, what its last run added or why it failed; and the recent runs.
// Server-rendered: the forms inside are the small client components.
import { Badge, type Tone } from "@/components/ui/badge";
import type { FormAction } from "@/components/ui/action-form";
import { Table } from "@/components/ui/table";
import { whenUtc } from "@/lib/domain/words/time-format";
import type { FeedSourceRow, FeedUpdateRunRow } from "@/lib/queries/feeds";
import { DEFAULT_FEED_URLS, FEED_URL_ENV } from "@/lib/domain/words/feed-sources";
import { FeedSourceForm } from "./feed-source-form";
import { ORIGIN_WORDS, runSummaryText, SOURCE_NAMES } from "./feed-words";

const OUTCOME_TONE: Record<string, Tone> = { updated: "ok", unchanged: "neutral", failed: "danger" };

function Outcome({ run }: { run: Pick<FeedUpdateRunRow, "outcome" | "finishedAt"> }) {
  if (!run.finishedAt) return <Badge tone="info">running</Badge>;
  return <Badge tone={OUTCOME_TONE[run.outcome] ?? "neutral"}>{run.outcome}</Badge>;
}

const when = (d: Date | null) => (d ? whenUtc(d) : "never");

function SourceCard({ row, action }: { row: FeedSourceRow; action: FormAction }) {
  const name = SOURCE_NAMES[row.feed];
  return (
    <div className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm" data-testid={`feed-source-${row.feed}`}>
      <h3 className="flex items-center gap-2 font-semibold text-slate-800">
        {name} {row.lastRun && <Outcome run={row.lastRun} />}
      </h3>
      <p className="break-all text-xs text-slate-600">
        Source: <span className="font-mono" data-testid={`feed-url-${row.feed}`}>{row.source.url}</span>{" "}
        <span data-testid={`feed-origin-${row.feed}`}>
          ({ORIGIN_WORDS[row.source.origin]}{row.source.setBy ? ` by ${row.source.setBy}` : ""})
        </span>
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
        <dt className="text-slate-500">Last try</dt><dd className="tabular-nums">{when(row.lastTryAt)}</dd>
        <dt className="text-slate-500">Last success</dt><dd className="tabular-nums">{when(row.lastSuccessAt)}</dd>
        <dt className="text-slate-500">Last change</dt><dd className="tabular-nums">{when(row.lastChangeAt)}</dd>
        {row.lastRun && (
          <>
            <dt className="text-slate-500">Last run</dt>
            <dd data-testid={`feed-last-run-${row.feed}`}>{row.lastRun.outcome}{row.lastRun.summary ? `: ${runSummaryText(row.lastRun.summary)}` : ""}</dd>
          </>
        )}
      </dl>
      {row.lastError && <p role="alert" className="break-words text-xs text-red-700" data-testid={`feed-error-${row.feed}`}>Last error: {row.lastError}</p>}
      <FeedSourceForm feed={row.feed} label={name} storedUrl={row.storedUrl} placeholder={`${DEFAULT_FEED_URLS[row.feed]} (or ${FEED_URL_ENV[row.feed]})`} action={action} />
    </div>
  );
}

export function FeedSources({ rows, action }: { rows: FeedSourceRow[]; action: FormAction }) {
  return (
    <div className="grid gap-3 lg:grid-cols-3">
      {rows.map((row) => <SourceCard key={row.feed} row={row} action={action} />)}
    </div>
  );
}

export function FeedUpdateRuns({ runs }: { runs: FeedUpdateRunRow[] }) {
  if (runs.length === 0) return <p className="text-sm text-slate-600">No update has run yet.</p>;
  return (
    <Table columns={["Started", "Feed", "By", "Outcome"]} last="What changed, or why it failed" testId="feed-update-runs">
      {runs.map((r) => (
        <tr key={r.id} className="border-b border-slate-100 align-top">
          <td className="whitespace-nowrap py-1 pr-4 tabular-nums">{whenUtc(r.startedAt, "second")}</td>
          <td className="py-1 pr-4">{SOURCE_NAMES[r.feed as keyof typeof SOURCE_NAMES] ?? r.feed}</td>
          <td className="py-1 pr-4">{r.trigger}</td>
          <td className="py-1 pr-4"><Outcome run={r} /></td>
          <td className="break-words py-1 text-xs text-slate-700">{r.finishedAt ? (r.error ?? runSummaryText(r.summary)) : "…"}</td>
        </tr>
      ))}
    </Table>
  );
}
