"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";

/**
 * Lifts a user's sign-in pauses and locks. The button shows only while there are some; the form
 * stays mounted so its answer is still read once the page no longer shows a lock.
 */
export function UserUnlockButton({ action, id, email, held }: { action: FormAction; id: string; email: string; held: boolean }) {
  const { state, formAction, pending } = useFormAction(action);
  if (!held && !state) return null;
  return (
    <form action={formAction} className="mt-1 flex items-center gap-2" aria-label={`Unlock ${email}`}>
      <input type="hidden" name="id" value={id} />
      {held && (
        <Button type="submit" variant="secondary" disabled={pending}>
          Unlock sign-in
        </Button>
      )}
      <ActionMessage state={state} className="text-xs" as="span" />
    </form>
  );
}
