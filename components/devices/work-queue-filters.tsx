import Link from "next/link";
import { inputClass } from "@/components/ui/field";
import type { QueueParams } from "@/lib/queries/work-queue";

export const REASON_WORDS: Record<string, string> = { unauthorized: "Unauthorized", spoof: "Spoof suspected" };
export const ASSIGNED_WORDS: Record<string, string> = { me: "Me", none: "Nobody (unassigned)" };

function Select({ name, labelText, value, options, anyText }: { name: string; labelText: string; value?: string; options: Record<string, string>; anyText: string }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
      {labelText}
      <select name={name} defaultValue={value ?? ""} className={inputClass}>
        <option value="">{anyText}</option>
        {Object.entries(options).map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );
}

/** A plain GET form: the filters live in the URL, so a view of the queue can be shared. */
export function WorkQueueFilters({ params }: { params: QueueParams }) {
  return (
    <form method="get" action="/unauthorized" className="grid gap-3 sm:grid-cols-3" role="search" aria-label="Filter the work queue">
      <Select name="reason" labelText="Reason" value={params.reason} options={REASON_WORDS} anyText="Any reason" />
      <Select name="assigned" labelText="Assigned to" value={params.assigned} options={ASSIGNED_WORDS} anyText="Everyone" />
      <div className="flex items-end gap-2">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">Apply</button>
        <Link href="/unauthorized" className="rounded-md px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Clear</Link>
      </div>
    </form>
  );
}
