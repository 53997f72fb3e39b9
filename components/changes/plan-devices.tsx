import Link from "next/link";
import { TierBadge } from "@/components/devices/badges";
import type { FormAction } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { failureSentence, TASK_STATE_WORDS, CONTINGENCY_WORDS } from "@/lib/domain/words/change-words";
import { whenUtc } from "@/lib/domain/words/time-format";
import type { PlanDeviceRow } from "@/lib/queries/changes";
import { DeviceStateBadge } from "./change-badges";
import { CloseTaskForm, ReassignTaskForm } from "./task-forms";

export type TaskActions = { close: FormAction; reassign: FormAction; owners: { id: string; email: string }[] };

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
type Failure = Parameters<typeof failureSentence>[0];

/** Where the device stands: verified at, failed and why, or still planned. */
function Progress({ d }: { d: PlanDeviceRow }) {
  return (
    <>
      <DeviceStateBadge state={d.state} />
      {d.state === "verified" && <p className="text-xs text-slate-600">reported {d.reportedVersion ?? "the target"} at {whenUtc(d.verifiedAt)}</p>}
      {d.state === "failed" && d.failure && <p className="text-xs text-red-800">{failureSentence(d.failure as Failure, d.reportedVersion ?? d.fromVersion)}{d.failedAt ? `, ${whenUtc(d.failedAt)}` : ""}</p>}
    </>
  );
}

function Task({ d, planId, actions }: { d: PlanDeviceRow; planId: string; actions: TaskActions | null }) {
  const t = d.contingencyTask;
  if (!t) return <span className="text-slate-500">—</span>;
  const open = t.state === "open";
  const hidden = { taskId: t.id, planId, deviceId: d.deviceId, device: d.device.displayName };
  return (
    <div className="flex flex-col items-start gap-1">
      <span>
        <Badge tone={open ? (t.dueAt < new Date() ? "danger" : "warn") : "ok"}>{TASK_STATE_WORDS[t.state as keyof typeof TASK_STATE_WORDS] ?? t.state}</Badge>{" "}
        {CONTINGENCY_WORDS[t.kind as keyof typeof CONTINGENCY_WORDS] ?? t.kind}
      </span>
      <span className="text-slate-600">{open ? `${t.owner}, due ${dayOf(t.dueAt)}` : `${t.closedBy ?? ""} ${whenUtc(t.closedAt)}${t.closedReason ? `: ${t.closedReason}` : ""}`}</span>
      {open && actions && (
        <>
          <CloseTaskForm action={actions.close} task={hidden} />
          <ReassignTaskForm action={actions.reassign} task={hidden} owners={actions.owners} ownerId={t.ownerId} due={dayOf(t.dueAt)} />
        </>
      )}
    </div>
  );
}

/** A plan's devices: each one's progress, its preview (risk before → after) and its contingency task. */
export function PlanDevicesTable({ planId, devices, actions }: { planId: string; devices: PlanDeviceRow[]; actions: TaskActions | null }) {
  return (
    <Table columns={["Device", "From", "Progress", "Risk planned → after", "Risk now"]} last="Contingency task" caption="Each device's progress" testId="plan-devices-table">
      {devices.map((d) => (
        <tr key={d.id} className="border-b border-slate-100 align-top" data-state={d.state}>
          <td className="py-2 pr-4"><Link href={`/devices/${d.deviceId}`} prefetch={false} className="font-medium text-brand-700 underline-offset-2 hover:underline">{d.device.displayName}</Link></td>
          <td className="py-2 pr-4 font-mono text-xs">{d.fromVersion ?? "unknown"}</td>
          <td className="py-2 pr-4"><Progress d={d} /></td>
          <td className="py-2 pr-4 tabular-nums">{d.riskBefore} → {d.riskAfter}</td>
          <td className="py-2 pr-4"><TierBadge tier={d.device.riskTier} score={d.device.riskScore} /></td>
          <td className="py-2 text-xs"><Task d={d} planId={planId} actions={actions} /></td>
        </tr>
      ))}
    </Table>
  );
}
