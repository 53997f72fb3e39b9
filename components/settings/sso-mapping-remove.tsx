"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";

/** Remove a group's mapping: its members keep their role until their next sign-in. */
export function SsoMappingRemove({ action, id, group }: { action: FormAction; id: string; group: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex items-center gap-2" aria-label={`Remove the mapping of ${group}`}>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Remove
      </Button>
      <ActionMessage state={state} className="text-xs" as="span" />
    </form>
  );
}
