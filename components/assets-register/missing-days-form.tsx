"use client";

import { Field, inputClass } from "@/components/ui/field";
import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";

/** The missing-after days (1–365): a register entry whose device has not been seen for longer is missing. */
export function MissingDaysForm({ action, days }: { action: FormAction; days: number }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-4" aria-label="Missing after">
      <Field id="missing-days" label="Missing after (days unseen)" error={errors.days} hint="1 to 365. An entry whose device has not been seen for longer is counted as missing.">
        <input id="missing-days" name="days" type="number" min={1} max={365} step={1} required defaultValue={days} className={`${inputClass} w-32`} aria-describedby={errors.days ? "missing-days-error" : "missing-days-hint"} />
      </Field>
      <SubmitRow state={state} pending={pending} text="Save" pendingText="Saving…" className="flex flex-col gap-2 pb-5" />
    </form>
  );
}
