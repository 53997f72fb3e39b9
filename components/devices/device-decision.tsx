"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { inputClass } from "@/components/ui/field";


/** spoofSuspected: approving asks the person to acknowledge the spoof evidence shown on this page. */
export function DeviceDecision({ action, id, spoofSuspected = false }: { action: FormAction; id: string; spoofSuspected?: boolean }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label="Decide about this device">
      <input type="hidden" name="id" value={id} />
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-700">
        Reason (kept in the audit log)
        <input name="reason" maxLength={500} className={inputClass} />
      </label>
      {spoofSuspected && (
        <label className="flex w-full items-center gap-2 text-xs text-red-800">
          <input type="checkbox" name="acknowledgeSpoof" />
          I have reviewed the spoof evidence (alerts below) and approve this device anyway
        </label>
      )}
      <Button type="submit" name="decision" value="approve" disabled={pending}>Approve</Button>
      <Button type="submit" name="decision" value="block" variant="danger" disabled={pending}>Block</Button>
      <Button type="submit" name="decision" value="retire" variant="secondary" disabled={pending}>Retire</Button>
      <ActionMessage state={state} className="w-full text-sm" />
    </form>
  );
}
