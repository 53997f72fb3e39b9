"use client";
// Confirm or dismiss one possible match (device + CVE), with an optional note; or undo a decision.
// Used by the review queue and the device page; the server checks the role (canReviewMatches).
import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { inputClass } from "@/components/ui/field";

type Subject = { deviceId: string; cve: string };

function Hidden({ deviceId, cve }: Subject) {
  return (
    <>
      <input type="hidden" name="deviceId" value={deviceId} />
      <input type="hidden" name="cve" value={cve} />
    </>
  );
}

export function MatchDecisionButtons({ action, deviceId, cve }: Subject & { action: FormAction }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  return (
    <form action={formAction} aria-label={`Decide on ${cve}`} className="flex flex-col gap-1">
      <Hidden deviceId={deviceId} cve={cve} />
      <input name="note" maxLength={500} placeholder="Note (optional)" aria-label={`Note on ${cve}`} aria-invalid={!!errors.note} className={`${inputClass} py-1 text-xs`} />
      <div className="flex gap-2">
        <Button type="submit" name="decision" value="confirm" disabled={pending} className="px-2 py-1 text-xs">Confirm</Button>
        <Button type="submit" name="decision" value="dismiss" variant="secondary" disabled={pending} className="px-2 py-1 text-xs">Dismiss</Button>
      </div>
      <ActionMessage state={state} className="text-xs" />
    </form>
  );
}

export function UndoMatchDecisionButton({ action, deviceId, cve }: Subject & { action: FormAction }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} aria-label={`Undo the decision on ${cve}`}>
      <Hidden deviceId={deviceId} cve={cve} />
      <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1 text-xs">{pending ? "Undoing…" : "Undo"}</Button>
      <ActionMessage state={state} className="mt-1 text-xs" />
    </form>
  );
}
