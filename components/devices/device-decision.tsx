"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/web/action-result";

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function DeviceDecision({ action, id }: { action: Action; id: string }) {
  const [state, formAction, pending] = useActionState(action, null);
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
      {state?.message && <p role="status" className={`w-full text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.message}</p>}
    </form>
  );
}
