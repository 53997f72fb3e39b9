"use client";

import { useRef, useState, type MouseEvent } from "react";
import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { ConfirmDialog, noSubmitOnEnter, type Confirmation } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import { decisionConfirmation, needsConfirmation, needsReason, type DecisionWord } from "@/lib/domain/words/queue-reason";

const VARIANT: Record<DecisionWord, "primary" | "danger" | "secondary"> = { approve: "primary", block: "danger", retire: "secondary" };

/**
 * spoofSuspected: approving asks the person to acknowledge the spoof evidence shown on this page,
 * and every decision is confirmed first. Block and retire (and approving a suspect) need a reason.
 */
export function DeviceDecision({ action, id, spoofSuspected = false }: { action: FormAction; id: string; spoofSuspected?: boolean }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const spoofed = spoofSuspected ? 1 : 0;
  // Runs before the browser validates and submits: the reason becomes required for this decision,
  // and a suspect's decision waits for the confirmation (the dialog's button submits it).
  const check = (decision: DecisionWord) => (event: MouseEvent<HTMLButtonElement>) => {
    const reason = reasonRef.current;
    if (!reason) return;
    reason.required = needsReason(decision, spoofed);
    if (!needsConfirmation(spoofed, false)) return;
    event.preventDefault();
    if (reason.reportValidity()) setConfirmation({ ...decisionConfirmation(decision, 1, spoofed), name: "decision", value: decision, danger: decision !== "approve" });
  };
  return (
    <form action={formAction} onKeyDown={noSubmitOnEnter} onSubmit={() => setConfirmation(null)} className="flex flex-wrap items-end gap-2" aria-label="Decide about this device">
      <input type="hidden" name="id" value={id} />
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-700">
        Reason (kept in the audit log) — required to block or retire{spoofSuspected ? ", and to approve this suspect" : ""}
        <input ref={reasonRef} name="reason" maxLength={500} required={spoofSuspected} aria-invalid={!!errors.reason || undefined} className={inputClass} />
      </label>
      {spoofSuspected && (
        <label className="flex w-full items-center gap-2 text-xs text-red-800">
          <input type="checkbox" name="acknowledgeSpoof" />
          I have reviewed the spoof evidence (alerts below) and approve this device anyway
        </label>
      )}
      {(["approve", "block", "retire"] as const).map((decision) => (
        <Button key={decision} type="submit" name="decision" value={decision} variant={VARIANT[decision]} onClick={check(decision)} disabled={pending}>
          {decision[0].toUpperCase() + decision.slice(1)}
        </Button>
      ))}
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
      <ActionMessage state={state} className="w-full text-sm" />
    </form>
  );
}
