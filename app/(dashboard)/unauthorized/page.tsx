import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { WorkQueueFilters, ASSIGNED_WORDS, REASON_WORDS, UnknownFilters } from "@/components/devices/work-queue-filters";
import { WorkQueueForm, type QueueItem } from "@/components/devices/work-queue-form";
import { filterChips, hrefWith } from "@/components/ui/filter-chips";
import { FilteredList } from "@/components/ui/filtered-list";
import { PageHeader } from "@/components/ui/page-header";
import { resultCountText } from "@/components/ui/result-count";
import { canApproveDevice, canAssignDevice } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { explainQueueReason, queueStatus, QUEUE_STATUS_WORDS } from "@/lib/domain/words/queue-reason";
import { utcMinute } from "@/lib/domain/words/time-format";
import { LAST_PAGE, PAGE_SIZES } from "@/lib/queries/page-params";
import { countWorkQueue, getWorkQueue, listAssignees, parseQueueParams, QUEUE_PAGE_SIZE, unknownQueueFilters, type QueueParams, type QueueRow } from "@/lib/queries/work-queue";
import { assignDevicesAction, bulkDecisionAction } from "./actions";

export const metadata: Metadata = { title: "Unauthorized & spoofed" };

type Search = Promise<Record<string, string | string[] | undefined>>;

function toItem(d: QueueRow, viewerId: string): QueueItem {
  return {
    id: d.id,
    name: d.displayName,
    status: d.status,
    statusRule: queueStatus(d).rule,
    reason: explainQueueReason({ status: d.status, statusRule: d.statusRule, statusReason: d.statusReason, spoofSuspected: d.spoofSuspected, spoofAlert: d.alerts[0] ?? null }),
    mac: d.claimedMac,
    place: [d.site?.name, d.segment?.label ?? d.segment?.name].filter(Boolean).join(" / ") || null,
    tier: d.riskTier,
    score: d.riskScore,
    assignee: d.assignee ? (d.assignee.id === viewerId ? "you" : (d.assignee.name ?? d.assignee.email)) : null,
    lastSeen: utcMinute(d.lastSeenAt),
  };
}

/** The queue's size, streamed on its own: counting ~20k rows at 1M devices should not hold the list back. */
async function QueueCount({ params, viewerId }: { params: QueueParams; viewerId: string }) {
  const total = await countWorkQueue(params, viewerId);
  return <span data-testid="result-count">{`${resultCountText(total, "device")} to review${params.cursor ? " (a later page)" : ""}`}</span>;
}

function EmptyState({ params }: { params: QueueParams }) {
  if (params.reason || params.assigned || params.status) {
    return (
      <p className="text-sm text-slate-600">
        No device in the queue matches these filters. Remove a filter above, or <Link href="/unauthorized" className="text-brand-700 underline">see the whole queue</Link>.
      </p>
    );
  }
  return (
    <p className="text-sm text-slate-600">
      Nothing to review: no device breaks a policy or looks spoofed. Devices land here when they break a{" "}
      <Link href="/settings/policies" className="text-brand-700 underline">policy</Link> (a baseline or the USB allow-list), when a person blocks them, or when their physical evidence contradicts what they claim to be.
    </p>
  );
}

export default async function UnauthorizedPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser();
  const search = await searchParams;
  const params = parseQueueParams(search);
  const unknown = unknownQueueFilters(search);
  const canDecide = canApproveDevice(user);
  const canAssign = canAssignDevice(user);
  const [{ devices, nextCursor, previousCursor, cursorIgnored }, assignees] = await Promise.all([getWorkQueue(params, user.id), canAssign ? listAssignees() : Promise.resolve([])]);
  const chips = filterChips("/unauthorized", params, { reason: ["Reason", (v) => REASON_WORDS[v] ?? v], assigned: ["Assigned to", (v) => ASSIGNED_WORDS[v] ?? v], status: ["Status", (v) => QUEUE_STATUS_WORDS[v] ?? v] }, "cursor");
  const others = assignees.filter((a) => a.id !== user.id).map((a) => ({ id: a.id, label: a.name ? `${a.name} (${a.email})` : a.email }));
  return (
    <>
      <PageHeader
        title="Unauthorized & spoofed devices"
        description="Devices that break a policy, were blocked by a person, or whose physical evidence contradicts what they claim to be — the riskiest first. Approve what belongs, block what does not, and assign devices to the person who will look into them; every decision is audited."
      />
      <FilteredList
        filters={<WorkQueueFilters params={params} />}
        chips={chips}
        pages={{
          later: !!params.cursor && !cursorIgnored,
          next: nextCursor,
          previous: previousCursor,
          last: LAST_PAGE,
          href: (cursor) => hrefWith("/unauthorized", { ...params, cursor }),
          size: { current: params.size ?? QUEUE_PAGE_SIZE, options: PAGE_SIZES, href: (size) => hrefWith("/unauthorized", { ...params, cursor: undefined, size }) },
        }}
        heading={
          <h2 className="mb-3 text-sm font-semibold text-slate-700">
            <Suspense fallback="Counting the devices to review…">
              <QueueCount params={params} viewerId={user.id} />
            </Suspense>
          </h2>
        }
      >
        <UnknownFilters unknown={unknown} />
        {cursorIgnored && <p role="status" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">That page link is not one this list made (it may be damaged or edited): showing the first page.</p>}
        {devices.length === 0 ? (
          <EmptyState params={params} />
        ) : (
          <WorkQueueForm decide={bulkDecisionAction} assign={assignDevicesAction} items={devices.map((d) => toItem(d, user.id))} assignees={others} canDecide={canDecide} canAssign={canAssign} />
        )}
      </FilteredList>
    </>
  );
}
