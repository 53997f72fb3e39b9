import type { Metadata } from "next";
import { InventoryFilters } from "@/components/devices/inventory-filters";
import { InventoryTable } from "@/components/devices/inventory-table";
import { ExportLink, filterChips, hrefWith } from "@/components/ui/filter-chips";
import { FilteredList } from "@/components/ui/filtered-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { CATEGORY_LABELS, CRITICALITY_LABELS, label } from "@/lib/domain/words/vocabulary";
import { inventoryFacets, listDevices, parseInventoryParams, type InventoryParams } from "@/lib/queries/devices";

export const metadata: Metadata = { title: "Inventory" };

type Search = Promise<Record<string, string | string[] | undefined>>;

function pageHref(params: InventoryParams, cursor: string) {
  const query = new URLSearchParams(Object.entries({ ...params, cursor }).filter(([, v]) => v) as [string, string][]);
  return `/inventory?${query}`;
}

const SEEN_WORDS: Record<string, string> = { "24h": "last 24 hours", "7d": "last 7 days", "30d": "last 30 days", older: "over 30 days ago" };

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
    seen: ["Last seen", (v) => SEEN_WORDS[v] ?? v],
  }, "cursor");
}

export default async function InventoryPage({ searchParams }: { searchParams: Search }) {
  await requirePageUser();
  const params = parseInventoryParams(await searchParams);
  const [{ devices, nextCursor, cursorIgnored }, facets] = await Promise.all([listDevices(params), inventoryFacets()]);
  return (
    <>
      <PageHeader
        title="Inventory"
        description="Every device agents have reported: what it claims to be, where it is, and how risky it is. Search by name, MAC (any spelling), IP, serial, vendor or model."
        actions={<ExportLink href={hrefWith("/api/exports/inventory", { ...params, cursor: undefined })} what="every device matching these filters" />}
      />
      <FilteredList filters={<InventoryFilters params={params} facets={facets} />} chips={activeFilters(params, facets)} pages={{ later: !!params.cursor && !cursorIgnored, next: nextCursor, href: (cursor) => pageHref(params, cursor ?? "") }}>
        {cursorIgnored && <p role="status" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">That page link is not one this list made (it may be damaged or edited): showing the first page.</p>}
        {devices.length === 0 ? (
          <p className="text-sm text-slate-600">
            {Object.values(params).some(Boolean) ? "No device matches these filters." : "No device yet. Devices appear when an enrolled agent reports them: see Agents to enrol one."}
          </p>
        ) : (
          <InventoryTable devices={devices} />
        )}
      </FilteredList>
    </>
  );
}
