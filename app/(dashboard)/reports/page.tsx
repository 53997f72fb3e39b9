import type { Metadata } from "next";
import Link from "next/link";
import { PrintButton } from "@/components/ciso-report/print-button";
import { CisoReportFilters } from "@/components/ciso-report/ciso-report-filters";
import { CisoReportSection } from "@/components/ciso-report/ciso-report-section";
import { AssetInventoryFigures } from "@/components/ciso-report/asset-inventory";
import { ChangeControlFigures } from "@/components/ciso-report/change-control";
import { AcceptedTable, CoverageTables, DevicesTable, ResponseTable } from "@/components/ciso-report/ciso-report-tables";
import { TrendChart, type ChartPoint } from "@/components/ciso-report/risk-trend-chart";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { change, sumOver, type CisoReport, type TrendMetric } from "@/lib/domain/risk/ciso-report-figures";
import { CISO_REPORT_DISCLAIMER, CISO_REPORT_FRAMING } from "@/lib/domain/words/ciso-report-framing";
import { whenUtc } from "@/lib/domain/words/time-format";
import { TOP_DEVICES, listSites, loadCisoReport, parseCisoReportParams } from "@/lib/queries/ciso-report";

export const metadata: Metadata = { title: "CISO report" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const n = (v: number | null) => (v === null ? "—" : v.toLocaleString("en-US"));

function Figure({ label, value, was, tone = "text-slate-900" }: { label: string; value: number | null; was?: string; tone?: string }) {
  return (
    <div className="rounded-md border border-slate-200 p-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`}>{n(value)}</dd>
      {was && <dd className="text-xs text-slate-500">{was}</dd>}
    </div>
  );
}

/** "was 15 on 2026-11-01" when the period shows a different earlier count. */
function was(r: CisoReport, metric: TrendMetric): string | undefined {
  const { first } = change(r.trend, metric);
  const now = r.counts[metric];
  return first && now !== null && first.day < (r.countsDay ?? "") ? `${first.value === now ? "unchanged since" : `was ${n(first.value)} on`} ${first.day}` : undefined;
}

function Summary({ r }: { r: CisoReport }) {
  if (!r.countsDay) {
    return <p className="text-sm text-slate-600">Nothing has been counted yet. Counts appear a few minutes after the first agent reports; enrol an agent on the Agents page to start.</p>;
  }
  return (
    <>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="report-figures">
        <Figure label="Devices" value={r.counts["devices.total"]} was={was(r, "devices.total")} />
        <Figure label="Critical risk" value={r.counts["devices.tier.critical"]} was={was(r, "devices.tier.critical")} tone="text-red-700" />
        <Figure label="High risk" value={r.counts["devices.tier.high"]} was={was(r, "devices.tier.high")} tone="text-amber-700" />
        <Figure label="Known exploited (KEV)" value={r.counts["devices.kev"]} was={was(r, "devices.kev")} tone="text-red-700" />
        <Figure label="Unauthorized" value={r.counts["devices.unauthorized"]} was={was(r, "devices.unauthorized")} tone="text-amber-700" />
        <Figure label="Spoof suspected" value={r.counts["devices.spoofed"]} was={was(r, "devices.spoofed")} tone="text-red-700" />
        <Figure label="New devices in the period" value={sumOver(r.trend, "devices.new")} />
        <Figure label="Risks accepted" value={r.accepted.total} />
      </dl>
      <p className="mt-2 text-xs text-slate-500">
        Counts as of {r.countsDay}{r.countsRefreshedAt ? ` (counted ${whenUtc(r.countsRefreshedAt)})` : ""}; devices retired from service are not counted.
      </p>
    </>
  );
}

const chartPoints = (r: CisoReport): ChartPoint[] =>
  r.trend.map((p) => ({ day: p.day, critical: p["devices.tier.critical"], high: p["devices.tier.high"], medium: p["devices.tier.medium"], unauthorized: p["devices.unauthorized"], spoofed: p["devices.spoofed"], kev: p["devices.kev"] }));

export default async function CisoReportPage({ searchParams }: { searchParams: Search }) {
  await requirePageUser();
  const params = parseCisoReportParams(await searchParams);
  const [cisoReport, sites] = await Promise.all([loadCisoReport(params), listSites()]);
  const query = new URLSearchParams({ period: cisoReport.period.kind, ...(cisoReport.period.kind === "custom" ? { from: cisoReport.period.fromDay, to: cisoReport.period.toDay } : {}), ...(cisoReport.site ? { site: cisoReport.site.id } : {}) });
  const scope = `${cisoReport.period.label}, ${cisoReport.period.fromDay} to ${cisoReport.period.toDay} (UTC) · ${cisoReport.site?.name ?? "All sites"}`;
  return (
    <article aria-labelledby="report-title">
      <PageHeader
        title="CISO report"
        description="The state of the hospital's connected devices for a period and a site: risk, exposure, response and coverage, framed for a HIPAA risk analysis and the NIST Cybersecurity Framework. Print it or download it as CSV for a board pack or an auditor."
        actions={
          <span className="no-print flex gap-2">
            <PrintButton />
            <a href={`/api/exports/ciso-report?${query}`} download className="inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">Download CSV</a>
          </span>
        }
      />
      <CisoReportFilters period={cisoReport.period} siteId={cisoReport.site?.id} sites={sites} />
      {cisoReport.period.notice && <p role="status" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-300">{cisoReport.period.notice}</p>}
      <p id="report-title" className="mb-1 text-base font-semibold text-slate-900" data-testid="report-scope">{scope}</p>
      <p className="mb-6 text-xs text-slate-600">Generated {whenUtc(cisoReport.generatedAt)}. {CISO_REPORT_DISCLAIMER}</p>

      <CisoReportSection id="summary" framing={CISO_REPORT_FRAMING.summary}><Summary r={cisoReport} /></CisoReportSection>
      <CisoReportSection id="trend" framing={CISO_REPORT_FRAMING.trend}><TrendChart points={chartPoints(cisoReport)} /></CisoReportSection>
      <CisoReportSection id="top" framing={CISO_REPORT_FRAMING.top}>
        {cisoReport.top.length
          ? <>
              <DevicesTable devices={cisoReport.top} caption={`The ${cisoReport.top.length} riskiest devices`} testId="report-top-table" />
              {cisoReport.top.length < TOP_DEVICES && <p className="mt-2 text-xs text-slate-600" data-testid="report-top-fewer">Only {cisoReport.top.length === 1 ? "one device has" : `${cisoReport.top.length} devices have`} a risk score above 0; devices scored 0 are not ranked.</p>}
            </>
          : <p className="text-sm text-slate-600">No device has a risk score above 0{cisoReport.counts["devices.total"] ? "" : " (no device is in the inventory yet; devices appear when an enrolled agent reports them)"}.</p>}
      </CisoReportSection>
      <CisoReportSection id="kev" framing={CISO_REPORT_FRAMING.kev}>
        {cisoReport.kev.devices === null
          ? <p className="mb-3 text-sm text-slate-600">The number of exposed devices has not been counted yet; the riskiest exposed devices are listed below.</p>
          : <p className="mb-3 text-sm"><span className="text-2xl font-semibold tabular-nums text-red-700" data-testid="report-kev-count">{n(cisoReport.kev.devices)}</span> {cisoReport.kev.devices === 1 ? "device is" : "devices are"} exposed to a known exploited vulnerability.</p>}
        {cisoReport.kev.top.length
          ? <DevicesTable devices={cisoReport.kev.top} caption="The riskiest devices with a known exploited vulnerability" testId="report-kev-table" cves />
          : <p className="text-sm text-slate-600">No device matches a vulnerability in the CISA KEV catalog. Keep the catalog current: an administrator imports it on the Feeds page.</p>}
      </CisoReportSection>
      <CisoReportSection id="unauthorized" framing={CISO_REPORT_FRAMING.unauthorized}>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Figure label="Unauthorized now" value={cisoReport.counts["devices.unauthorized"]} was={was(cisoReport, "devices.unauthorized")} tone="text-amber-700" />
          <Figure label="Spoof suspected now" value={cisoReport.counts["devices.spoofed"]} was={was(cisoReport, "devices.spoofed")} tone="text-red-700" />
        </dl>
        <p className="no-print mt-2 text-sm"><Link href="/unauthorized" className="text-brand-700 underline">Open the work queue</Link> to approve or block them.</p>
      </CisoReportSection>
      <CisoReportSection id="response" framing={CISO_REPORT_FRAMING.response}><ResponseTable response={cisoReport.response} alertsOpen={cisoReport.alertsOpen} /></CisoReportSection>
      <CisoReportSection id="accepted" framing={CISO_REPORT_FRAMING.accepted}><AcceptedTable accepted={cisoReport.accepted} /></CisoReportSection>
      <CisoReportSection id="coverage" framing={CISO_REPORT_FRAMING.coverage}><CoverageTables coverage={cisoReport.coverage} /></CisoReportSection>
      <CisoReportSection id="assets" framing={CISO_REPORT_FRAMING.assets}><AssetInventoryFigures assets={cisoReport.assets} /></CisoReportSection>
      <CisoReportSection id="changes" framing={CISO_REPORT_FRAMING.changes}><ChangeControlFigures changes={cisoReport.changes} /></CisoReportSection>
    </article>
  );
}
