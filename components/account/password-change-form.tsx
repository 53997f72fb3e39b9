"use client";

import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Field, inputClass } from "@/components/ui/field";

/** Change one's own password: the current one, then the new one twice. */
export function PasswordChangeForm({ action }: { action: FormAction }) {
  const { state, formAction, pending, errors: err } = useFormAction(action);
  return (
    <form action={formAction} className="grid max-w-md gap-4" aria-label="Change your password">
      <Field id="current-password" label="Current password" error={err.currentPassword}>
        <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required maxLength={256} className={inputClass} />
      </Field>
      <Field id="new-password" label="New password" error={err.newPassword} hint="At least 12 characters, hard to guess: several unrelated words work well.">
        <input id="new-password" name="newPassword" type="password" autoComplete="new-password" required minLength={12} maxLength={256} className={inputClass} />
      </Field>
      <Field id="confirm-password" label="New password again" error={err.confirmPassword}>
        <input id="confirm-password" name="confirmPassword" type="password" autoComplete="new-password" required minLength={12} maxLength={256} className={inputClass} />
      </Field>
      <SubmitRow state={state} pending={pending} text="Change password" pendingText="Changing…" className="flex flex-col items-start gap-2" />
    </form>
  );
}
