// The report's tables: plain server-rendered HTML tables, so they print and read aloud well.
import Link from "next/link";
import { StatusBadge, TierBadge } from "@/components/devices/badges";
import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import type { CisoReport, CisoReportDevice } from "@/lib/domain/risk/ciso-report-figures";
import { formatHours } from "@/lib/domain/risk/ciso-report-figures";
import { CATEGORY_LABELS, CRITICALITY_LABELS, label } from "@/lib/domain/words/vocabulary";
import { whenUtc } from "@/lib/domain/words/time-format";

const th = "py-2 pr-4";
const row = "border-b border-slate-100 align-top";
const linkClass = "font-medium text-brand-700 underline-offset-2 hover:underline";
const n = (v: number | null) => (v === null ? "—" : v.toLocaleString("en-US"));

/** The report's tables carry "report-table" for the print stylesheet and a caption for screen readers. */
function ReportTable(props: Omit<React.ComponentProps<typeof Table>, "className"> & { caption: string; testId: string }) {
  return <Table {...props} className="report-table" />;
}

export function DevicesTable({ devices, caption, testId, cves }: { devices: (CisoReportDevice & { cves?: string[] })[]; caption: string; testId: string; cves?: boolean }) {
  return (
    <ReportTable caption={caption} testId={testId} columns={["#", "Device", "Risk", "Clinical role", "Status"]} last={cves ? "Known exploited vulnerabilities" : "Where"}>
      {devices.map((d, i) => (
        <tr key={d.id} className={row}>
          <td className="py-2 pr-4 tabular-nums">{i + 1}</td>
          <td className="py-2 pr-4"><Link href={`/devices/${d.id}`} prefetch={false} className={linkClass}>{d.displayName}</Link><p className="text-xs text-slate-500">{label(CATEGORY_LABELS, d.category)}</p></td>
          <td className="py-2 pr-4"><TierBadge tier={d.riskTier} score={d.riskScore} /></td>
          <td className="py-2 pr-4">{label(CRITICALITY_LABELS, d.criticality)}</td>
          <td className="py-2 pr-4"><span className="flex flex-wrap gap-1"><StatusBadge status={d.status} />{d.spoofSuspected && <Badge tone="danger">spoof suspected</Badge>}</span></td>
          <td className="py-2 text-xs">{cves ? <span className="font-mono">{d.cves?.join(", ")}</span> : d.where || "—"}</td>
        </tr>
      ))}
    </ReportTable>
  );
}

/** Every alert figure is labelled with what it counts: the period's alerts, or those open now whenever raised. */
export function ResponseTable({ response, alertsOpen }: { response: CisoReport["response"]; alertsOpen: number | null }) {
  const { acknowledge: a, resolve: r } = response;
  return (
    <>
      <dl className="mb-3 grid grid-cols-2 gap-3 text-sm md:grid-cols-4" data-testid="report-alert-counts">
        <AlertCount label="Alerts raised in the period" value={response.alerts} />
        <AlertCount label="of which not acknowledged" value={response.stillOpen} />
        <AlertCount label="of which not resolved" value={response.unresolved} />
        <AlertCount label="Open now (not resolved, raised at any time)" value={alertsOpen} />
      </dl>
      <ReportTable caption="Mean and median time to acknowledge and resolve alerts raised in the period" testId="report-response-table" columns={["Measure", "Mean", "Median"]} last="Alerts timed">
        <tr className={row}><th scope="row" className={`${th} font-medium`}>Time to acknowledge (MTTA)</th><td className="py-2 pr-4 tabular-nums">{formatHours(a.meanHours)}</td><td className="py-2 pr-4 tabular-nums">{formatHours(a.medianHours)}</td><td className="py-2 tabular-nums">{n(a.count)} acknowledged</td></tr>
        <tr className={row}><th scope="row" className={`${th} font-medium`}>Time to resolve (MTTR)</th><td className="py-2 pr-4 tabular-nums">{formatHours(r.meanHours)}</td><td className="py-2 pr-4 tabular-nums">{formatHours(r.medianHours)}</td><td className="py-2 tabular-nums">{n(r.count)} resolved</td></tr>
      </ReportTable>
      <p className="mt-2 text-xs text-slate-600" data-testid="report-alert-basis">
        {response.sampled
          ? `The times are measured on the ${n(response.sampled.measured)} most recently raised of the period's ${n(response.sampled.of)} alerts; the counts above cover all of them.`
          : `The times are measured on all ${n(response.alerts)} ${response.alerts === 1 ? "alert" : "alerts"} raised in the period.`}
        {" "}All alert figures were counted together when the report was generated.
      </p>
    </>
  );
}

