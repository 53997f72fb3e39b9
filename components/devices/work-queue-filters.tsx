import { FilterBar, Select } from "@/components/ui/filter-bar";
import { QUEUE_STATUS_WORDS } from "@/lib/domain/words/queue-reason";
import type { QueueParams } from "@/lib/queries/work-queue";

export const REASON_WORDS: Record<string, string> = { unauthorized: "Unauthorized", spoof: "Spoof suspected" };
export const ASSIGNED_WORDS: Record<string, string> = { me: "Me", none: "Nobody (unassigned)" };

export function WorkQueueFilters({ params }: { params: QueueParams }) {
  return (
    <FilterBar action="/unauthorized" label="Filter the work queue" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Select name="reason" label="Reason" value={params.reason} options={Object.entries(REASON_WORDS)} any="Any reason" />
      <Select name="assigned" label="Assigned to" value={params.assigned} options={Object.entries(ASSIGNED_WORDS)} any="Everyone" />
      <Select name="status" label="Status" value={params.status} options={Object.entries(QUEUE_STATUS_WORDS)} any="Any status" />
      {params.size && <input type="hidden" name="size" value={params.size} />}
    </FilterBar>
  );
}

const FILTER_NAMES: Record<string, string> = { reason: "Reason", assigned: "Assigned to", status: "Status", size: "Per page" };

/** A filter value the queue does not know (a hand-edited or old link): said, not silently dropped. */
export function UnknownFilters({ unknown }: { unknown: { name: string; value: string }[] }) {
  if (unknown.length === 0) return null;
  return (
    <p role="alert" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">
      {unknown.map((u) => `${FILTER_NAMES[u.name] ?? u.name} "${u.value}" is not a value this filter knows`).join("; ")}: that filter is not applied. Choose one from the list above.
    </p>
  );
}
