"use client";

import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Field, inputClass } from "@/components/ui/field";


/** minDate / maxDate: "YYYY-MM-DD", computed by the server so the page renders the same everywhere. */
export function RiskAcceptanceForm({ action, id, minDate, maxDate }: { action: FormAction; id: string; minDate: string; maxDate: string }) {
  const { state, formAction, pending, errors: err } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Accept risk">
      <input type="hidden" name="id" value={id} />
      <Field id="accept-reason" label="Reason" error={err.reason} hint="Why the risk is accepted, e.g. the vendor patch is scheduled; kept as audit evidence.">
        <textarea id="accept-reason" name="reason" required minLength={10} maxLength={1000} rows={2} className={inputClass} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="accept-owner" label="Owner" error={err.owner} hint="The person or team who answers for it.">
          <input id="accept-owner" name="owner" required minLength={2} maxLength={200} className={inputClass} />
        </Field>
        <Field id="accept-expires" label="Expires on" error={err.expiresAt} hint="At most a year ahead (UTC).">
          <input id="accept-expires" name="expiresAt" type="date" required min={minDate} max={maxDate} className={inputClass} />
        </Field>
      </div>
      <SubmitRow state={state} pending={pending} text="Accept risk" pendingText="Accepting…" className="flex flex-wrap items-center gap-3" />
    </form>
  );
}
