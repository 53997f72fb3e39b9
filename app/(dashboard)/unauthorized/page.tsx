import type { Metadata } from "next";
import { WorkQueueForm } from "@/components/devices/work-queue-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canApproveDevice } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getWorkQueue, QUEUE_PAGE_SIZE } from "@/lib/queries/work-queue";
import { bulkDecisionAction } from "./actions";
import { utcMinute } from "@/lib/format";

export const metadata: Metadata = { title: "Unauthorized & spoofed" };

function spoofSummary(alert: { title: string } | undefined): string | null {
  return alert ? alert.title.replace(/^Possible spoof: [^—]*— /, "") : null;
}

export default async function UnauthorizedPage() {
  const user = await requirePageUser();
  const { devices, total } = await getWorkQueue();
  const items = devices.map((d) => ({
    id: d.id,
    name: d.displayName,
    category: d.category,
    status: d.status,
    reason: d.statusReason ?? "never approved",
    spoof: d.spoofSuspected ? (spoofSummary(d.alerts[0]) ?? "physical evidence contradicts its claimed identity") : null,
    mac: d.claimedMac,
    segment: d.segment?.name ?? null,
    lastSeen: utcMinute(d.lastSeenAt),
  }));
  return (
    <>
      <PageHeader
        title="Unauthorized & spoofed devices"
        description="Devices that break a policy, or whose physical evidence contradicts what they claim to be. Approve what belongs, block what does not; every decision is audited."
      />
      <Card title={total > QUEUE_PAGE_SIZE ? `${total} devices (newest ${QUEUE_PAGE_SIZE} shown)` : `${total} device${total === 1 ? "" : "s"}`}>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing to review: no device breaks a policy or looks spoofed.</p>
        ) : (
          <WorkQueueForm action={bulkDecisionAction} items={items} canDecide={canApproveDevice(user)} />
        )}
      </Card>
    </>
  );
}
