"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/web/action-result";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function CreateUserForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const err = state?.fieldErrors ?? {};
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-start" aria-label="Create a user">
      <Field id="new-email" label="E-mail" error={err.email}>
        <input id="new-email" name="email" type="email" required maxLength={254} className={inputClass} />
      </Field>
      <Field id="new-name" label="Name (optional)" error={err.name}>
        <input id="new-name" name="name" maxLength={120} className={inputClass} />
      </Field>
      <Field id="new-role" label="Role" error={err.role}>
        <select id="new-role" name="role" defaultValue="viewer" className={inputClass}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="new-password" label="Initial password" error={err.password} hint="At least 12 characters.">
        <input id="new-password" name="password" type="password" autoComplete="new-password" required minLength={12} maxLength={256} className={inputClass} />
      </Field>
      <div className="flex flex-col gap-2 lg:pt-6">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create user"}
        </Button>
        {state?.message && (
          <p role="status" className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}
