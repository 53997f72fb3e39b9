import type { Metadata } from "next";
import Link from "next/link";
import { TierBadge } from "@/components/devices/badges";
import { SsvcBadge } from "@/components/devices/ssvc-badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canImportFeeds } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { CATEGORY_LABELS, RISK_TIERS, label } from "@/lib/domain/vocabulary";
import { whenUtc } from "@/lib/format";
import { driversOf, listAcceptedRisks, listRiskPriority, parseRiskParams, type RiskParams } from "@/lib/queries/risk";

export const metadata: Metadata = { title: "Risk priority" };

type Search = Promise<Record<string, string | string[] | undefined>>;
type Ranked = Awaited<ReturnType<typeof listRiskPriority>>["devices"][number];
type Accepted = Awaited<ReturnType<typeof listAcceptedRisks>>["acceptances"][number];

const href = (p: RiskParams) => {
  const query = new URLSearchParams(Object.entries(p).filter(([, v]) => v) as [string, string][]).toString();
  return query ? `/risk?${query}` : "/risk";
};
const linkClass = "font-medium text-brand-700 underline-offset-2 hover:underline";
const th = "py-2 pr-4";

function TierFilter({ params }: { params: RiskParams }) {
  const options = [undefined, ...RISK_TIERS];
  return (
    <nav aria-label="Tier" className="mb-3 flex flex-wrap gap-2 text-sm">
      {options.map((tier) => (
        <Link key={tier ?? "all"} href={href({ tier })} aria-current={params.tier === tier ? "page" : undefined} className={`rounded-md px-2 py-1 ring-1 ring-inset ring-slate-300 ${params.tier === tier ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}>
          {tier ?? "All tiers"}
        </Link>
      ))}
    </nav>
  );
}

function RankedTable({ devices, drivers }: { devices: Ranked[]; drivers: Map<string, string> }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="risk-table">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr><th scope="col" className={th}>Device</th><th scope="col" className={th}>Category</th><th scope="col" className={th}>Risk</th><th scope="col" className={th}>SSVC</th><th scope="col" className={th}>Driven by</th><th scope="col" className="py-2">Where</th></tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <tr key={d.id} className="border-b border-slate-100 align-top hover:bg-slate-50">
              <td className="py-2 pr-4"><Link href={`/devices/${d.id}`} className={linkClass}>{d.displayName}</Link></td>
              <td className="py-2 pr-4">{label(CATEGORY_LABELS, d.category)}</td>
              <td className="py-2 pr-4"><TierBadge tier={d.riskTier} score={d.riskScore} /></td>
              <td className="py-2 pr-4">{d.ssvc ? <SsvcBadge label={d.ssvc} /> : "—"}</td>
              <td className="py-2 pr-4 font-mono text-xs">{drivers.get(d.id) ?? "—"}</td>
              <td className="py-2 text-xs">{[d.site?.name, d.segment?.name].filter(Boolean).join(" / ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Empty({ params, admin }: { params: RiskParams; admin: boolean }) {
  if (params.tier || params.after) return <p className="text-sm text-slate-600">No device here{params.tier ? ` in the ${params.tier} tier` : ""}.</p>;
  return (
    <p className="text-sm text-slate-600">
      No device has a risk score yet. Scores appear once vulnerability feeds (CSAF advisories, the CISA KEV catalog, EPSS) are imported and devices match them; unauthorized and spoofed devices score at once.{" "}
      {admin && <Link href="/settings/feeds" className="text-brand-700 underline">Import feeds</Link>}
    </p>
  );
}

function AcceptedRisks({ acceptances, total }: { acceptances: Accepted[]; total: number }) {
  if (total === 0) return <p className="text-sm text-slate-600">No risk is accepted at the moment.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="accepted-table">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr><th scope="col" className={th}>Device</th><th scope="col" className={th}>Risk</th><th scope="col" className={th}>Owner</th><th scope="col" className={th}>Expires</th><th scope="col" className="py-2">Reason</th></tr>
        </thead>
        <tbody>
          {acceptances.map((a) => (
            <tr key={a.id} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-4"><Link href={`/devices/${a.device.id}`} className={linkClass}>{a.device.displayName}</Link><p className="text-xs text-slate-500">{label(CATEGORY_LABELS, a.device.category)}</p></td>
              <td className="py-2 pr-4"><TierBadge tier={a.device.riskTier} score={a.device.riskScore} /></td>
              <td className="py-2 pr-4">{a.owner}<p className="text-xs text-slate-500">accepted by {a.acceptedBy.email}</p></td>
              <td className="whitespace-nowrap py-2 pr-4 tabular-nums">{whenUtc(a.expiresAt)}</td>
              <td className="py-2 text-xs">{a.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > acceptances.length && <p className="mt-2 text-xs text-slate-600">Showing the {acceptances.length} expiring soonest of {total}.</p>}
    </div>
  );
}

export default async function RiskPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser();
  const params = parseRiskParams(await searchParams);
  const now = new Date();
  const [{ devices, nextCursor }, accepted] = await Promise.all([listRiskPriority(params, now), listAcceptedRisks(now)]);
  const drivers = await driversOf(devices);
  return (
    <>
      <PageHeader
        title="Risk priority"
        description="Devices to fix first, highest risk score first. Each score is explained on the device's page; devices scoring 0 and retired devices are left out. A device whose risk is accepted ranks apart until the acceptance expires."
        actions={<Link href="/risk/model" className="text-sm text-brand-700 underline">How scores are computed</Link>}
      />
      <Card className="mb-6">
        <TierFilter params={params} />
        {devices.length === 0 ? <Empty params={params} admin={canImportFeeds(user)} /> : <RankedTable devices={devices} drivers={drivers} />}
        <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
          {params.after && <Link href={href({ tier: params.tier })} className="text-brand-700 underline">First page</Link>}
          {nextCursor && <Link href={href({ tier: params.tier, after: nextCursor })} className="text-brand-700 underline">Next page</Link>}
        </nav>
      </Card>
      <Card title={`Accepted risks (${accepted.total})`}>
        <AcceptedRisks acceptances={accepted.acceptances} total={accepted.total} />
      </Card>
    </>
  );
}
