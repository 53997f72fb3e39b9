import Link from "next/link";
import { inputClass } from "@/components/ui/field";
import { CATEGORY_LABELS, CRITICALITIES, CRITICALITY_LABELS, DEVICE_STATUSES, RISK_TIERS, label } from "@/lib/domain/words/vocabulary";
import type { InventoryParams } from "@/lib/queries/devices";

type Facets = { sites: { id: string; name: string }[]; segments: { id: string; name: string; site: { name: string } }[]; categories: { category: string; count: number }[] };

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

/** A plain GET form: every filter lives in the URL, so a view can be bookmarked and shared. */
export function InventoryFilters({ params, facets }: { params: InventoryParams; facets: Facets }) {
  return (
    <form method="get" action="/inventory" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" role="search" aria-label="Filter the inventory">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 sm:col-span-2">
        Search
        <input name="q" type="search" defaultValue={params.q ?? ""} maxLength={100} placeholder="Name, MAC, IP, serial, vendor, model" className={inputClass} />
      </label>
      <Select name="category" labelText="Category" value={params.category} options={facets.categories.map((c) => [c.category, `${label(CATEGORY_LABELS, c.category)} (${c.count})`])} />
      <Select name="status" labelText="Status" value={params.status} options={DEVICE_STATUSES.map((s) => [s, s])} />
      <Select name="tier" labelText="Risk tier" value={params.tier} options={RISK_TIERS.map((t) => [t, t])} />
      <Select name="criticality" labelText="Criticality" value={params.criticality} options={CRITICALITIES.map((c) => [c, CRITICALITY_LABELS[c]])} />
      <Select name="site" labelText="Site" value={params.site} options={facets.sites.map((s) => [s.id, s.name])} />
      <Select name="segment" labelText="Segment" value={params.segment} options={facets.segments.map((s) => [s.id, `${s.name} (${s.site.name})`])} />
      <Select name="seen" labelText="Last seen" value={params.seen} options={[["24h", "Last 24 hours"], ["7d", "Last 7 days"], ["30d", "Last 30 days"], ["older", "Over 30 days ago"]]} />
      <Select name="sort" labelText="Sort by" value={params.sort} options={[["risk", "Risk (highest first)"], ["lastSeen", "Last seen"], ["firstSeen", "First seen"], ["name", "Name"]]} />
      <div className="flex items-end gap-2 lg:col-span-5">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Apply
        </button>
        <Link href="/inventory" className="rounded-md px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
          Clear
        </Link>
      </div>
    </form>
  );
}
