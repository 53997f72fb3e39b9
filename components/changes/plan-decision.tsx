"use client";
// The four-eyes decision on a plan (approve, or reject with a reason), and its cancellation by the
// requester or an administrator. Each is confirmed in a dialog naming the plan; Enter in the
// reason box decides nothing.
import { useRef, useState, type MouseEvent } from "react";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, noSubmitOnEnter, type Confirmation } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";

const labelClass = "flex flex-col gap-1 text-xs font-medium text-slate-700";

export function PlanDecisionForm({ action, planId, title, devices }: { action: FormAction; planId: string; title: string; devices: number }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const ask = (decision: "approve" | "reject") => (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    const reason = reasonRef.current;
    if (!reason) return;
    // The reason is required to reject only: the field says so when it is missing.
    reason.required = decision === "reject";
    if (!reason.reportValidity()) return;
    const what = `${devices.toLocaleString("en-US")} ${devices === 1 ? "device" : "devices"}`;
    setConfirmation(decision === "approve"
      ? { question: `Approve "${title}"?`, consequence: `The change may go ahead on ${what} in its window; the network then verifies each device from what it reports.`, confirm: "Approve plan", name: "decision", value: "approve" }
      : { question: `Reject "${title}"?`, consequence: "The plan stops here; its requester sees your reason. A new plan is needed to try again.", confirm: "Reject plan", name: "decision", value: "reject", danger: true });
  };
  return (
    <form action={formAction} onKeyDown={noSubmitOnEnter} onSubmit={() => setConfirmation(null)} aria-label="Decide on this plan" className="flex flex-col gap-3">
      <input type="hidden" name="planId" value={planId} />
      <label className={labelClass}>
        Reason (kept in the audit log) — required to reject
        <textarea ref={reasonRef} name="reason" rows={2} maxLength={500} aria-invalid={errors.reason ? true : undefined} className={inputClass} />
      </label>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="approve" onClick={ask("approve")} disabled={pending}>Approve</Button>
        <Button type="submit" name="decision" value="reject" variant="danger" onClick={ask("reject")} disabled={pending}>Reject</Button>
      </div>
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
      <ActionMessage state={state} />
    </form>
  );
}

export function CancelPlanForm({ action, planId, title }: { action: FormAction; planId: string; title: string }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const ask = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    if (reasonRef.current?.reportValidity()) setConfirmation({ question: `Cancel "${title}"?`, consequence: "The plan will not go ahead and its devices are free for another plan. A change they report from now on is unplanned.", confirm: "Cancel plan", name: "op", value: "cancel", danger: true });
  };
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand-700 underline">Cancel this plan…</summary>
      <form action={formAction} onKeyDown={noSubmitOnEnter} onSubmit={() => setConfirmation(null)} aria-label="Cancel this plan" className="mt-2 flex flex-wrap items-end gap-2">
        <input type="hidden" name="planId" value={planId} />
        <label className={labelClass}>
          Why (required)
          <input ref={reasonRef} name="reason" required maxLength={500} aria-invalid={errors.reason ? true : undefined} className={inputClass} />
        </label>
        <Button type="submit" name="op" value="cancel" variant="danger" onClick={ask} disabled={pending}>Cancel plan</Button>
        <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
        <ActionMessage state={state} className="w-full text-sm" />
      </form>
    </details>
  );
}
