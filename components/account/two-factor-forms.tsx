"use client";

import { useRouter } from "next/navigation";
import { ActionMessage, SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/web/action-result";

type CodesResult = ActionResult & { recoveryCodes?: string };

/** The code field every step shares: digits from the app (or, where `recovery`, a recovery code). */
function CodeField({ id, error, recovery }: { id: string; error?: string; recovery?: boolean }) {
  return (
    <Field id={id} label="Code from your authenticator app" error={error} hint={recovery ? "Six digits, or one of your recovery codes." : "Six digits."}>
      <input id={id} name="code" autoComplete="one-time-code" inputMode="numeric" required maxLength={32} aria-describedby={error ? `${id}-error` : `${id}-hint`} className={`${inputClass} max-w-48`} />
    </Field>
  );
}

/**
 * The recovery codes, shown this once: the server keeps only their hashes. "I have saved them"
 * reloads the page, and they are gone.
 */
function RecoveryCodesOnce({ codes }: { codes: string }) {
  const router = useRouter();
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium text-amber-900">
        Your recovery codes. Save them now (print them, or keep them in a password manager): they cannot be shown again. Each one signs you in once if your phone is lost.
      </p>
      <ul data-testid="recovery-codes" className="mt-2 grid grid-cols-2 gap-1 rounded bg-white p-2 font-mono text-sm text-slate-900 ring-1 ring-amber-200 sm:grid-cols-5">
        {codes.split(" ").map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <Button type="button" className="mt-3" onClick={() => router.refresh()}>
        I have saved them
      </Button>
    </div>
  );
}

export function StartTwoFactorForm({ action, text }: { action: FormAction; text: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} aria-label="Set up an authenticator app" className="flex flex-wrap items-center gap-3">
      <Button type="submit" disabled={pending}>{pending ? "Starting…" : text}</Button>
      <ActionMessage state={state} />
    </form>
  );
}

export function ConfirmTwoFactorForm({ action }: { action: FormAction<CodesResult> }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  if (state?.recoveryCodes) return <RecoveryCodesOnce codes={state.recoveryCodes} />;
  return (
    <form action={formAction} aria-label="Confirm the authenticator app" className="flex flex-col gap-3">
      <CodeField id="confirm-code" error={errors.code} />
      <SubmitRow state={state} pending={pending} text="Turn on" pendingText="Checking…" className="flex flex-wrap items-center gap-3" />
    </form>
  );
}

export function RegenerateRecoveryCodesForm({ action }: { action: FormAction<CodesResult> }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  if (state?.recoveryCodes) return <RecoveryCodesOnce codes={state.recoveryCodes} />;
  return (
    <form action={formAction} aria-label="New recovery codes" className="flex flex-col gap-3">
      <CodeField id="regenerate-code" error={errors.code} recovery />
      <SubmitRow state={state} pending={pending} text="Make new recovery codes" pendingText="Making…" className="flex flex-wrap items-center gap-3" />
    </form>
  );
}

export function DisableTwoFactorForm({ action }: { action: FormAction }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  return (
    <form action={formAction} aria-label="Turn off the second factor" className="flex flex-col gap-3">
      <CodeField id="disable-code" error={errors.code} recovery />
      <Field id="disable-password" label="Password" error={errors.password}>
        <input id="disable-password" name="password" type="password" autoComplete="current-password" required maxLength={256} className={`${inputClass} max-w-sm`} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="danger" disabled={pending}>{pending ? "Turning off…" : "Turn off"}</Button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
