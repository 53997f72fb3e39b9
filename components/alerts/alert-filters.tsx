import { FilterBar, Select } from "@/components/ui/filter-bar";
import { ALERT_KIND_WORDS, ALERT_KINDS, ALERT_SEVERITIES } from "@/lib/domain/words/alert-kinds";
import type { AlertParams } from "@/lib/queries/alerts";

export const STATUS_WORDS: Record<string, string> = { active: "Not resolved", open: "Open", acknowledged: "Acknowledged", resolved: "Resolved" };
export const SINCE_WORDS: Record<string, string> = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" };

export function AlertFilters({ params, sites }: { params: AlertParams; sites: { id: string; name: string }[] }) {
  return (
    <FilterBar action="/alerts" label="Filter the alerts" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
      <Select name="status" label="Status" value={params.status} any={false} options={Object.entries(STATUS_WORDS)} />
      <Select name="kind" label="Kind" value={params.kind} options={ALERT_KINDS.map((k) => [k, ALERT_KIND_WORDS[k]])} />
      <Select name="severity" label="Severity" value={params.severity} options={ALERT_SEVERITIES.map((s) => [s, s])} />
      <Select name="site" label="Site" value={params.site} options={sites.map((s) => [s.id, s.name])} />
      <Select name="since" label="Last seen" value={params.since} options={Object.entries(SINCE_WORDS)} />
      {/* A device or agent narrowing (from a link) survives changing the other filters. */}
      {params.device && <input type="hidden" name="device" value={params.device} />}
      {params.agent && <input type="hidden" name="agent" value={params.agent} />}
    </FilterBar>
  );
}
