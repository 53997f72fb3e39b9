"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { inputClass } from "@/components/ui/field";

type Option = [value: string, label: string];

/**
 * One mode, changed in place: a select and a button. Choosing allow_listed shows the warning
 * before the change is sent, so nobody switches a kiosk off its keyboard by accident.
 */
export function EnforcementModeForm({ action, id, subject, current, options, warning }: { action: FormAction; id: string; subject: string; current: string; options: Option[]; warning: string }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const [chosen, setChosen] = useState(current);
  const fieldId = `enforcement-mode-${id}`;
  const error = Object.values(errors)[0];
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" aria-label={`Enforcement mode of ${subject}`}>
      <input type="hidden" name="id" value={id} />
      <label className="sr-only" htmlFor={fieldId}>Enforcement mode of {subject}</label>
      <select id={fieldId} name="mode" value={chosen} onChange={(e) => setChosen(e.target.value)} className={inputClass} aria-invalid={!!error}>
        {options.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
      <Button type="submit" variant="secondary" disabled={pending}>Set</Button>
      {chosen === "allow_listed" && current !== "allow_listed" && <p className="w-full text-xs font-medium text-amber-800" role="note">{warning}</p>}
      <ActionMessage state={state} className="w-full text-xs" />
      {error && <span className="w-full text-xs text-red-700">{error}</span>}
    </form>
  );
}
