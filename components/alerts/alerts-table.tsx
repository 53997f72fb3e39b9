import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { ALERT_KIND_WORDS, type AlertKind } from "@/lib/domain/words/alert-kinds";
import { utcMinute } from "@/lib/domain/words/time-format";
import type { AlertRow } from "@/lib/queries/alerts";

const SEVERITY_TONE: Record<string, Tone> = { critical: "danger", high: "warn", medium: "info", low: "neutral", info: "neutral" };
const STATUS_TONE: Record<string, Tone> = { open: "warn", acknowledged: "info", resolved: "ok" };

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge tone={SEVERITY_TONE[severity] ?? "neutral"}>{severity}</Badge>;
}

const kindWords = (kind: string) => ALERT_KIND_WORDS[kind as AlertKind] ?? kind.replace(/_/g, " ");

function Subject({ alert }: { alert: AlertRow }) {
  if (alert.device) return <Link href={`/devices/${alert.device.id}`} prefetch={false} className="font-medium text-brand-700 underline-offset-2 hover:underline">{alert.device.displayName}</Link>;
  if (alert.agent) return <Link href="/agents" className="font-medium text-brand-700 underline-offset-2 hover:underline">Agent {alert.agent.name}</Link>;
  return <span className="text-slate-600">Whole estate</span>;
}

function Handled({ alert }: { alert: AlertRow }) {
  return (
    <>
      <Badge tone={STATUS_TONE[alert.status] ?? "neutral"}>{alert.status}</Badge>
      {alert.acknowledgedAt && (
        <p className="mt-1 text-xs text-slate-600">
          Acknowledged by {alert.acknowledgedBy?.email ?? "a removed user"}, <span className="whitespace-nowrap">{utcMinute(alert.acknowledgedAt)}</span>
        </p>
      )}
      {alert.resolvedAt && (
        <p className="mt-1 text-xs text-slate-600">
          {alert.resolvedReason ? `Closed itself (${alert.resolvedReason})` : `Resolved by ${alert.resolvedBy?.email ?? "a removed user"}`}, <span className="whitespace-nowrap">{utcMinute(alert.resolvedAt)}</span>
        </p>
      )}
    </>
  );
}

/** The alerts, newest activity first; with checkboxes (named "id") for those who may act on them. */
export function AlertsTable({ alerts, selectable }: { alerts: AlertRow[]; selectable: boolean }) {
  return (
    <Table columns={["Severity", "Alert", "About", "Seen (UTC)"]} last="Status" selectable={selectable} testId="alerts-table">
      {alerts.map((a) => (
        <tr key={a.id} className="border-b border-slate-100 align-top hover:bg-slate-50" data-alert-id={a.id}>
          {selectable && (
            <td className="py-2 pr-2">
              {a.status !== "resolved" && <input type="checkbox" name="id" value={a.id} aria-label={`Select alert: ${a.title}`} className="h-4 w-4" />}
            </td>
          )}
          <td className="py-2 pr-4"><SeverityBadge severity={a.severity} /></td>
          <td className="max-w-md py-2 pr-4">
            <p className="font-medium text-slate-900">{kindWords(a.kind)}</p>
            <p className="break-words text-slate-700">{a.title}</p>
          </td>
          <td className="py-2 pr-4"><Subject alert={a} /></td>
          <td className="whitespace-nowrap py-2 pr-4 text-xs tabular-nums">
            {a.count > 1 && <p className="font-semibold text-slate-900" title={`Raised ${a.count} times`}>×{a.count}<span className="sr-only"> times</span></p>}
            <p>{a.count > 1 ? "First " : ""}{utcMinute(a.firstAt)}</p>
            {a.count > 1 && <p>Last {utcMinute(a.lastAt)}</p>}
          </td>
          <td className="py-2"><Handled alert={a} /></td>
        </tr>
      ))}
    </Table>
  );
}
