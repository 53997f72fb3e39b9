import { TabLink } from "@/components/ui/tab-link";
import type { ChangeTab } from "@/lib/queries/changes";

export const TAB_WORDS: Record<ChangeTab, { name: string; what: string }> = {
  submitted: { name: "Awaiting approval", what: "plans waiting for an analyst or administrator other than their requester" },
  approved: { name: "Approved", what: "plans approved, their window still to come" },
  in_window: { name: "In window", what: "plans whose window is open: each device is verified as it reports the target version" },
  completed: { name: "Completed", what: "plans whose window has closed, each device verified or failed" },
  closed: { name: "Rejected or cancelled", what: "plans that did not go ahead" },
  calendar: { name: "Calendar", what: "the maintenance windows of a month" },
  unplanned: { name: "Unplanned changes", what: "firmware changes no approved plan covered, waiting for a person's review" },
  contingency: { name: "Contingency tasks", what: "devices whose change failed: retry, roll back or replace, with an owner and a due date" },
};
const PLANS: ChangeTab[] = ["submitted", "approved", "in_window", "completed", "closed"];
const OTHERS: ChangeTab[] = ["calendar", "unplanned", "contingency"];

/** The tabs: plans by state, then the calendar, the unplanned changes and the open tasks, each with its count. */
export function ChangeTabs({ current, counts, href }: { current: ChangeTab; counts: Partial<Record<ChangeTab, number>>; href: (tab: ChangeTab) => string }) {
  const tab = (t: ChangeTab) => (
    <TabLink key={t} href={href(t)} active={t === current} count={counts[t]?.toLocaleString("en-US")}>
      {TAB_WORDS[t].name}
    </TabLink>
  );
  return (
    <nav aria-label="Changes" className="mb-4 flex flex-wrap items-end gap-4">
      <ul className="flex flex-wrap gap-2" aria-label="Plans by state">{PLANS.map(tab)}</ul>
      <ul className="flex flex-wrap gap-2">{OTHERS.map(tab)}</ul>
    </nav>
  );
}
