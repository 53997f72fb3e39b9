import Link from "next/link";
import { inputClass } from "@/components/ui/field";
import { CATEGORY_LABELS, CRITICALITIES, CRITICALITY_LABELS, RISK_TIERS } from "@/lib/domain/words/vocabulary";
import { SSVC_LABELS, type RiskParams } from "@/lib/queries/risk";

const SSVC_WORDS: Record<(typeof SSVC_LABELS)[number], string> = {
  Act: "Act (now)",
  Attend: "Attend (soon)",
  "Track*": "Track* (watch closely)",
  Track: "Track",
};

function Select({ name, labelText, value, options }: { name: string; labelText: string; value?: string; options: [string, string][] }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
      {labelText}
      <select name={name} defaultValue={value ?? ""} className={inputClass}>
        <option value="">Any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A plain GET form: the filters live in the URL, so a ranking can be bookmarked and shared. */
export function RiskFilters({ params, sites }: { params: RiskParams; sites: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/risk" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" role="search" aria-label="Filter the risk ranking">
      <Select name="tier" labelText="Risk tier" value={params.tier} options={RISK_TIERS.map((t) => [t, t])} />
      <Select name="ssvc" labelText="SSVC decision" value={params.ssvc} options={SSVC_LABELS.map((s) => [s, SSVC_WORDS[s]])} />
      <Select name="criticality" labelText="Criticality" value={params.criticality} options={CRITICALITIES.map((c) => [c, CRITICALITY_LABELS[c]])} />
      <Select name="category" labelText="Category" value={params.category} options={Object.entries(CATEGORY_LABELS)} />
      <Select name="site" labelText="Site" value={params.site} options={sites.map((s) => [s.id, s.name])} />
      <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
        <input type="checkbox" name="kev" value="1" defaultChecked={params.kev === "1"} className="h-4 w-4 rounded border-slate-300" />
        Known exploited (KEV) only
      </label>
      <div className="flex items-end gap-2 sm:col-span-3 lg:col-span-6">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Apply
        </button>
        <Link href="/risk" className="rounded-md px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
          Clear
        </Link>
      </div>
    </form>
  );
}
