import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Card, Skeleton } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/overview/stat";
import { LearningSites } from "@/components/overview/learning-sites";
import { AssetRegisterCard } from "@/components/overview/asset-register-card";
import { ChangesCard } from "@/components/overview/changes-card";
import { DayLines, SliceBars, TIER_COLORS, type Series } from "@/components/overview/charts";
import { requirePageUser } from "@/lib/auth/session";
import { utcMinute } from "@/lib/domain/words/time-format";
import { changesAtAGlance } from "@/lib/queries/changes";
import {
  getAgentCounts,
  getAlertKindSlices,
  getAssetCounts,
  getArrivalTrend,
  getCategorySlices,
  getDeviceCounts,
  getOpenAlertCount,
  getPossibleMatchCount,
  getRiskTrend,
  getTally,
  getTierSlices,
} from "@/lib/queries/overview";

export const metadata: Metadata = { title: "Overview" };

const TREND_DAYS = 30;
const RISK_SERIES: Series[] = [
  { key: "critical", name: "Critical", color: TIER_COLORS.critical },
  { key: "high", name: "High", color: TIER_COLORS.high, dash: "6 3" },
];
const ARRIVAL_SERIES: Series[] = [
  { key: "new", name: "New devices", color: "#1d4ed8" },
  { key: "unauthorized", name: "Unauthorized", color: "#6d28d9", dash: "2 3" },
];

export default async function OverviewPage() {
  await requirePageUser();
  return (
    <>
      <PageHeader title="Overview" description="The devices on your network at a glance: how many, which are not allowed, and which carry the most risk." />
      <Suspense fallback={<Skeleton className="mb-4 h-5 w-64" />}>
        <Freshness />
      </Suspense>
      <Suspense fallback={null}>
        <EmptyEstate />
      </Suspense>
      <LearningSites />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4 xl:grid-cols-7">
        <Suspense fallback={<StatSkeletons count={5} />}>
          <DeviceStats />
        </Suspense>
        <Suspense fallback={<StatSkeletons count={1} />}>
          <AlertStat />
        </Suspense>
        <Suspense fallback={<StatSkeletons count={1} />}>
          <AgentStat />
        </Suspense>
        <Suspense fallback={<StatSkeletons count={1} />}>
          <PossibleMatchStat />
        </Suspense>
      </div>
      <Suspense fallback={<Skeleton className="mt-4 h-24" />}>
        <AssetRegister />
      </Suspense>
      <Suspense fallback={<Skeleton className="mt-4 h-24" />}>
        <Changes />
      </Suspense>
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <ChartCard title="Devices by risk tier">
          <TierChart />
        </ChartCard>
        <ChartCard title="Devices by category">
          <CategoryChart />
        </ChartCard>
        <ChartCard title={`Critical and high risk devices, last ${TREND_DAYS} days`}>
          <RiskTrendChart />
        </ChartCard>
        <ChartCard title={`New and unauthorized devices, last ${TREND_DAYS} days`}>
          <ArrivalTrendChart />
        </ChartCard>
        <ChartCard title="Open alerts by kind">
          <AlertKindChart />
        </ChartCard>
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

/** Each chart streams on its own, with a skeleton until its numbers arrive. */
function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card title={title}>
      <Suspense fallback={<Skeleton className="h-56" />}>{children}</Suspense>
    </Card>
  );
}

function Quiet({ children }: { children: React.ReactNode }) {
  return <p className="py-6 text-sm text-slate-600">{children}</p>;
}

async function Freshness() {
  const { refreshedAt } = await getTally();
  return (
    <p className="mb-4 text-sm text-slate-600" data-testid="tally-freshness">
      {refreshedAt ? <>Counts as of {utcMinute(refreshedAt).slice(11)} UTC ({utcMinute(refreshedAt).slice(0, 10)}); they are recounted every minute, and within seconds after agents report.</> : "Counts are being taken."}
    </p>
  );
}

