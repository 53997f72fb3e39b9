import type { Metadata } from "next";
import { InventoryFilters } from "@/components/devices/inventory-filters";
import { InventoryTable } from "@/components/devices/inventory-table";
import { ExportLink, filterChips, hrefWith } from "@/components/ui/filter-chips";
import { FilteredList } from "@/components/ui/filtered-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { CATEGORY_LABELS, CRITICALITY_LABELS, label } from "@/lib/domain/words/vocabulary";
import { countInventory, INVENTORY_ORDER, INVENTORY_PAGE_SIZE, inventoryFacets, inventoryFilter, listDevices, parseInventoryParams, refusedInventoryParams, type InventoryParams } from "@/lib/queries/devices";
import { LAST_PAGE, PAGE_SIZES } from "@/lib/queries/page-params";

export const metadata: Metadata = { title: "Inventory" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const SEEN_WORDS: Record<string, string> = { "24h": "last 24 hours", "7d": "last 7 days", "30d": "last 30 days", older: "over 30 days ago" };

const PARAM_NAMES: Record<string, string> = {
  q: "Search", category: "Category", status: "Status", tier: "Risk tier", criticality: "Criticality", site: "Site", segment: "Segment",
  vendor: "Vendor", model: "Model", firmware: "Firmware", seen: "Last seen", sort: "Sort by", dir: "Direction", size: "Per page",
};

/** The active filters, in words, each removable. */
function activeFilters(params: InventoryParams, facets: Awaited<ReturnType<typeof inventoryFacets>>) {
  return filterChips("/inventory", params, {
    q: ["Search"],
    category: ["Category", (v) => label(CATEGORY_LABELS, v)],
    status: ["Status"],
    tier: ["Risk tier"],
    criticality: ["Criticality", (v) => label(CRITICALITY_LABELS, v)],
    site: ["Site", (v) => facets.sites.find((s) => s.id === v)?.name ?? v],
    segment: ["Segment", (v) => facets.segments.find((s) => s.id === v)?.name ?? v],
    vendor: ["Vendor"],
    model: ["Model"],
    firmware: ["Firmware"],
    seen: ["Last seen", (v) => SEEN_WORDS[v] ?? v],
  }, "cursor");
}

export default async function InventoryPage({ searchParams }: { searchParams: Search }) {
  await requirePageUser();
  const search = await searchParams;
  const params = parseInventoryParams(search);
  const filter = await inventoryFilter(params);
  const [{ devices, nextCursor, previousCursor, cursorIgnored }, total, facets] = await Promise.all([listDevices(params, undefined, filter.where), countInventory(filter), inventoryFacets()]);
  const at = (over: Partial<InventoryParams>) => hrefWith("/inventory", { ...params, cursor: undefined, ...over });
  const sort = params.sort ?? "risk";
  const filtered = Object.entries(params).some(([k, v]) => v && !["sort", "dir", "size", "cursor"].includes(k));
  return (
    <>
      <PageHeader
        title="Inventory"
        description="Every device agents have reported: what it claims to be, where it is, and how risky it is. Search by name, MAC (any spelling), IP, serial, vendor or model; several words find the devices that contain them all."
        actions={<ExportLink href={hrefWith("/api/exports/inventory", { ...params, cursor: undefined, size: undefined })} what="every device matching these filters" />}
      />
      <FilteredList
        filters={<InventoryFilters params={params} facets={facets} />}
        chips={activeFilters(params, facets)}
        ignored={{ ignored: refusedInventoryParams(search, params), names: PARAM_NAMES }}
        total={{ total, noun: "device" }}
        pages={{
          later: !!params.cursor && !cursorIgnored,
          next: nextCursor,
          previous: previousCursor,
          last: LAST_PAGE,
          href: (cursor) => at({ cursor }),
          size: { current: params.size ?? INVENTORY_PAGE_SIZE, options: PAGE_SIZES, href: (size) => at({ size }) },
        }}
      >
        {cursorIgnored && <p role="status" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">That page link is not one this list made (it may be damaged or edited): showing the first page.</p>}
        {devices.length === 0 ? (
          <p className="text-sm text-slate-600">
            {filtered ? "No device matches these filters." : "No device yet. Devices appear when an enrolled agent reports them: see Agents to enrol one."}
          </p>
        ) : (
          <InventoryTable devices={devices} sort={{ sort, dir: params.dir ?? INVENTORY_ORDER[sort].dir }} sortHref={(s, dir) => at({ sort: s as InventoryParams["sort"], dir })} />
        )}
      </FilteredList>
    </>
  );
}
