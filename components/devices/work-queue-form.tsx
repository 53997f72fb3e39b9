"use client";

import Link from "next/link";
import { useActionState, useRef, useState, type MouseEvent } from "react";
import { TierBadge } from "@/components/devices/badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, noSubmitOnEnter, type Confirmation } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import type { FormAction } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/web/action-result";
import { decisionConfirmation, needsReason, QUEUE_STATUS_WORDS, type DecisionWord, type QueueReason } from "@/lib/domain/words/queue-reason";

export type QueueItem = {
  id: string;
  name: string;
  status: string;
  reason: QueueReason;
  /** The status column: the status and the rule that set it. */
  statusRule: string;
  mac: string | null;
  place: string | null;
  tier: string;
  score: number;
  assignee: string | null;
  lastSeen: string;
};
export type Assignee = { id: string; label: string };

function Result({ state }: { state: ActionResult | null }) {
  if (!state?.message) return null;
  const detail = Object.values(state.fieldErrors ?? {})[0];
  return <p role="status" className={`mb-3 text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.message}{detail ? ` ${detail}` : ""}</p>;
}

function WhyHere({ reason }: { reason: QueueReason }) {
  return (
    <div className="flex flex-col gap-2">
      {reason.spoof?.map((s, i) => (
        <div key={i}>
          <p><Badge tone="danger">spoof suspected</Badge> <span className="font-medium">{s.rule}</span></p>
          <p className="text-slate-700">{s.summary}</p>
        </div>
      ))}
      {reason.unauthorized && (
        <div>
          <p><Badge tone="warn">unauthorized</Badge> <span className="font-medium">{reason.unauthorized.rule}</span></p>
          <p className="text-slate-700">{reason.unauthorized.evidence}</p>
        </div>
      )}
    </div>
  );
}

/**
 * A decision button: asks for the reason where it is required (block, or approving a spoof
 * suspect), then for a confirmation naming the decision and the count. Only the dialog's button
 * submits the decision.
 */
function useBulkDecision() {
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const ask = (decision: DecisionWord) => (event: MouseEvent<HTMLButtonElement>) => {
    const form = event.currentTarget.form;
    const reason = reasonRef.current;
    if (!form || !reason) return;
    const chosen = [...form.querySelectorAll<HTMLInputElement>('input[name="id"]:checked')];
    const spoofed = chosen.filter((box) => box.dataset.spoof === "true").length;
    setMessage(chosen.length === 0 ? "Select at least one device first." : null);
    if (chosen.length === 0) return;
    reason.required = needsReason(decision, spoofed);
    if (!reason.reportValidity()) return;
    setConfirmation({ ...decisionConfirmation(decision, chosen.length, spoofed), name: "decision", value: decision, danger: decision !== "approve" });
  };
  return { confirmation, close: () => setConfirmation(null), reasonRef, ask, message };
}

/** The work queue: pick devices, then approve or block them together with one reason, or assign them to a person. */
export function WorkQueueForm({ decide, assign, items, assignees, canDecide, canAssign }: { decide: FormAction; assign: FormAction; items: QueueItem[]; assignees: Assignee[]; canDecide: boolean; canAssign: boolean }) {
  const [decided, decideAction, deciding] = useActionState(decide, null);
  const [assigned, assignAction, assigning] = useActionState(assign, null);
  const { confirmation, close, reasonRef, ask, message } = useBulkDecision();
  const selectable = canDecide || canAssign;
  const pending = deciding || assigning;
  return (
    <form action={decideAction} onKeyDown={noSubmitOnEnter} onSubmit={close} aria-label="Unauthorized and spoofed devices">
      {canDecide && (
        <div className="mb-3 flex flex-wrap items-end gap-2">
          <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-700">
            Reason for the selected devices (kept in the audit log) — required to block, or to approve a spoof suspect
            <input ref={reasonRef} name="reason" maxLength={500} className={inputClass} aria-invalid={!!decided?.fieldErrors?.reason || undefined} />
          </label>
          <label className="flex items-center gap-2 text-xs text-red-800">
            <input type="checkbox" name="acknowledgeSpoof" />
            Approve spoof-suspected devices too: I have reviewed their evidence
          </label>
          <Button type="button" onClick={ask("approve")} disabled={pending}>Approve selected</Button>
          <Button type="button" onClick={ask("block")} variant="danger" disabled={pending}>Block selected</Button>
          <ConfirmDialog confirmation={confirmation} onClose={close} />
        </div>
      )}
      {message && <p role="status" className="mb-3 text-sm text-red-700">{message}</p>}
      {canAssign && (
        <div className="mb-3 flex flex-wrap items-end gap-2">
          <label className="flex min-w-48 flex-col gap-1 text-xs font-medium text-slate-700">
            Assign the selected devices to
            <select name="assignee" defaultValue="me" className={inputClass}>
              <option value="me">Me</option>
              {assignees.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
              <option value="none">Nobody (unassign)</option>
            </select>
          </label>
          <Button type="submit" variant="secondary" formAction={assignAction} formNoValidate disabled={pending}>Assign selected</Button>
        </div>
      )}
      <Result state={decided} />
      <Result state={assigned} />
      <Table columns={["Device", "Status", "Why it is here", "Risk", "Where", "Assigned to"]} last="Last seen (UTC)" selectable={selectable}>
        {items.map((d) => (
          <tr key={d.id} className="border-b border-slate-100 align-top">
            {selectable && (
              <td className="py-2 pr-2">
                <input type="checkbox" name="id" value={d.id} data-spoof={d.reason.spoof ? "true" : "false"} aria-label={`Select ${d.name}`} />
              </td>
            )}
            <td className="py-2 pr-4">
              <Link href={`/devices/${d.id}`} className="font-medium text-brand-700 hover:underline">{d.name}</Link>
              <p className="font-mono text-xs text-slate-500">{d.mac ?? ""}</p>
            </td>
            <td className="py-2 pr-4 text-xs">
              <p className="font-medium text-slate-900">{QUEUE_STATUS_WORDS[d.status] ?? d.status}</p>
              <p className="text-slate-600">{d.statusRule}</p>
            </td>
            <td className="max-w-xl py-2 pr-4"><WhyHere reason={d.reason} /></td>
            <td className="py-2 pr-4"><TierBadge tier={d.tier} score={d.score} /></td>
            <td className="py-2 pr-4 text-xs">{d.place ?? "—"}</td>
            <td className="py-2 pr-4 text-xs">{d.assignee ?? <span className="text-slate-500">nobody</span>}</td>
            <td className="whitespace-nowrap py-2 tabular-nums">{d.lastSeen}</td>
          </tr>
        ))}
      </Table>
    </form>
  );
}
