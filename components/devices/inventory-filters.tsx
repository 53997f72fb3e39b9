import { inputClass } from "@/components/ui/field";
import { FilterBar, filterLabelClass, Select } from "@/components/ui/filter-bar";
import { CATEGORY_LABELS, CRITICALITIES, CRITICALITY_LABELS, DEVICE_STATUSES, RISK_TIERS, label } from "@/lib/domain/words/vocabulary";
import type { InventoryParams } from "@/lib/queries/devices";

type Facets = { sites: { id: string; name: string }[]; segments: { id: string; name: string; site: { name: string } }[]; categories: { category: string; count: number }[] };

export function InventoryFilters({ params, facets }: { params: InventoryParams; facets: Facets }) {
  return (
    <FilterBar action="/inventory" label="Filter the inventory" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" buttonsClassName="lg:col-span-5">
      <label className={`${filterLabelClass} sm:col-span-2`}>
        Search
        <input name="q" type="search" defaultValue={params.q ?? ""} maxLength={100} placeholder="Name, MAC, IP, serial, vendor, model" className={inputClass} />
      </label>
      <Select name="category" label="Category" value={params.category} options={facets.categories.map((c) => [c.category, `${label(CATEGORY_LABELS, c.category)} (${c.count})`])} />
      <Select name="status" label="Status" value={params.status} options={DEVICE_STATUSES.map((s) => [s, s])} />
      <Select name="tier" label="Risk tier" value={params.tier} options={RISK_TIERS.map((t) => [t, t])} />
      <Select name="criticality" label="Criticality" value={params.criticality} options={CRITICALITIES.map((c) => [c, CRITICALITY_LABELS[c]])} />
      <Select name="site" label="Site" value={params.site} options={facets.sites.map((s) => [s.id, s.name])} />
      <Select name="segment" label="Segment" value={params.segment} options={facets.segments.map((s) => [s.id, `${s.name} (${s.site.name})`])} />
      <Select name="seen" label="Last seen" value={params.seen} options={[["24h", "Last 24 hours"], ["7d", "Last 7 days"], ["30d", "Last 30 days"], ["older", "Over 30 days ago"]]} />
      <Select name="sort" label="Sort by" value={params.sort} any={false} options={[["risk", "Risk"], ["lastSeen", "Last seen"], ["firstSeen", "First seen"], ["name", "Name"]]} />
      <Select name="dir" label="Direction" value={params.dir} any="Usual (highest, newest, A–Z first)" options={[["desc", "Descending"], ["asc", "Ascending"]]} />
      {/* Filters set by links (the Fleets view, a page size) survive Apply. */}
      {(["vendor", "model", "firmware", "size"] as const).map((k) => params[k] && <input key={k} type="hidden" name={k} value={params[k]} />)}
    </FilterBar>
  );
}
