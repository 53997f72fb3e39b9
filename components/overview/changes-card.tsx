import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { ChangesAtAGlance } from "@/lib/queries/changes";

const link = "block rounded-md p-2 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-700";
const n = (v: number) => v.toLocaleString("en-US");

/** Firmware changes at a glance: windows this week, failed changes still open, unplanned ones to review; each a link to its tab. */
export function ChangesCard({ counts }: { counts: ChangesAtAGlance }) {
  const month = counts.weekStart.toISOString().slice(0, 7);
  return (
    <Card title="Firmware changes" className="mt-4">
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-3" data-testid="changes-card">
        <Link href={`/changes?tab=calendar&month=${month}`} className={link}>
          <p className="text-sm text-slate-600">Changes this week</p>
          <p className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="stat-changes-this-week">{n(counts.thisWeek)}</p>
          <p className="text-xs text-slate-500">planned with a window from Monday to Sunday (UTC)</p>
        </Link>
        <Link href="/changes?tab=contingency" className={link}>
          <p className="text-sm text-slate-600">Failed, still open</p>
          <p className={`text-2xl font-semibold tabular-nums ${counts.failed ? "text-red-700" : "text-slate-900"}`} data-testid="stat-changes-failed">{n(counts.failed)}</p>
          <p className="text-xs text-slate-500">devices whose change failed: a contingency task is open</p>
        </Link>
        <Link href="/changes?tab=unplanned" className={link}>
          <p className="text-sm text-slate-600">Unplanned to review</p>
          <p className={`text-2xl font-semibold tabular-nums ${counts.unplanned ? "text-amber-700" : "text-slate-900"}`} data-testid="stat-changes-unplanned">{n(counts.unplanned)}</p>
          <p className="text-xs text-slate-500">firmware changes no approved plan covered</p>
        </Link>
      </div>
    </Card>
  );
}
