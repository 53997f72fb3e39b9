"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";


/** Turn a policy on or off, or delete it (behind a second, explicit click). */
export function PolicyRowActions({ toggle, remove, id, name, enabled }: { toggle: FormAction; remove: FormAction; id: string; name: string; enabled: boolean }) {
  const { state: toggled, formAction: toggleAction, pending: toggling } = useFormAction(toggle);
  const { state: removed, formAction: removeAction, pending: removing } = useFormAction(remove);
  return (
    <div className="flex flex-col items-start gap-2">
      <form action={toggleAction} aria-label={`Turn ${name} ${enabled ? "off" : "on"}`}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
        <Button type="submit" variant="secondary" disabled={toggling}>{enabled ? "Turn off" : "Turn on"}</Button>
      </form>
      <ActionMessage state={toggled} className="text-xs" />
      <details>
        <summary className="cursor-pointer text-xs text-red-700 underline">Delete…</summary>
        <form action={removeAction} className="mt-2" aria-label={`Delete ${name}`}>
          <input type="hidden" name="id" value={id} />
          <p className="mb-2 text-xs text-slate-600">The devices it covers are re-evaluated at once: those it alone made unauthorized return to pending.</p>
          <Button type="submit" variant="danger" disabled={removing}>Delete this policy</Button>
        </form>
      </details>
      <ActionMessage state={removed} className="text-xs" />
    </div>
  );
}
