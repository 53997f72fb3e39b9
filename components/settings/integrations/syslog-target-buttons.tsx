"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";

/** One button that sends the target's id (and any fixed fields) to an action, with its answer. */
export function SyslogTargetButton({ action, id, label, name, fields = {}, variant = "secondary" }: {
  action: FormAction;
  id: string;
  /** What the button says. */
  label: string;
  /** The target's name, for the form's accessible name. */
  name: string;
  fields?: Record<string, string>;
  variant?: "secondary" | "danger";
}) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex items-center gap-2" aria-label={`${label} ${name}`}>
      <input type="hidden" name="id" value={id} />
      {Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <Button type="submit" variant={variant} disabled={pending}>{label}</Button>
      <ActionMessage state={state} className="text-xs" as="span" />
    </form>
  );
}
