import Link from "next/link";
import { inputClass } from "@/components/ui/field";
import { ALERT_KIND_WORDS, ALERT_KINDS, ALERT_SEVERITIES } from "@/lib/commands/alert-handling";
import type { AlertParams } from "@/lib/queries/alerts";

export const STATUS_WORDS: Record<string, string> = { active: "Not resolved", open: "Open", acknowledged: "Acknowledged", resolved: "Resolved" };
export const SINCE_WORDS: Record<string, string> = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" };

function Select({ name, labelText, value, options, any = true }: { name: string; labelText: string; value?: string; options: [string, string][]; any?: boolean }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
      {labelText}
      <select name={name} defaultValue={value ?? ""} className={inputClass}>
        {any && <option value="">Any</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A plain GET form: every filter lives in the URL, so a view of the alerts can be shared. */
export function AlertFilters({ params }: { params: AlertParams }) {
  return (
    <form method="get" action="/alerts" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" role="search" aria-label="Filter the alerts">
      <Select name="status" labelText="Status" value={params.status} any={false} options={Object.entries(STATUS_WORDS)} />
      <Select name="kind" labelText="Kind" value={params.kind} options={ALERT_KINDS.map((k) => [k, ALERT_KIND_WORDS[k]])} />
      <Select name="severity" labelText="Severity" value={params.severity} options={ALERT_SEVERITIES.map((s) => [s, s])} />
      <Select name="since" labelText="Last seen" value={params.since} options={Object.entries(SINCE_WORDS)} />
      {/* A device or agent narrowing (from a link) survives changing the other filters. */}
      {params.device && <input type="hidden" name="device" value={params.device} />}
      {params.agent && <input type="hidden" name="agent" value={params.agent} />}
      <div className="flex items-end gap-2">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Apply
        </button>
        <Link href="/alerts" className="rounded-md px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
          Clear
        </Link>
      </div>
    </form>
  );
}
