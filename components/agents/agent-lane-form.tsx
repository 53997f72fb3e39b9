"use client";

import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** Changes where an agent may report: its site and, optionally, its segments. */
export function AgentLaneForm({ action, id, name, site, segments }: { action: FormAction; id: string; name: string; site: string; segments: string[] | null }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-brand-700">Change lane</summary>
      <form action={formAction} className="mt-2 flex flex-col gap-2" aria-label={`Lane of ${name}`}>
        <input type="hidden" name="id" value={id} />
        <label className="flex flex-col gap-1">
          Site
          <input name="site" required maxLength={120} defaultValue={site} list="agent-sites" className={inputClass} />
          {errors.site && <span className="text-red-700">{errors.site}</span>}
        </label>
        <label className="flex flex-col gap-1">
          Segments (empty: every segment of the site)
          <input name="segments" maxLength={8000} defaultValue={segments?.join(", ") ?? ""} className={inputClass} />
          {errors.segments && <span className="text-red-700">{errors.segments}</span>}
        </label>
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save lane"}</Button>
        <ActionMessage state={state} className="text-xs" />
      </form>
    </details>
  );
}
