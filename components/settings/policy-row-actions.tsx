"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/web/action-result";

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

function Message({ state }: { state: ActionResult | null }) {
  return state?.message ? <p role="status" className={`text-xs ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.message}</p> : null;
}

/** Turn a policy on or off, or delete it (behind a second, explicit click). */
export function PolicyRowActions({ toggle, remove, id, name, enabled }: { toggle: Action; remove: Action; id: string; name: string; enabled: boolean }) {
  const [toggled, toggleAction, toggling] = useActionState(toggle, null);
  const [removed, removeAction, removing] = useActionState(remove, null);
  return (
    <div className="flex flex-col items-start gap-2">
      <form action={toggleAction} aria-label={`Turn ${name} ${enabled ? "off" : "on"}`}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
        <Button type="submit" variant="secondary" disabled={toggling}>{enabled ? "Turn off" : "Turn on"}</Button>
      </form>
      <Message state={toggled} />
      <details>
        <summary className="cursor-pointer text-xs text-red-700 underline">Delete…</summary>
        <form action={removeAction} className="mt-2" aria-label={`Delete ${name}`}>
          <input type="hidden" name="id" value={id} />
          <p className="mb-2 text-xs text-slate-600">Devices it made unauthorized stay so until their next report.</p>
          <Button type="submit" variant="danger" disabled={removing}>Delete this policy</Button>
        </form>
      </details>
      <Message state={removed} />
    </div>
  );
}
