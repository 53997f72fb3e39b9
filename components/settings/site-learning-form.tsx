"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { inputClass } from "@/components/ui/field";

/**
 * A site's learning period: off, or until a date. Saving N days starts (or restarts) it from now;
 * 0 turns it off. `until`: the end, as words, when it is learning now.
 */
export function SiteLearningForm({ action, id, name, until, daysLeft }: { action: FormAction; id: string; name: string; until: string | null; daysLeft: number | null }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const inputId = `site-learning-${id}`;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2 text-sm" aria-label={`Learning period of ${name}`}>
      <input type="hidden" name="id" value={id} />
      <span className="text-slate-700" data-testid="learning-state">
        Learning period: {until ? <span className="font-medium text-amber-800">until {until} ({daysLeft} {daysLeft === 1 ? "day" : "days"} left)</span> : "off"}
      </span>
      <label htmlFor={inputId} className="text-xs text-slate-600">
        Days from now (0 = off)
      </label>
      <input id={inputId} name="days" type="number" min={0} max={90} step={1} defaultValue={until ? (daysLeft ?? 0) : 14} required className={`${inputClass} w-20`} aria-invalid={!!errors.days} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {until ? "Change learning period" : "Start learning period"}
      </Button>
      <ActionMessage state={state} className="text-xs" as="span" />
      {errors.days && <span className="text-xs text-red-700">{errors.days}</span>}
    </form>
  );
}
