"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { inputClass } from "@/components/ui/field";
import type { Role } from "@/lib/auth/roles";
import { RoleOptions } from "./role-options";

export function UserRowForm({ action, id, email, role, disabled }: { action: FormAction; id: string; email: string; role: Role; disabled: boolean }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" aria-label={`Change ${email}`}>
      <input type="hidden" name="id" value={id} />
      <label className="sr-only" htmlFor={`role-${id}`}>
        Role of {email}
      </label>
      <select id={`role-${id}`} name="role" defaultValue={role} className={inputClass}>
        <RoleOptions />
      </select>
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" name="disabled" defaultChecked={disabled} /> Disabled
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>
        Save
      </Button>
      <ActionMessage state={state} className="text-xs" as="span" />
    </form>
  );
}
