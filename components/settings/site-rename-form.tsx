"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { inputClass } from "@/components/ui/field";

/** A site's name, changed in place. */
export function SiteRenameForm({ action, id, name }: { action: FormAction; id: string; name: string }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" aria-label={`Rename site ${name}`}>
      <input type="hidden" name="id" value={id} />
      <label className="sr-only" htmlFor={`site-name-${id}`}>
        Name of site {name}
      </label>
      <input id={`site-name-${id}`} name="name" defaultValue={name} maxLength={120} required className={inputClass} aria-invalid={!!errors.name} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Rename
      </Button>
      <ActionMessage state={state} className="text-xs" as="span" />
      {errors.name && <span className="text-xs text-red-700">{errors.name}</span>}
    </form>
  );
}
