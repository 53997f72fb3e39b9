import { inputClass } from "@/components/ui/field";
import { FilterBar, filterLabelClass, Select, type Option } from "@/components/ui/filter-bar";
import type { Period } from "@/lib/domain/risk/ciso-report-figures";

const PERIOD_OPTIONS: Option[] = [
  ["7d", "Last 7 days"],
  ["30d", "Last 30 days"],
  ["90d", "Last 90 days"],
  ["quarter", "This quarter"],
  ["custom", "Custom dates"],
];

export function CisoReportFilters({ period, siteId, sites }: { period: Period; siteId?: string; sites: { id: string; name: string }[] }) {
  const custom = period.kind === "custom";
  return (
    <FilterBar
      action="/reports"
      label="Choose the report's period and site"
      className="no-print mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      submitText="Show report"
      clearable={false}
      search={false}
    >
      <Select name="period" label="Period" value={period.kind} options={PERIOD_OPTIONS} any={false} />
      <label className={filterLabelClass}>
        From (custom dates)
        <input type="date" name="from" defaultValue={custom ? period.fromDay : ""} className={inputClass} />
      </label>
      <label className={filterLabelClass}>
        To (custom dates)
        <input type="date" name="to" defaultValue={custom ? period.toDay : ""} className={inputClass} />
      </label>
      <Select name="site" label="Site" value={siteId} options={sites.map((s) => [s.id, s.name])} any="All sites" />
    </FilterBar>
  );
}
