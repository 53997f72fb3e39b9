import Link from "next/link";
import { changeControlLines, type ChangeControl } from "@/lib/domain/risk/change-report-figures";

/** The change-control section: each figure with the sentence that says what it counts. */
export function ChangeControlFigures({ changes }: { changes: ChangeControl | null | undefined }) {
  if (!changes) return <p className="text-sm text-slate-600">Not counted.</p>;
  return (
    <>
      <dl className="grid gap-3 md:grid-cols-3" data-testid="report-change-figures">
        {changeControlLines(changes).map((l) => (
          <div key={l.item} className="rounded-md border border-slate-200 p-3">
            <dt className="text-sm font-medium text-slate-700">{l.item}</dt>
            <dd className={`font-semibold text-slate-900 ${/^\d+$/.test(l.value) ? "text-2xl tabular-nums" : "break-words text-sm"}`}>{/^\d+$/.test(l.value) ? Number(l.value).toLocaleString("en-US") : l.value}</dd>
            <dd className="mt-1 text-xs text-slate-600">{l.what}</dd>
          </div>
        ))}
      </dl>
      <p className="no-print mt-2 text-sm"><Link href="/changes" className="text-brand-700 underline">Open the changes</Link> to see each plan, its devices and the tasks still open.</p>
    </>
  );
}
