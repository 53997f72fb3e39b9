import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PlanStateBadge, ProgressLine } from "@/components/changes/change-badges";
import { PlanFacts } from "@/components/changes/plan-facts";
import { CancelPlanForm, PlanDecisionForm } from "@/components/changes/plan-decision";
import { PlanDevicesTable } from "@/components/changes/plan-devices";
import { hrefWith } from "@/components/ui/filter-chips";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { canDecideChange, canHandleContingency } from "@/lib/auth/roles";
import { requirePageUser, type SessionUser } from "@/lib/auth/session";
import { formatInZone, windowLength } from "@/lib/domain/changes/change-window";
import { DEVICE_STATE_WORDS } from "@/lib/domain/words/change-words";
import { PLAN_DEVICE_STATES, planDetail, planDevices, taskOwners, type PlanDetail } from "@/lib/queries/changes";
import { closeTaskAction, reassignTaskAction } from "../actions";
import { cancelPlanAction, decidePlanAction } from "./actions";

export const metadata: Metadata = { title: "Change plan" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 400) || undefined;

/** Approve / reject for someone else with the role; cancel for the requester or an administrator, before the window. */
function Decisions({ user, detail }: { user: SessionUser; detail: PlanDetail }) {
  const { plan } = detail;
  const own = plan.requestedById === user.id;
  const decide = plan.state === "submitted" && canDecideChange(user);
  const cancel = (plan.state === "submitted" || plan.state === "approved") && (own || user.role === "admin");
  if (!decide && !cancel) return null;
  return (
    <Card title="Decision" className="mt-4">
      {decide && (own
        ? <p className="text-sm text-slate-700" role="status">You requested this plan: another analyst or administrator approves or rejects it.</p>
        : <PlanDecisionForm action={decidePlanAction} planId={plan.id} title={plan.title} devices={plan._count.devices} />)}
      {cancel && <div className={decide ? "mt-4" : ""}><CancelPlanForm action={cancelPlanAction} planId={plan.id} title={plan.title} /></div>}
    </Card>
  );
}

export default async function PlanPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const user = await requirePageUser();
  const { id } = await params;
  const search = await searchParams;
  const detail = await planDetail(id.slice(0, 64));
  if (!detail) notFound();
  const { plan, progress } = detail;
  const state = PLAN_DEVICE_STATES.find((s) => s === first(search.devices));
  const cursor = first(search.cursor);
  const [devices, owners] = await Promise.all([planDevices(plan.id, state, cursor), canHandleContingency(user) ? taskOwners() : null]);
  const at = (over: { devices?: string; cursor?: string }) => hrefWith(`/changes/${plan.id}`, { devices: state, ...over });
  const tabs: [string | undefined, string, number][] = [[undefined, "All", plan._count.devices], ...PLAN_DEVICE_STATES.map((s): [string, string, number] => [s, DEVICE_STATE_WORDS[s], progress[s]])];
  return (
    <>
      <PageHeader
        title={plan.title}
        description={`Target ${plan.targetVersion} · ${formatInZone(plan.windowStart, plan.timeZone)} to ${formatInZone(plan.windowEnd, plan.timeZone)} (${windowLength(plan.windowStart, plan.windowEnd)})`}
        actions={<Link href="/changes" className="rounded-md px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">All changes</Link>}
      />
      <div className="mb-4 flex flex-wrap items-center gap-3 text-sm" data-testid="plan-state">
        <PlanStateBadge state={plan.state} />
        <ProgressLine progress={progress} />
      </div>
      <PlanFacts plan={plan} />
      <Decisions user={user} detail={detail} />
      <Card title="Devices" className="mt-4">
        <nav aria-label="Device states" className="mb-3 flex flex-wrap gap-2 text-sm">
          {tabs.map(([s, words, n]) => (
            <Link key={words} href={at({ devices: s })} aria-current={s === state ? "page" : undefined} className={`rounded-md px-3 py-1 ring-1 ring-inset ${s === state ? "bg-brand-600 text-white ring-brand-600" : "ring-slate-300 hover:bg-slate-50"}`}>
              {words} <span className="tabular-nums">{n.toLocaleString("en-US")}</span>
            </Link>
          ))}
        </nav>
        {devices.devices.length === 0
          ? <p className="text-sm text-slate-600">No device in this state.</p>
          : <PlanDevicesTable planId={plan.id} devices={devices.devices} actions={owners ? { close: closeTaskAction, reassign: reassignTaskAction, owners } : null} />}
        <Pager later={!!cursor} next={devices.next} previous={devices.previous} href={(c) => at({ cursor: c })} />
      </Card>
    </>
  );
}
