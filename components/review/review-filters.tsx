import { FilterBar, Select } from "@/components/ui/filter-bar";
import type { ReviewParams } from "@/lib/queries/match-review";

type Facets = { sites: { id: string; name: string }[]; vendors: string[] };

export function ReviewFilters({ params, facets }: { params: ReviewParams; facets: Facets }) {
  return (
    <FilterBar action="/review" label="Filter the possible matches" className="grid gap-3 sm:grid-cols-3">
      <Select name="site" label="Site" value={params.site} options={facets.sites.map((s) => [s.id, s.name])} />
      <Select name="vendor" label="Vendor" value={params.vendor} options={facets.vendors.map((v) => [v, v])} />
      {/* The tab survives changing the filters. */}
      {params.tab !== "possible" && <input type="hidden" name="tab" value={params.tab} />}
      {params.size && <input type="hidden" name="size" value={params.size} />}
    </FilterBar>
  );
}
