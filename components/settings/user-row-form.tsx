"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/web/action-result";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function UserRowForm({ action, id, email, role, disabled }: { action: Action; id: string; email: string; role: Role; disabled: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" aria-label={`Change ${email}`}>
      <input type="hidden" name="id" value={id} />
      <label className="sr-only" htmlFor={`role-${id}`}>
        Role of {email}
      </label>
      <select id={`role-${id}`} name="role" defaultValue={role} className={inputClass}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" name="disabled" defaultChecked={disabled} /> Disabled
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>
        Save
      </Button>
      {state?.message && (
        <span role="status" className={`text-xs ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
          {state.message}
        </span>
      )}
    </form>
  );
}
