import type { Metadata } from "next";
import Link from "next/link";
import { AssetFilters } from "@/components/assets/asset-filters";
import { AssetTabs, TAB_WORDS } from "@/components/assets/asset-tabs";
import { EntryTable } from "@/components/assets/entry-table";
import { LinkPanel } from "@/components/assets/link-panel";
import { ShadowTable } from "@/components/assets/shadow-table";
import { ExportLink, filterChips, hrefWith } from "@/components/ui/filter-chips";
import { FilteredList } from "@/components/ui/filtered-list";
import { PageHeader } from "@/components/ui/page-header";
import { canManageAssetRegister } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { CATEGORY_LABELS, label } from "@/lib/domain/words/vocabulary";
import { assetEntry, assetFacets, ASSETS_PAGE_SIZE, countTabs, devicesToLink, listEntries, listShadowDevices, parseAssetParams, refusedAssetParams, tabOf, type AssetParams, type AssetTab } from "@/lib/queries/assets";
import { LAST_PAGE, PAGE_SIZES } from "@/lib/queries/page-params";
import { clearNotNetworkAction, linkAssetAction, markNotNetworkAction, unlinkAssetAction } from "./actions";

export const metadata: Metadata = { title: "Assets" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 100) ?? "";

const PARAM_NAMES: Record<string, string> = { tab: "State", site: "Site", department: "Department", category: "Category", source: "Register", dir: "Order", size: "Per page" };

/** The page's list: shadow devices, or one state's register entries. */
async function tabList(tab: AssetTab, params: AssetParams) {
  if (tab === "shadow") {
    const page = await listShadowDevices(params);
    return { ...page, entries: null };
  }
  const page = await listEntries(tab, params);
  return { ...page, devices: null };
}

export default async function AssetsPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser();
  const search = await searchParams;
  const params = parseAssetParams(search);
  const tab = tabOf(params);
  const linkId = canManageAssetRegister(user) ? first(search.link) : "";
  const dq = first(search.dq).trim();
  const [list, counts, facets, linking, candidates] = await Promise.all([
    tabList(tab, params), countTabs(params), assetFacets(),
    linkId ? assetEntry(linkId) : null, linkId && dq ? devicesToLink(dq) : [],
  ]);
  const base = { ...params, tab, cursor: undefined };
  const at = (over: Partial<AssetParams>) => hrefWith("/assets", { ...base, ...over });
  const chips = filterChips("/assets", base, {
    site: ["Site", (v) => facets.sites.find((s) => s.id === v)?.name ?? v],
    department: ["Department"],
    category: [tab === "shadow" ? "Category" : "Device type", (v) => (tab === "shadow" ? label(CATEGORY_LABELS, v) : v)],
    source: ["Register", (v) => facets.sources.find((s) => s.id === v)?.name ?? v],
  }, "cursor");
  const mapped = facets.sources.filter((s) => s.mapped);
  const exportHref = hrefWith("/api/exports/assets", { ...base, size: undefined });
  const actions = canManageAssetRegister(user) ? { unlink: unlinkAssetAction, notNetwork: markNotNetworkAction, clearNotNetwork: clearNotNetworkAction } : null;
  const filtered = Boolean(params.site || params.department || params.category || params.source);
  const rows = list.devices ?? list.entries;
  return (
    <>
      <PageHeader
        title="Assets"
        description="The hospital's asset register reconciled with what the network sees: shadow devices no register lists, registered entries that are missing, and linked entries whose details disagree."
        actions={
          <>
            <ExportLink href={exportHref} what={`the ${TAB_WORDS[tab].name.toLowerCase()} tab, every row matching these filters`} />
            {tab === "shadow" && mapped.map((s) => (
              <a key={s.id} href={hrefWith("/api/exports/assets", { ...base, size: undefined, format: "register", source: s.id })} download className="inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
                Export for {s.name}
              </a>
            ))}
          </>
        }
      />
      <AssetTabs current={tab} counts={counts} href={(t) => hrefWith("/assets", { ...base, tab: t, category: t === "shadow" || tab === "shadow" ? undefined : base.category, source: t === "shadow" ? undefined : base.source })} />
      {linking && <LinkPanel entry={linking} query={dq} candidates={candidates} action={linkAssetAction} hidden={base} closeHref={at({})} />}
      <FilteredList
        filters={<AssetFilters tab={tab} params={params} facets={facets} />}
        chips={chips}
        ignored={{ ignored: refusedAssetParams(search, params), names: PARAM_NAMES }}
        heading={<p className="mb-2 text-sm text-slate-600">{TAB_WORDS[tab].name}: {TAB_WORDS[tab].what}.</p>}
        total={{ total: counts[tab], noun: tab === "shadow" ? "device" : "entry", plural: tab === "shadow" ? "devices" : "entries" }}
        pages={{
          later: !!params.cursor && !list.cursorIgnored,
          next: list.nextCursor,
          previous: list.previousCursor,
          last: LAST_PAGE,
          href: (cursor) => at({ cursor }),
          size: { current: params.size ?? ASSETS_PAGE_SIZE, options: PAGE_SIZES, href: (size) => at({ size }) },
        }}
      >
        {list.cursorIgnored && <p role="status" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">That page link is not one this list made (it may be damaged or edited): showing the first page.</p>}
        {rows && rows.length === 0 ? (
          <p className="text-sm text-slate-600">
            {filtered ? "Nothing in this tab matches these filters." : facets.sources.length === 0 ? <>No asset register yet. Import one in <Link href="/settings/assets" className="text-brand-700 underline">Settings → Asset register</Link>, or push it through the API.</> : "Nothing in this tab."}
          </p>
        ) : list.devices ? (
          <ShadowTable devices={list.devices} />
        ) : (
          <EntryTable tab={tab as Exclude<AssetTab, "shadow">} entries={list.entries ?? []} actions={actions} linkHref={(id) => hrefWith("/assets", { ...base, cursor: params.cursor, link: id })} />
        )}
      </FilteredList>
    </>
  );
}