async function EmptyEstate() {
  const [c, agents] = await Promise.all([getDeviceCounts(), getAgentCounts()]);
  if (c.total > 0) return null;
  return (
    <Card className="mb-4 border-blue-200 bg-blue-50">
      <h2 className="text-base font-semibold text-slate-900">No devices yet</h2>
      <p className="mt-1 text-sm text-slate-700">
        {agents.enrolled === 0
          ? "Devices appear here once an agent on your network reports them. Enrol your first agent, then start it with the token it is given."
          : "Your agents have not reported any device yet. Check that they are running and can reach this server."}{" "}
        <Link href="/agents" className="font-medium text-blue-800 underline">
          {agents.enrolled === 0 ? "Enrol an agent" : "See your agents"}
        </Link>
      </p>
    </Card>
  );
}

async function DeviceStats() {
  const c = await getDeviceCounts();
  return (
    <>
      <Stat label="Devices" value={c.total} href="/inventory" hint={c.total === 0 ? "Devices appear when an enrolled agent reports them." : undefined} />
      <Stat label="Unauthorized" value={c.unauthorized} href="/unauthorized?reason=unauthorized" tone={c.unauthorized ? "danger" : "ok"} />
      <Stat label="Spoof suspected" value={c.spoofed} href="/unauthorized?reason=spoof" tone={c.spoofed ? "danger" : "ok"} />
      <Stat label="Critical risk" value={c.critical} href="/risk?tier=critical" tone={c.critical ? "danger" : "ok"} />
      <Stat label="High risk" value={c.high} href="/risk?tier=high" tone={c.high ? "warn" : "ok"} />
    </>
  );
}

async function AlertStat() {
  const open = await getOpenAlertCount();
  return <Stat label="Open alerts" value={open} href="/alerts" tone={open ? "warn" : "ok"} />;
}

async function PossibleMatchStat() {
  const possible = await getPossibleMatchCount();
  return <Stat label="Possible matches" value={possible} href="/review" hint="CVEs that may apply, waiting for review" tone={possible ? "warn" : "ok"} />;
}

async function AgentStat() {
  const a = await getAgentCounts();
  return <Stat label="Agents online" value={a.online} href="/agents" hint={`of ${a.enrolled} enrolled`} tone={a.enrolled && a.online < a.enrolled ? "warn" : "ok"} />;
}

async function AssetRegister() {
  return <AssetRegisterCard counts={await getAssetCounts()} />;
}

async function Changes() {
  return <ChangesCard counts={await changesAtAGlance()} />;
}

async function TierChart() {
  const slices = await getTierSlices();
  if (slices.every((s) => s.value === 0)) return <Quiet>No devices to rank yet. Each device gets a risk tier once an agent reports it.</Quiet>;
  return <SliceBars slices={slices} colors={TIER_COLORS} caption="Devices by risk tier" unit="Devices" testId="chart-tiers" />;
}

async function CategoryChart() {
  const slices = await getCategorySlices();
  if (slices.length === 0) return <Quiet>No devices yet. Categories (infusion pump, patient monitor…) are recognised from what agents report.</Quiet>;
  return <SliceBars slices={slices} caption="Devices by category" unit="Devices" testId="chart-categories" />;
}

async function RiskTrendChart() {
  const points = await getRiskTrend(TREND_DAYS);
  return <DayLines points={points} series={RISK_SERIES} caption={`Critical and high risk devices per day, last ${TREND_DAYS} days`} testId="chart-risk-trend" />;
}

async function ArrivalTrendChart() {
  const points = await getArrivalTrend(TREND_DAYS);
  return <DayLines points={points} series={ARRIVAL_SERIES} caption={`New and unauthorized devices per day, last ${TREND_DAYS} days`} testId="chart-arrivals" />;
}

async function AlertKindChart() {
  const slices = await getAlertKindSlices();
  if (slices.length === 0) return <Quiet>No open alerts. New alerts (a new device, a spoof suspected…) appear here and on the Alerts page.</Quiet>;
  return <SliceBars slices={slices} caption="Open alerts by kind" unit="Open alerts" testId="chart-alert-kinds" />;
}
