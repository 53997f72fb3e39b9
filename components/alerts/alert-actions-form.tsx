"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ActionMessage, type FormAction } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/web/action-result";


/**
 * The alerts table (rendered by the server, its checkboxes named "id") inside one form with the
 * two bulk buttons: acknowledge the selected alerts, or resolve them with an optional note.
 */
export function AlertActionsForm({ acknowledge, resolve, children }: { acknowledge: FormAction; resolve: FormAction; children: React.ReactNode }) {
  // One form state for both buttons: the button pressed is sent as "op".
  const [state, formAction, pending] = useActionState(
    (previous: ActionResult | null, form: FormData) => (form.get("op") === "resolve" ? resolve(previous, form) : acknowledge(previous, form)),
    null,
  );
  return (
    <form action={formAction} aria-label="Alerts">
      <div className="mb-3 flex flex-wrap items-end gap-2">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-700">
          Note when resolving (optional, kept in the audit log)
          <input name="note" maxLength={500} className={inputClass} />
        </label>
        <Button type="submit" name="op" value="acknowledge" disabled={pending} variant="secondary">Acknowledge selected</Button>
        <Button type="submit" name="op" value="resolve" disabled={pending}>Resolve selected</Button>
      </div>
      <ActionMessage state={state} className="mb-3 text-sm" />
      {children}
    </form>
  );
}
