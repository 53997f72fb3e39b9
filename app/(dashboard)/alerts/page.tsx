import type { Metadata } from "next";
import Link from "next/link";
import { AlertActionStatus } from "@/components/alerts/alert-action-status";
import { AlertActionsForm } from "@/components/alerts/alert-actions-form";
import { AlertFilters, SINCE_WORDS, STATUS_WORDS } from "@/components/alerts/alert-filters";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { filterChips, hrefWith } from "@/components/ui/filter-chips";
import { FilteredList } from "@/components/ui/filtered-list";
import { PageHeader } from "@/components/ui/page-header";
import { ALERT_KIND_WORDS, type AlertKind } from "@/lib/domain/words/alert-kinds";
import { canHandleAlert } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { alertFilterQuery, alertSubjectNames, countMatchingAlerts, listAlertSites, listAlerts, parseAlertParams, type AlertParams } from "@/lib/queries/alerts";
import { acknowledgeAlertsAction, handleMatchingAlertsAction, resolveAlertsAction } from "./actions";

export const metadata: Metadata = { title: "Alerts" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Only the filters that narrow the view ("active" is the default status, so it is not one). */
const narrowed = (p: AlertParams) => !!(p.kind || p.severity || p.device || p.agent || p.site || p.since || p.status !== "active");

function EmptyState({ params }: { params: AlertParams }) {
  if (narrowed(params)) {
    return (
      <p className="text-sm text-slate-600">
        No alert matches these filters. Remove a filter above, or <Link href="/alerts" className="text-brand-700 underline">see every alert that is not resolved</Link>.
      </p>
    );
  }
  return (
    <p className="text-sm text-slate-600">
      Nothing needs attention: every alert is resolved. New alerts appear when an agent reports a new, unauthorized or spoof-suspected
      device, a device&apos;s risk jumps, or a device or agent goes silent. To look back, <Link href="/alerts?status=resolved" className="text-brand-700 underline">see resolved alerts</Link>.
    </p>
  );
}

export default async function AlertsPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser();
  const params = parseAlertParams(await searchParams);
  const [{ alerts, nextCursor, cursorIgnored }, names, total, sites] = await Promise.all([listAlerts(params), alertSubjectNames(params), countMatchingAlerts(params), listAlertSites()]);
  // Boxes and buttons only for people who may act, and only when a listed alert is not resolved yet.
  const canHandle = canHandleAlert(user) && alerts.some((a) => a.status !== "resolved");
  const chips = filterChips("/alerts", { ...params, status: params.status === "active" ? undefined : params.status }, {
    status: ["Status", (v) => STATUS_WORDS[v] ?? v],
    kind: ["Kind", (v) => ALERT_KIND_WORDS[v as AlertKind] ?? v],
    severity: ["Severity"],
    device: ["Device", (v) => names.device ?? v],
    agent: ["Agent", (v) => names.agent ?? v],
    site: ["Site", (v) => names.site ?? v],
    since: ["Last seen", (v) => SINCE_WORDS[v] ?? v],
  }, "cursor");
  const table = <AlertsTable alerts={alerts} selectable={canHandle} />;
  return (
    <>
      <PageHeader
        title="Alerts"
        description="What changed and needs a person: new, unauthorized or spoof-suspected devices, risk jumps, silent devices and offline agents. A repeat of an open alert raises its count instead of adding a row. Acknowledge what you are looking into; resolve what is handled, a page or everything the filter matches at once. A resolved alert opens again only for a new finding, never for the same evidence."
      />
      <FilteredList filters={<AlertFilters params={params} sites={sites} />} chips={chips} total={{ total, noun: "alert", suffix: " matching these filters" }} pages={{ later: !!params.cursor && !cursorIgnored, next: nextCursor, href: (cursor) => hrefWith("/alerts", { ...params, cursor }) }}>
        <AlertActionStatus />
        {cursorIgnored && <p role="status" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">That page link is not one this list made (it may be damaged or edited): showing the first page.</p>}
        {alerts.length === 0 ? (
          <EmptyState params={params} />
        ) : canHandle ? (
          <AlertActionsForm acknowledge={acknowledgeAlertsAction} resolve={resolveAlertsAction} matching={handleMatchingAlertsAction} total={total} filter={alertFilterQuery(params)}>
            {table}
          </AlertActionsForm>
        ) : (
          table
        )}
      </FilteredList>
    </>
  );
}
