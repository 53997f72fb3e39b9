import Link from "next/link";
import { Table } from "@/components/ui/table";
import { formatInZone, windowLength } from "@/lib/domain/changes/change-window";
import type { PlanListRow } from "@/lib/queries/changes";
import { PlanStateBadge, ProgressLine } from "./change-badges";

/** A page of plans: title, state, target, the window in the zone it was planned in, progress, who asked. */
export function PlanTable({ plans }: { plans: PlanListRow[] }) {
  return (
    <Table columns={["Plan", "State", "Target", "Window", "Devices"]} last="Requested by" caption="Change plans" testId="plan-table">
      {plans.map((p) => (
        <tr key={p.id} className="border-b border-slate-100 align-top hover:bg-slate-50">
          <td className="py-2 pr-4"><Link href={`/changes/${p.id}`} prefetch={false} className="font-medium text-brand-700 underline-offset-2 hover:underline">{p.title}</Link></td>
          <td className="py-2 pr-4"><PlanStateBadge state={p.state} /></td>
          <td className="py-2 pr-4 font-mono text-xs">{p.targetVersion}</td>
          <td className="py-2 pr-4 text-xs">{formatInZone(p.windowStart, p.timeZone)}<p className="text-slate-600">{windowLength(p.windowStart, p.windowEnd)}, {p.timeZone}</p></td>
          <td className="py-2 pr-4 text-xs"><span className="tabular-nums">{p._count.devices.toLocaleString("en-US")}</span><p><ProgressLine progress={p.progress} /></p></td>
          <td className="py-2 text-xs">{p.requestedBy}{p.decidedBy && <p className="text-slate-600">decided by {p.decidedBy}</p>}</td>
        </tr>
      ))}
    </Table>
  );
}
