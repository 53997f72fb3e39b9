"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { inputClass } from "@/components/ui/field";


/** Who looks into this device: yourself, another person who may handle devices, or nobody. */
export function DeviceAssignForm({ action, id, assignees, currentId }: { action: FormAction; id: string; assignees: { id: string; label: string }[]; currentId: string | null }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label="Assign this device">
      <input type="hidden" name="id" value={id} />
      <label className="flex min-w-48 flex-col gap-1 text-xs font-medium text-slate-700">
        Assign to
        <select name="assignee" defaultValue={currentId ?? "me"} className={inputClass}>
          <option value="me">Me</option>
          {assignees.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
          <option value="none">Nobody (unassign)</option>
        </select>
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>Assign</Button>
      <ActionMessage state={state} className="w-full text-sm" />
    </form>
  );
}
