import { inputClass } from "@/components/ui/field";
import type { Period } from "@/lib/domain/risk/ciso-report";

const PERIOD_OPTIONS: [string, string][] = [
  ["7d", "Last 7 days"],
  ["30d", "Last 30 days"],
  ["90d", "Last 90 days"],
  ["quarter", "This quarter"],
  ["custom", "Custom dates"],
];

/** A plain GET form: the period and site live in the URL, so a report can be bookmarked and shared. */
export function ReportFilters({ period, siteId, sites }: { period: Period; siteId?: string; sites: { id: string; name: string }[] }) {
  const field = "flex flex-col gap-1 text-xs font-medium text-slate-700";
  return (
    <form method="get" action="/reports" className="no-print mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Choose the report's period and site">
      <label className={field}>
        Period
        <select name="period" defaultValue={period.kind} className={inputClass}>
          {PERIOD_OPTIONS.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
        </select>
      </label>
      <label className={field}>
        From (custom dates)
        <input type="date" name="from" defaultValue={period.kind === "custom" ? period.fromDay : ""} className={inputClass} />
      </label>
      <label className={field}>
        To (custom dates)
        <input type="date" name="to" defaultValue={period.kind === "custom" ? period.toDay : ""} className={inputClass} />
      </label>
      <label className={field}>
        Site
        <select name="site" defaultValue={siteId ?? ""} className={inputClass}>
          <option value="">All sites</option>
          {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Show report
      </button>
    </form>
  );
}
