import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge, TierBadge } from "@/components/devices/badges";
import { InventoryFilters } from "@/components/devices/inventory-filters";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ExportLink, FilterChips, filterChips, hrefWith } from "@/components/ui/filter-chips";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { CATEGORY_LABELS, CRITICALITY_LABELS, label } from "@/lib/domain/words/vocabulary";
import { inventoryFacets, listDevices, parseInventoryParams, type InventoryParams } from "@/lib/queries/devices";
import { utcMinute } from "@/lib/domain/words/time-format";

export const metadata: Metadata = { title: "Inventory" };

type Search = Promise<Record<string, string | string[] | undefined>>;

function pageHref(params: InventoryParams, cursor: string) {
  const query = new URLSearchParams(Object.entries({ ...params, cursor }).filter(([, v]) => v) as [string, string][]);
  return `/inventory?${query}`;
}

const SEEN_WORDS: Record<string, string> = { "24h": "last 24 hours", "7d": "last 7 days", "30d": "last 30 days", older: "over 30 days ago" };

function ActiveFilters({ params, facets }: { params: InventoryParams; facets: Awaited<ReturnType<typeof inventoryFacets>> }) {
  const chips = filterChips("/inventory", params, {
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
  return <FilterChips chips={chips} />;
}


export default async function InventoryPage({ searchParams }: { searchParams: Search }) {
  await requirePageUser();
  const params = parseInventoryParams(await searchParams);
  const [{ devices, nextCursor }, facets] = await Promise.all([listDevices(params), inventoryFacets()]);
  return (
    <>
      <PageHeader
        title="Inventory"
        description="Every device agents have reported: what it claims to be, where it is, and how risky it is. Search by name, MAC (any spelling), IP, serial, vendor or model."
        actions={<ExportLink href={hrefWith("/api/exports/inventory", { ...params, cursor: undefined })} what="every device matching these filters" />}
      />
      <Card className="mb-4">
        <InventoryFilters params={params} facets={facets} />
      </Card>
      <Card>
        <ActiveFilters params={params} facets={facets} />
        {devices.length === 0 ? (
          <p className="text-sm text-slate-600">
            {Object.values(params).some(Boolean) ? "No device matches these filters." : "No device yet. Devices appear when an enrolled agent reports them: see Agents to enrol one."}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="inventory-table">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4">Device</th>
                  <th scope="col" className="py-2 pr-4">Category</th>
                  <th scope="col" className="py-2 pr-4">Vendor / model</th>
                  <th scope="col" className="py-2 pr-4">MAC / IP</th>
                  <th scope="col" className="py-2 pr-4">Where</th>
                  <th scope="col" className="py-2 pr-4">Status</th>
                  <th scope="col" className="py-2 pr-4">Risk</th>
                  <th scope="col" className="py-2">Last seen (UTC)</th>
                </tr>
              </thead>
              <tbody>
                {devices.map((d) => (
                  <tr key={d.id} className="border-b border-slate-100 align-top hover:bg-slate-50">
                    <td className="py-2 pr-4">
                      <Link href={`/devices/${d.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {d.displayName}
                      </Link>
                      {d.spoofSuspected && <span className="ml-2"><Badge tone="danger">spoof?</Badge></span>}
                      {d.notSeenAt && <span className="ml-2"><Badge>not seen</Badge></span>}
                      <p className="text-xs text-slate-500">{label(CRITICALITY_LABELS, d.criticality)}</p>
                    </td>
                    <td className="py-2 pr-4">{label(CATEGORY_LABELS, d.category)}</td>
                    <td className="py-2 pr-4">{[d.vendor, d.model].filter(Boolean).join(" · ") || "—"}</td>
                    <td className="py-2 pr-4 font-mono text-xs">{d.claimedMac ?? "—"}<br />{d.claimedIp ?? ""}</td>
                    <td className="py-2 pr-4 text-xs">{[d.site?.name, d.segment?.name].filter(Boolean).join(" / ") || "—"}</td>
                    <td className="py-2 pr-4"><StatusBadge status={d.status} /></td>
                    <td className="py-2 pr-4"><TierBadge tier={d.riskTier} score={d.riskScore} /></td>
                    <td className="whitespace-nowrap py-2 tabular-nums">{utcMinute(d.lastSeenAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
          {params.cursor && <Link href={pageHref({ ...params, cursor: undefined }, "")} className="text-brand-700 underline">First page</Link>}
          {nextCursor && <Link href={pageHref(params, nextCursor)} className="text-brand-700 underline">Next page</Link>}
        </nav>
      </Card>
    </>
  );
}
