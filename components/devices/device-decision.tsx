"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { inputClass } from "@/components/ui/field";


export function DeviceDecision({ action, id }: { action: FormAction; id: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label="Decide about this device">
      <input type="hidden" name="id" value={id} />
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-700">
        Reason (kept in the audit log)
        <input name="reason" maxLength={500} className={inputClass} />
      </label>
      <Button type="submit" name="decision" value="approve" disabled={pending}>Approve</Button>
      <Button type="submit" name="decision" value="block" variant="danger" disabled={pending}>Block</Button>
      <Button type="submit" name="decision" value="retire" variant="secondary" disabled={pending}>Retire</Button>
      <ActionMessage state={state} className="w-full text-sm" />
    </form>
  );
}
