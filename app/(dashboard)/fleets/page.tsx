import type { Metadata } from "next";
import { FleetFilters } from "@/components/fleets/fleet-filters";
import { FleetFreshness } from "@/components/fleets/fleet-freshness";
import { FleetTable } from "@/components/fleets/fleet-table";
import { filterChips, hrefWith } from "@/components/ui/filter-chips";
import { FilteredList } from "@/components/ui/filtered-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { CATEGORY_LABELS, label } from "@/lib/domain/words/vocabulary";
import { inventoryFacets } from "@/lib/queries/devices";
import { FLEET_PAGE_SIZE, listFleets, parseFleetParams, refusedFleetParams, type FleetParams } from "@/lib/queries/fleets";
import { PAGE_SIZES } from "@/lib/queries/page-params";

export const metadata: Metadata = { title: "Fleets" };

/** An empty list, said for what it is: not counted yet, filtered out, or no device at all. */
const emptyText = (uncounted: boolean, filtered: boolean) =>
  uncounted ? "Not counted yet: the fleets are counted within a minute of the server starting, then every minute." : filtered ? "No fleet matches these filters." : "No device yet: fleets appear when agents report devices.";

type Search = Promise<Record<string, string | string[] | undefined>>;

const PARAM_NAMES: Record<string, string> = { site: "Site", vendor: "Vendor", category: "Category", sort: "Sort by", dir: "Direction", size: "Per page", page: "Page" };

export default async function FleetsPage({ searchParams }: { searchParams: Search }) {
  await requirePageUser();
  const search = await searchParams;
  const params = parseFleetParams(search);
  const [list, facets] = await Promise.all([listFleets(params), inventoryFacets()]);
  const at = (over: Partial<FleetParams>) => hrefWith("/fleets", { ...params, page: undefined, ...over });
  const chips = filterChips("/fleets", params, {
    site: ["Site", (v) => facets.sites.find((s) => s.id === v)?.name ?? v],
    vendor: ["Vendor"],
    category: ["Category", (v) => label(CATEGORY_LABELS, v)],
  }, "page");
  const sort = { sort: params.sort ?? "count", dir: params.dir ?? "desc" };
  return (
    <>
      <PageHeader
        title="Fleets"
        description="Devices grouped by vendor, model and firmware: the unit a clinical engineer patches. Each fleet says how many devices it holds, where they are, its worst risk and the advisories still open on it; its device count opens them in the inventory. The fleets are counted ahead, on the overview's schedule."
      />
      <FilteredList
        filters={<FleetFilters params={params} facets={{ sites: facets.sites, vendors: params.vendor ? [params.vendor] : list.vendors, categories: facets.categories }} />}
        heading={list.countedAt && <FleetFreshness countedAt={list.countedAt} />}
        chips={chips}
        ignored={{ ignored: refusedFleetParams(search, params), names: PARAM_NAMES }}
        // Before the first count, "0 fleets" would be untrue.
        total={list.uncounted ? undefined : { total: { count: list.total, more: false }, noun: "fleet" }}
        pages={{
          later: list.page > 1,
          previous: list.page > 2 ? String(list.page - 1) : undefined,
          next: list.page < list.pages ? String(list.page + 1) : undefined,
          last: String(list.pages),
          href: (page) => at({ page: page ? Number(page) : undefined }),
          size: { current: params.size ?? FLEET_PAGE_SIZE, options: PAGE_SIZES, href: (size) => at({ size }) },
        }}
      >
        {list.fleets.length === 0 ? (
          <p className="text-sm text-slate-600">{emptyText(list.uncounted, Boolean(params.site || params.vendor || params.category))}</p>
        ) : (
          <FleetTable fleets={list.fleets} sort={sort} sortHref={(s, dir) => at({ sort: s as FleetParams["sort"], dir })} site={params.site} />
        )}
      </FilteredList>
    </>
  );
}
