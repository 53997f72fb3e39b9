"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";

/** One button that sends an id (and any fixed fields) to an action, with its answer beside it. */
export function WebhookButton({ action, id, label, name, fields = {}, confirm }: {
  action: FormAction;
  id: string;
  label: string;
  /** What it acts on, for the form's accessible name. */
  name: string;
  fields?: Record<string, string>;
  /** Asked first, for what cannot be taken back. */
  confirm?: string;
}) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form
      action={formAction}
      className="flex items-center gap-2"
      aria-label={`${label} ${name}`}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      {Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <Button type="submit" variant="secondary" disabled={pending}>{label}</Button>
      <ActionMessage state={state} className="text-xs" as="span" />
    </form>
  );
}
