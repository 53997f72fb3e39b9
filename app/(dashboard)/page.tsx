import type { Metadata } from "next";
import { Suspense } from "react";
import { Card, Skeleton } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/overview/stat";
import { requirePageUser } from "@/lib/auth/session";
import { getAgentCounts, getDeviceCounts, getOpenAlertCount } from "@/lib/queries/overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  await requirePageUser();
  return (
    <>
      <PageHeader title="Overview" description="The devices on your network at a glance: how many, which are not allowed, and which carry the most risk." />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-3 xl:grid-cols-6">
        <Suspense fallback={<StatSkeletons count={5} />}>
          <DeviceStats />
        </Suspense>
        <Suspense fallback={<StatSkeletons count={1} />}>
          <AlertStat />
        </Suspense>
        <Suspense fallback={<StatSkeletons count={1} />}>
          <AgentStat />
        </Suspense>
      </div>
    </>
  );
}

function StatSkeletons({ count }: { count: number }) {
  return Array.from({ length: count }, (_, i) => (
    <Card key={i}>
      <Skeleton className="h-12" />
    </Card>
  ));
}

async function DeviceStats() {
  const c = await getDeviceCounts();
  return (
    <>
      <Stat label="Devices" value={c.total} hint={c.total === 0 ? "Devices appear when an enrolled agent reports them." : undefined} />
      <Stat label="Unauthorized" value={c.unauthorized} tone={c.unauthorized ? "danger" : "ok"} />
      <Stat label="Spoof suspected" value={c.spoofed} tone={c.spoofed ? "danger" : "ok"} />
      <Stat label="Critical risk" value={c.critical} tone={c.critical ? "danger" : "ok"} />
      <Stat label="High risk" value={c.high} tone={c.high ? "warn" : "ok"} />
    </>
  );
}

async function AlertStat() {
  const open = await getOpenAlertCount();
  return <Stat label="Open alerts" value={open} tone={open ? "warn" : "ok"} />;
}

async function AgentStat() {
  const a = await getAgentCounts();
  return <Stat label="Agents online" value={a.online} hint={`of ${a.enrolled} enrolled`} tone={a.enrolled && a.online < a.enrolled ? "warn" : "ok"} />;
}
