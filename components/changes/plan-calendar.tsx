import Link from "next/link";
import type { CalendarDay } from "@/lib/domain/changes/change-window";
import { PLAN_STATE_WORDS } from "@/lib/domain/words/change-words";

type Window = { id: string; title: string; state: string };
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const STATE_CLASS: Record<string, string> = { submitted: "bg-blue-50 text-blue-900 ring-blue-300", approved: "bg-emerald-50 text-emerald-900 ring-emerald-300", in_window: "bg-amber-50 text-amber-900 ring-amber-300", completed: "bg-slate-100 text-slate-800 ring-slate-300" };

/**
 * A month of maintenance windows, Monday to Sunday, in one time zone: each day lists the plans
 * whose window overlaps it. A table, so a screen reader reads it by weekday.
 */
export function PlanCalendar({ month, label, weeks, windows, timeZone, previousHref, nextHref }: {
  month: string; label: string; weeks: CalendarDay[][]; windows: Window[]; timeZone: string; previousHref: string; nextHref: string;
}) {
  const byId = new Map(windows.map((w) => [w.id, w]));
  return (
    <section aria-labelledby="calendar-heading" data-testid="plan-calendar" data-month={month}>
      <div className="mb-3 flex flex-wrap items-center gap-4">
        <h2 id="calendar-heading" className="text-base font-semibold text-slate-900">{label}</h2>
        <Link href={previousHref} className="text-sm text-brand-700 underline">Previous month</Link>
        <Link href={nextHref} className="text-sm text-brand-700 underline">Next month</Link>
        <span className="text-xs text-slate-600">Days in {timeZone}</span>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[42rem] table-fixed border-collapse text-xs">
          <caption className="sr-only">Maintenance windows in {label}</caption>
          <thead>
            <tr>{WEEKDAYS.map((d) => <th key={d} scope="col" className="border border-slate-200 bg-slate-50 py-1 font-semibold text-slate-700">{d}</th>)}</tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0].day}>
                {week.map((day) => (
                  <td key={day.day} className={`h-24 border border-slate-200 p-1 align-top ${day.inMonth ? "bg-white" : "bg-slate-50 text-slate-500"}`} data-day={day.day}>
                    <span className="block text-right tabular-nums">{Number(day.day.slice(8))}</span>
                    <ul className="flex flex-col gap-1">
                      {day.planIds.map((id) => byId.get(id)).filter((w): w is Window => !!w).map((w) => (
                        <li key={w.id}>
                          <Link href={`/changes/${w.id}`} prefetch={false} className={`block truncate rounded px-1 ring-1 ring-inset ${STATE_CLASS[w.state] ?? STATE_CLASS.completed}`} title={w.title}>
                            {w.title}<span className="sr-only"> ({PLAN_STATE_WORDS[w.state as keyof typeof PLAN_STATE_WORDS] ?? w.state})</span>
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
