"use client";
// What a person does with a contingency task: close it with its outcome (a waiver needs a reason),
// or hand it to someone else with a new due date. Each asks first; Enter in a text box sends nothing.
import { useId, useRef, useState, type MouseEvent } from "react";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, noSubmitOnEnter, type Confirmation } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import { TASK_OUTCOME_WORDS } from "@/lib/domain/words/change-words";

const labelClass = "flex flex-col gap-1 font-medium text-slate-700";
type Hidden = { taskId: string; planId: string; deviceId: string; device: string };

function HiddenFields({ task }: { task: Hidden }) {
  return (
    <>
      <input type="hidden" name="taskId" value={task.taskId} />
      <input type="hidden" name="planId" value={task.planId} />
      <input type="hidden" name="deviceId" value={task.deviceId} />
    </>
  );
}

/** Close the task: retried, rolled back, replaced, or waived (with the reason, required then). */
export function CloseTaskForm({ action, task }: { action: FormAction; task: Hidden }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [outcome, setOutcome] = useState<keyof typeof TASK_OUTCOME_WORDS>("retried");
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const ask = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    if (!formRef.current?.reportValidity()) return;
    setConfirmation({ question: `Close the task for ${task.device} as ${TASK_OUTCOME_WORDS[outcome].toLowerCase()}?`, consequence: outcome === "waived" ? "Nothing more will be done for this device's failed change; your reason is kept in the audit log." : "The task is done; the device's firmware keeps being watched from what it reports.", confirm: "Close task", name: "op", value: "close" });
  };
  if (state?.ok) return <ActionMessage state={state} className="text-xs" />;
  return (
    <form ref={formRef} action={formAction} onKeyDown={noSubmitOnEnter} onSubmit={() => setConfirmation(null)} aria-label={`Close the task for ${task.device}`} className="flex flex-wrap items-end gap-2 text-xs">
      <HiddenFields task={task} />
      <label className={labelClass}>
        Outcome
        <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)} className={inputClass} aria-invalid={errors.outcome ? true : undefined}>
          {Object.entries(TASK_OUTCOME_WORDS).map(([value, words]) => <option key={value} value={value}>{words}</option>)}
        </select>
      </label>
      <label htmlFor={id} className={labelClass}>
        Reason {outcome === "waived" ? "(required to waive)" : "(optional)"}
        <input id={id} name="reason" required={outcome === "waived"} maxLength={500} className={inputClass} aria-invalid={errors.reason ? true : undefined} />
      </label>
      <Button type="submit" name="op" value="close" variant="secondary" onClick={ask} disabled={pending}>{pending ? "Closing…" : "Close task"}</Button>
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
      <ActionMessage state={state} className="w-full text-xs" />
    </form>
  );
}

/** Hand the task to another person, due on a given day. */
export function ReassignTaskForm({ action, task, owners, ownerId, due }: { action: FormAction; task: Hidden; owners: { id: string; email: string }[]; ownerId: string | null; due: string }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-brand-700 underline">Reassign…</summary>
      <form action={formAction} onKeyDown={noSubmitOnEnter} aria-label={`Reassign the task for ${task.device}`} className="mt-2 flex flex-wrap items-end gap-2">
        <HiddenFields task={task} />
        <label className={labelClass}>
          Owner
          <select name="ownerId" defaultValue={ownerId ?? ""} required className={inputClass} aria-invalid={errors.ownerId ? true : undefined}>
            <option value="" disabled>Choose a person</option>
            {owners.map((o) => <option key={o.id} value={o.id}>{o.email}</option>)}
          </select>
        </label>
        <label className={labelClass}>
          Due
          <input type="date" name="dueAt" defaultValue={due} required className={inputClass} aria-invalid={errors.dueAt ? true : undefined} />
        </label>
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Saving…" : "Reassign"}</Button>
        <ActionMessage state={state} className="w-full text-xs" />
      </form>
    </details>
  );
}
