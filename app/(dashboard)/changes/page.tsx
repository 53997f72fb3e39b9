import type { Metadata } from "next";
import { ChangeTabs, TAB_WORDS } from "@/components/changes/change-tabs";
import { PlanCalendar } from "@/components/changes/plan-calendar";
import { PlanTable } from "@/components/changes/plan-table";
import { TaskTable } from "@/components/changes/task-table";
import { UnplannedTable } from "@/components/changes/unplanned-table";
import { hrefWith } from "@/components/ui/filter-chips";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { ResultCount } from "@/components/ui/result-count";
import { canHandleContingency, canReviewFirmware } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { calendarMonth } from "@/lib/domain/changes/change-window";
import {
  CHANGES_PAGE_SIZE, countOpenTasks, countPlanTabs, countUnplannedToReview, listOpenTasks, listPlans, listUnplannedChanges, parseChangesParams,
  serverTimeZone, taskOwners, windowsBetween, type ChangeTab, type ChangesParams, type PlanTab,
} from "@/lib/queries/changes";
import { PAGE_SIZES } from "@/lib/queries/page-params";
import { closeTaskAction, reassignTaskAction, reviewFirmwareAction } from "./actions";

export const metadata: Metadata = { title: "Changes" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const DAY = 86_400_000;

/** "2026-03" → the month before or after. */
function monthPlus(month: string, by: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

async function Calendar({ params, now }: { params: ChangesParams; now: Date }) {
  const zone = serverTimeZone();
  const month = params.month ?? new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit" }).format(now).slice(0, 7);
  const start = new Date(`${month}-01T00:00:00Z`);
  // A week either side covers the days the grid shows around the month, in any zone.
  const windows = await windowsBetween(new Date(start.getTime() - 8 * DAY), new Date(start.getTime() + 40 * DAY));
  const weeks = calendarMonth(month, windows.map((w) => ({ id: w.id, start: w.windowStart, end: w.windowEnd })), zone);
  const label = start.toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  const at = (m: string) => hrefWith("/changes", { tab: "calendar", month: m });
  return <PlanCalendar month={month} label={label} weeks={weeks} windows={windows} timeZone={zone} previousHref={at(monthPlus(month, -1))} nextHref={at(monthPlus(month, 1))} />;
}

export default async function ChangesPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser();
  const params = parseChangesParams(await searchParams);
  const tab: ChangeTab = params.tab ?? "submitted";
  const now = new Date();
  const [plans, unplanned, tasks] = await Promise.all([countPlanTabs(), countUnplannedToReview(), countOpenTasks()]);
  const counts = { ...plans, unplanned, contingency: tasks };
  const at = (over: Partial<ChangesParams>) => hrefWith("/changes", { tab, size: params.size, reviewed: params.reviewed, ...over });
  const header = (
    <PageHeader
      title="Changes"
      description="Planned firmware changes by state, their maintenance windows, the firmware changes nobody planned, and the contingency tasks of changes that failed. Plan a change from a device page or from a fleet."
    />
  );
  const tabs = <ChangeTabs current={tab} counts={counts} href={(t) => hrefWith("/changes", { tab: t })} />;
  if (tab === "calendar") return <>{header}{tabs}<Calendar params={params} now={now} /></>;
  const list = await (tab === "unplanned" ? listUnplannedChanges(params) : tab === "contingency" ? listOpenTasks(params) : listPlans(tab as PlanTab, params));
  const owners = tab === "contingency" && canHandleContingency(user) ? await taskOwners() : null;
  const rows = "plans" in list ? list.plans : "changes" in list ? list.changes : list.tasks;
  const total = tab === "unplanned" && params.reviewed ? undefined : { total: { count: counts[tab], more: false }, noun: tab === "unplanned" ? "change" : tab === "contingency" ? "task" : "plan" };
  return (
    <>
      {header}
      {tabs}
      <Card>
        <p className="mb-2 text-sm text-slate-600">
          {TAB_WORDS[tab].name}: {TAB_WORDS[tab].what}.
          {tab === "unplanned" && <> <a href={at({ reviewed: params.reviewed ? undefined : "1", cursor: undefined })} className="text-brand-700 underline">{params.reviewed ? "Show those waiting for review" : "Show those already reviewed"}</a></>}
        </p>
        {total && <ResultCount {...total} />}
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing in this tab.</p>
        ) : "plans" in list ? (
          <PlanTable plans={list.plans} />
        ) : "changes" in list ? (
          <UnplannedTable changes={list.changes} review={canReviewFirmware(user) ? reviewFirmwareAction : null} />
        ) : (
          <TaskTable tasks={list.tasks} now={now} actions={owners ? { close: closeTaskAction, reassign: reassignTaskAction, owners } : null} />
        )}
        <Pager later={!!params.cursor} next={list.next} previous={list.previous} href={(cursor) => at({ cursor })} size={{ current: params.size ?? CHANGES_PAGE_SIZE, options: PAGE_SIZES, href: (size) => at({ size, cursor: undefined }) }} />
      </Card>
    </>
  );
}
