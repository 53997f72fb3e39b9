import { Table } from "@/components/ui/table";
import type { ChangePreview } from "@/lib/vulns/change-preview";

const CVES_SHOWN = 30;

/** What the plan clears, shown before it is submitted: the CVEs closed and each device's risk before → after. */
export function PlanPreview({ preview, target, total }: { preview: ChangePreview; target: string; total: number }) {
  const closed = preview.cvesClosed;
  return (
    <section aria-labelledby="plan-preview-heading" className="rounded-md border border-brand-600/30 bg-blue-50/40 p-3" data-testid="plan-preview">
      <h3 id="plan-preview-heading" className="text-sm font-semibold text-slate-900">What updating to {target} clears</h3>
      <dl className="mt-2 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div><dt className="text-slate-600">Devices</dt><dd className="text-xl font-semibold tabular-nums">{total.toLocaleString("en-US")}</dd></div>
        <div><dt className="text-slate-600">CVEs closed</dt><dd className="text-xl font-semibold tabular-nums" data-testid="preview-cves-closed">{closed.length.toLocaleString("en-US")}</dd></div>
        <div><dt className="text-slate-600">Highest risk now</dt><dd className="text-xl font-semibold tabular-nums">{preview.riskBefore}</dd></div>
        <div><dt className="text-slate-600">Highest risk after</dt><dd className="text-xl font-semibold tabular-nums" data-testid="preview-risk-after">{preview.riskAfter}</dd></div>
      </dl>
      <p className="mt-2 text-xs text-slate-700">
        {closed.length === 0 ? "This version closes none of the vulnerabilities these devices carry now." : <>Closed: <span className="font-mono">{closed.slice(0, CVES_SHOWN).join(", ")}</span>{closed.length > CVES_SHOWN && ` and ${closed.length - CVES_SHOWN} more`}.</>}
        {" "}Scores are the risk model&apos;s own, with the closed vulnerabilities removed.
      </p>
      <div className="mt-3">
        <Table columns={["Device", "Now on", "Risk before → after", "CVEs closed"]} last="Still open" caption="Each device's risk before and after the change" testId="preview-devices">
          {preview.devices.map((d) => (
            <tr key={d.deviceId} className="border-b border-slate-100">
              <td className="py-1 pr-4">{d.displayName}</td>
              <td className="py-1 pr-4 font-mono text-xs">{d.fromVersion ?? "unknown"}</td>
              <td className="py-1 pr-4 tabular-nums">{d.riskBefore} → <span className={d.riskAfter < d.riskBefore ? "font-semibold text-emerald-700" : ""}>{d.riskAfter}</span></td>
              <td className="py-1 pr-4 tabular-nums">{d.cvesClosed.length}</td>
              <td className="py-1 tabular-nums">{d.cvesRemaining}</td>
            </tr>
          ))}
        </Table>
        {total > preview.devices.length && <p className="mt-1 text-xs text-slate-600">The {preview.devices.length} riskiest of {total.toLocaleString("en-US")} devices are listed; the figures above count them all.</p>}
      </div>
    </section>
  );
}
