"use client";

import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Field, inputClass } from "@/components/ui/field";
import { RoleOptions } from "./role-options";

export function CreateUserForm({ action }: { action: FormAction }) {
  const { state, formAction, pending, errors: err } = useFormAction(action);
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
          <RoleOptions />
        </select>
      </Field>
      <Field id="new-password" label="Initial password" error={err.password} hint="At least 12 characters, hard to guess: several unrelated words work well.">
        <input id="new-password" name="password" type="password" autoComplete="new-password" required minLength={12} maxLength={256} className={inputClass} />
      </Field>
      <SubmitRow state={state} pending={pending} text="Create user" pendingText="Creating…" className="flex flex-col gap-2 lg:pt-6" />
    </form>
  );
}
