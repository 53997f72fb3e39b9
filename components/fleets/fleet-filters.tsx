import { FilterBar, Select } from "@/components/ui/filter-bar";
import { CATEGORY_LABELS, label } from "@/lib/domain/words/vocabulary";
import type { FleetParams } from "@/lib/queries/fleets";

type Facets = { sites: { id: string; name: string }[]; vendors: string[]; categories: { category: string }[] };

export function FleetFilters({ params, facets }: { params: FleetParams; facets: Facets }) {
  return (
    <FilterBar action="/fleets" label="Filter the fleets" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Select name="site" label="Site" value={params.site} options={facets.sites.map((s) => [s.id, s.name])} any="Every site" />
      <Select name="vendor" label="Vendor" value={params.vendor} options={facets.vendors.map((v) => [v, v])} any="Every vendor" />
      <Select name="category" label="Category" value={params.category} options={facets.categories.map((c) => [c.category, label(CATEGORY_LABELS, c.category)])} any="Every category" />
      {/* The order and page size chosen by links survive Apply. */}
      {(["sort", "dir", "size"] as const).map((k) => params[k] && <input key={k} type="hidden" name={k} value={params[k]} />)}
    </FilterBar>
  );
}
