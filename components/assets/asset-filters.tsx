import { FilterBar, Select } from "@/components/ui/filter-bar";
import { CATEGORY_LABELS } from "@/lib/domain/words/vocabulary";
import type { AssetFacets, AssetParams, AssetTab } from "@/lib/queries/assets";

/** The Assets view's filters; the tab (the state) stays as it is. */
export function AssetFilters({ tab, params, facets }: { tab: AssetTab; params: AssetParams; facets: AssetFacets }) {
  const shadow = tab === "shadow";
  return (
    <FilterBar action="/assets" label="Filter the assets" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" buttonsClassName="lg:col-span-5">
      <input type="hidden" name="tab" value={tab} />
      <Select name="site" label="Site" value={params.site} options={facets.sites.map((s) => [s.id, s.name])} />
      <Select name="department" label="Department" value={params.department} options={facets.departments.map((d) => [d, d])} />
      {shadow ? (
        <Select name="category" label="Category" value={params.category} options={Object.entries(CATEGORY_LABELS)} />
      ) : (
        <Select name="category" label="Device type (register)" value={params.category} options={facets.deviceTypes.map((t) => [t, t])} />
      )}
      {!shadow && <Select name="source" label="Register" value={params.source} options={facets.sources.map((s) => [s.id, s.name])} />}
      <Select name="dir" label="Order" value={params.dir} any={shadow ? "Riskiest first" : "Asset tag A–Z"} options={shadow ? [["asc", "Least risky first"]] : [["desc", "Asset tag Z–A"]]} />
      {params.size && <input type="hidden" name="size" value={params.size} />}
    </FilterBar>
  );
}
