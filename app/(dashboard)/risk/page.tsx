import type { Metadata } from "next";
import Link from "next/link";
import { TierBadge } from "@/components/devices/badges";
import { SsvcBadge } from "@/components/devices/ssvc-badge";
import { RiskFilters } from "@/components/risk/risk-filters";
import { Card } from "@/components/ui/card";
import { ExportLink, filterChips, hrefWith } from "@/components/ui/filter-chips";
import { FilteredList } from "@/components/ui/filtered-list";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { canImportFeeds } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { CATEGORY_LABELS, CRITICALITY_LABELS, label } from "@/lib/domain/words/vocabulary";
import { whenUtc } from "@/lib/domain/words/time-format";
import { LAST_PAGE, PAGE_SIZES } from "@/lib/queries/page-params";
import { countRiskPriority, keyFactorsOf, listAcceptedRisks, listRiskPriority, parseRiskParams, refusedRiskParams, RISK_PAGE_SIZE, riskSites, type RiskParams } from "@/lib/queries/risk-priority";

export const metadata: Metadata = { title: "Risk priority" };

type Search = Promise<Record<string, string | string[] | undefined>>;
type Ranked = Awaited<ReturnType<typeof listRiskPriority>>["devices"][number];
type Accepted = Awaited<ReturnType<typeof listAcceptedRisks>>["acceptances"][number];

const PARAM_NAMES: Record<string, string> = { site: "Site", category: "Category", criticality: "Criticality", tier: "Tier", ssvc: "SSVC", kev: "Known exploited", size: "Per page" };

const linkClass = "font-medium text-brand-700 underline-offset-2 hover:underline";
const filtered = (p: RiskParams) => !!(p.site || p.category || p.criticality || p.tier || p.ssvc || p.kev);

/** The active filters, in words, each removable. */
function activeFilters(params: RiskParams, sites: { id: string; name: string }[]) {
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? id;
  return filterChips("/risk", params, {
    tier: ["Tier"],
    ssvc: ["SSVC"],
    criticality: ["Criticality", (v) => label(CRITICALITY_LABELS, v)],
    category: ["Category", (v) => label(CATEGORY_LABELS, v)],
    site: ["Site", siteName],
    kev: ["Known exploited (KEV)", () => "only"],
  }, "after");
}

function TopFactors({ factors }: { factors: string[] | undefined }) {
  if (!factors?.length) return <span className="text-slate-500">—</span>;
  return (
    <ol className="list-decimal space-y-0.5 pl-4 text-xs" data-testid="top-factors">
      {factors.map((f) => <li key={f}>{f}</li>)}
    </ol>
  );
}

function RankedTable({ devices, factors }: { devices: Ranked[]; factors: Map<string, string[]> }) {
  return (
    <Table columns={["Device", "Risk", "SSVC", "Top factors"]} last="Where" testId="risk-table">
      {devices.map((d) => (
        <tr key={d.id} className="border-b border-slate-100 align-top hover:bg-slate-50">
          <td className="py-2 pr-4">
            <Link href={`/devices/${d.id}`} prefetch={false} className={linkClass}>{d.displayName}</Link>
            <p className="text-xs text-slate-500">{label(CATEGORY_LABELS, d.category)} · {label(CRITICALITY_LABELS, d.criticality)}</p>
          </td>
          <td className="whitespace-nowrap py-2 pr-4"><TierBadge tier={d.riskTier} score={d.riskScore} /></td>
          <td className="whitespace-nowrap py-2 pr-4">{d.ssvc ? <SsvcBadge label={d.ssvc} /> : "—"}</td>
          <td className="min-w-[16rem] py-2 pr-4"><TopFactors factors={factors.get(d.id)} /></td>
          <td className="py-2 text-xs">{[d.site?.name, d.segment?.label ?? d.segment?.name].filter(Boolean).join(" / ") || "—"}</td>
        </tr>
      ))}
    </Table>
  );
}

