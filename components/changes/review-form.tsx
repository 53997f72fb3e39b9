"use client";
// "Mark reviewed" on an unplanned firmware change: a person's reason, kept in the audit log, and a
// confirmation. Enter in the reason box reviews nothing: only the button does.
import { useId, useRef, useState, type MouseEvent } from "react";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, noSubmitOnEnter, type Confirmation } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";

export function ReviewChangeForm({ action, changeId, deviceId, device, change }: { action: FormAction; changeId: string; deviceId: string; device: string; change: string }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const ask = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    if (reasonRef.current?.reportValidity()) {
      setConfirmation({ question: `Mark the change ${change} on ${device} as reviewed?`, consequence: "Every earlier unreviewed unplanned change of this device is reviewed with it; its flag clears when none is left, and its open unplanned-firmware alert is resolved with your reason.", confirm: "Mark reviewed", name: "decision", value: "review" });
    }
  };
  if (state?.ok) return <ActionMessage state={state} className="text-xs" />;
  return (
    <form action={formAction} onKeyDown={noSubmitOnEnter} onSubmit={() => setConfirmation(null)} aria-label={`Review the change ${change} on ${device}`} className="flex flex-col gap-1 text-xs">
      <input type="hidden" name="changeId" value={changeId} />
      <input type="hidden" name="deviceId" value={deviceId} />
      <label htmlFor={id} className="font-medium text-slate-700">Why it is acceptable (required)</label>
      <input ref={reasonRef} id={id} name="reason" required maxLength={500} className={inputClass} placeholder="e.g. vendor field service, work order 4711" aria-invalid={errors.reason ? true : undefined} />
      <Button type="submit" name="decision" value="review" variant="secondary" onClick={ask} disabled={pending}>{pending ? "Saving…" : "Mark reviewed"}</Button>
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
      <ActionMessage state={state} className="text-xs" />
    </form>
  );
}
