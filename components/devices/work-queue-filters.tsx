import { FilterBar, Select } from "@/components/ui/filter-bar";
import type { QueueParams } from "@/lib/queries/work-queue";

export const REASON_WORDS: Record<string, string> = { unauthorized: "Unauthorized", spoof: "Spoof suspected" };
export const ASSIGNED_WORDS: Record<string, string> = { me: "Me", none: "Nobody (unassigned)" };

export function WorkQueueFilters({ params }: { params: QueueParams }) {
  return (
    <FilterBar action="/unauthorized" label="Filter the work queue" className="grid gap-3 sm:grid-cols-3">
      <Select name="reason" label="Reason" value={params.reason} options={Object.entries(REASON_WORDS)} any="Any reason" />
      <Select name="assigned" label="Assigned to" value={params.assigned} options={Object.entries(ASSIGNED_WORDS)} any="Everyone" />
    </FilterBar>
  );
}