function Empty({ params, admin }: { params: RiskParams; admin: boolean }) {
  if (filtered(params)) return <p className="text-sm text-slate-600">No ranked device matches these filters. Remove a filter above, or <Link href="/risk" className="text-brand-700 underline">see the whole ranking</Link>.</p>;
  if (params.after) return <p className="text-sm text-slate-600">No more devices. <Link href="/risk" className="text-brand-700 underline">Back to the first page</Link>.</p>;
  return (
    <p className="text-sm text-slate-600">
      No device has a risk score yet. Scores appear once vulnerability feeds (CSAF advisories, the CISA KEV catalog, EPSS) are imported and devices match them; unauthorized and spoofed devices score at once.{" "}
      {admin && <Link href="/settings/feeds" className="text-brand-700 underline">Import feeds</Link>}
    </p>
  );
}

function AcceptedRisks({ acceptances, total, narrowed }: { acceptances: Accepted[]; total: number; narrowed: boolean }) {
  if (total === 0) return <p className="text-sm text-slate-600">{narrowed ? "No accepted risk matches these filters." : "No risk is accepted at the moment. An analyst accepts a risk on the device's page, with an owner and an expiry."}</p>;
  return (
    <>
      <Table columns={["Device", "Risk", "Owner", "Expires"]} last="Reason" testId="accepted-table">
        {acceptances.map((a) => (
          <tr key={a.id} className="border-b border-slate-100 align-top">
            <td className="py-2 pr-4"><Link href={`/devices/${a.device.id}`} prefetch={false} className={linkClass}>{a.device.displayName}</Link><p className="text-xs text-slate-500">{label(CATEGORY_LABELS, a.device.category)}</p></td>
            <td className="py-2 pr-4"><TierBadge tier={a.device.riskTier} score={a.device.riskScore} /></td>
            <td className="py-2 pr-4">{a.owner}<p className="text-xs text-slate-500">accepted by {a.acceptedBy.email}</p></td>
            <td className="whitespace-nowrap py-2 pr-4 tabular-nums">{whenUtc(a.expiresAt)}</td>
            <td className="py-2 text-xs">{a.reason}</td>
          </tr>
        ))}
      </Table>
      {total > acceptances.length && <p className="mt-2 text-xs text-slate-600">Showing the {acceptances.length} expiring soonest of {total}.</p>}
    </>
  );
}

export default async function RiskPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser();
  const search = await searchParams;
  const params = parseRiskParams(search);
  const now = new Date();
  const [{ devices, nextCursor, previousCursor, cursorIgnored }, total, accepted, sites] = await Promise.all([listRiskPriority(params, now), countRiskPriority(params, now), listAcceptedRisks(now, undefined, params), riskSites()]);
  const factors = await keyFactorsOf(devices);
  const filters = { ...params, after: undefined };
  return (
    <>
      <PageHeader
        title="Risk priority"
        description="Devices to fix first, highest risk score first, with the factors that weigh most in each score (the full explanation is on the device's page). Devices scoring 0 and retired devices are left out. A device whose risk is accepted ranks apart until the acceptance expires."
        actions={
          <>
            <Link href="/risk/model" className="self-center text-sm text-brand-700 underline">How scores are computed</Link>
            <ExportLink href={hrefWith("/api/exports/risk", { ...filters, size: undefined })} what="the ranking with these filters (accepted risks flagged)" />
          </>
        }
      />
      <FilteredList
        filters={<RiskFilters params={params} sites={sites} />}
        chips={activeFilters(params, sites)}
        ignored={{ ignored: refusedRiskParams(search, params), names: PARAM_NAMES }}
        total={{ total, noun: "device", suffix: " ranked" }}
        pages={{
          later: !!params.after && !cursorIgnored,
          next: nextCursor,
          previous: previousCursor,
          last: LAST_PAGE,
          href: (after) => hrefWith("/risk", { ...filters, after }),
          size: { current: params.size ?? RISK_PAGE_SIZE, options: PAGE_SIZES, href: (size) => hrefWith("/risk", { ...filters, size }) },
        }}
        spacing="mb-6"
        listClassName="mb-6"
      >
        {cursorIgnored && <p role="status" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">That page link is not one this list made (it may be damaged or edited): showing the first page.</p>}
        {devices.length === 0 ? <Empty params={params} admin={canImportFeeds(user)} /> : <RankedTable devices={devices} factors={factors} />}
      </FilteredList>
      <Card title={`Accepted risks (${accepted.total})`}>
        <AcceptedRisks acceptances={accepted.acceptances} total={accepted.total} narrowed={filtered(params)} />
      </Card>
    </>
  );
}
