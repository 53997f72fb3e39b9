import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ACTIONS_COLUMN, Table } from "@/components/ui/table";
import { contingencySentence, failureSentence } from "@/lib/domain/words/change-words";
import type { TaskRow } from "@/lib/queries/changes";
import type { TaskActions } from "./plan-devices";
import { CloseTaskForm, ReassignTaskForm } from "./task-forms";

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
type Failure = Parameters<typeof failureSentence>[0];
type Kind = Parameters<typeof contingencySentence>[0];

/** Open contingency tasks, the soonest due first: the device, why its change failed, what to do, who and by when. */
export function TaskTable({ tasks, actions, now }: { tasks: TaskRow[]; actions: TaskActions | null; now: Date }) {
  return (
    <Table columns={["Device", "Why it failed", "Contingency", "Owner", "Due"]} last={actions ? ACTIONS_COLUMN : undefined} caption="Open contingency tasks" testId="task-table">
      {tasks.map((t) => {
        const d = t.planDevice;
        const hidden = { taskId: t.id, planId: d.plan.id, deviceId: d.deviceId, device: d.device.displayName };
        return (
          <tr key={t.id} className="border-b border-slate-100 align-top hover:bg-slate-50">
            <td className="py-2 pr-4">
              <Link href={`/devices/${d.deviceId}`} prefetch={false} className="font-medium text-brand-700 underline-offset-2 hover:underline">{d.device.displayName}</Link>
              <p className="text-xs">plan <Link href={`/changes/${d.plan.id}`} prefetch={false} className="text-brand-700 underline">{d.plan.title}</Link> (to {d.plan.targetVersion})</p>
            </td>
            <td className="py-2 pr-4 text-xs">{d.failure ? failureSentence(d.failure as Failure, d.reportedVersion ?? d.fromVersion) : "—"}</td>
            <td className="py-2 pr-4 text-xs">{contingencySentence(t.kind as Kind, d.plan.rollbackVersion)}</td>
            <td className="py-2 pr-4 text-xs">{t.owner}</td>
            <td className="py-2 pr-4 text-xs tabular-nums">{t.dueAt < now ? <Badge tone="danger">overdue {dayOf(t.dueAt)}</Badge> : dayOf(t.dueAt)}</td>
            {actions && (
              <td className="py-2 text-xs">
                <div className="flex flex-col items-start gap-2">
                  <CloseTaskForm action={actions.close} task={hidden} />
                  <ReassignTaskForm action={actions.reassign} task={hidden} owners={actions.owners} ownerId={t.ownerId} due={dayOf(t.dueAt)} />
                </div>
              </td>
            )}
          </tr>
        );
      })}
    </Table>
  );
}
