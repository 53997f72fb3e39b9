"use client";

import { startTransition, type FormEvent } from "react";
import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Field, inputClass } from "@/components/ui/field";

export type DevicePlace = { location: string | null; department: string | null; owner: string | null };

const FIELDS = [
  ["location", "Location", "Building, floor, room or bed, e.g. ICU bed 12"],
  ["department", "Department", "e.g. Intensive care"],
  ["owner", "Owner", "The person or team who answers for it, e.g. Biomed team"],
] as const;

/** Where a device is and who answers for it; an emptied field is cleared. */
export function DeviceLocationForm({ action, id, current }: { action: FormAction; id: string; current: DevicePlace }) {
  const { state, formAction, pending, errors: err } = useFormAction(action);
  // Submitted by hand rather than through `action`, so that a refused form keeps what was typed.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-3" aria-label="Location and owner">
      <input type="hidden" name="id" value={id} />
      {FIELDS.map(([name, text, hint]) => (
        <Field key={name} id={`place-${name}`} label={text} error={err[name]} hint={hint}>
          <input id={`place-${name}`} name={name} maxLength={120} defaultValue={current[name] ?? ""} className={inputClass} aria-invalid={!!err[name]} />
        </Field>
      ))}
      <SubmitRow state={state} pending={pending} text="Save location and owner" pendingText="Saving…" className="flex flex-wrap items-center gap-3 sm:col-span-3" />
    </form>
  );
}