function AlertCount({ label, value }: { label: string; value: number | null }) {
  return (
    <div className="rounded-md border border-slate-200 p-2">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums">{n(value)}</dd>
    </div>
  );
}

export function AcceptedTable({ accepted }: { accepted: CisoReport["accepted"] }) {
  if (accepted.total === 0) return <p className="text-sm text-slate-600">No risk is accepted at the moment. Accepting a risk, on the device page, records an owner, a reason and an expiry.</p>;
  return (
    <>
      <ReportTable caption="Accepted risks with owners and expiries" testId="report-accepted-table" columns={["Device", "Owner", "Expires", "Accepted by"]} last="Reason">
        {accepted.rows.map((x) => (
          <tr key={x.id} className={row}>
            <td className="py-2 pr-4"><Link href={`/devices/${x.deviceId}`} prefetch={false} className={linkClass}>{x.device}</Link></td>
            <td className="py-2 pr-4">{x.owner}</td>
            <td className="whitespace-nowrap py-2 pr-4 tabular-nums">{whenUtc(x.expiresAt)}</td>
            <td className="py-2 pr-4">{x.acceptedBy}<p className="text-xs text-slate-500">{whenUtc(x.acceptedAt)}</p></td>
            <td className="py-2 text-xs">{x.reason}</td>
          </tr>
        ))}
      </ReportTable>
      {accepted.total > accepted.rows.length && <p className="mt-2 text-xs text-slate-600">Showing the {accepted.rows.length} expiring soonest of {accepted.total}; the CSV has the same.</p>}
    </>
  );
}

export function CoverageTables({ coverage }: { coverage: CisoReport["coverage"] }) {
  if (coverage.agents.length === 0) return <p className="text-sm text-slate-600">No agent is enrolled here yet, so no device is being watched. An administrator enrols agents on the Agents page.</p>;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ReportTable caption="Devices last reported by each agent" testId="report-coverage-agents" columns={["Agent", "Devices"]} last="Last report">
        {coverage.agents.map((g) => (
          <tr key={g.id} className={row}>
            <th scope="row" className={`${th} font-medium`}>{g.name}{g.revoked && <span className="ml-2"><Badge>revoked</Badge></span>}</th>
            <td className="py-2 pr-4 tabular-nums">{n(g.devices)}</td>
            <td className="py-2 tabular-nums">{g.lastSeenAt ? whenUtc(g.lastSeenAt) : "never reported"}</td>
          </tr>
        ))}
      </ReportTable>
      <ReportTable caption="Devices found on each network segment" testId="report-coverage-segments" columns={["Segment", "Site"]} last="Devices">
        {coverage.segments.length === 0 && <tr><td colSpan={3} className="py-2 text-slate-600">No segment reported yet.</td></tr>}
        {coverage.segments.map((s) => (
          <tr key={s.id} className={row}>
            <th scope="row" className={`${th} font-medium`}>{s.name}</th>
            <td className="py-2 pr-4">{s.site}</td>
            <td className="py-2 tabular-nums">{n(s.devices)}</td>
          </tr>
        ))}
      </ReportTable>
    </div>
  );
}
