"use client";

import { Button } from "@/components/ui/button";
import { useFormAction, type FormAction } from "@/components/ui/action-form";

/** Revokes one thing (an agent, an API key) after the person confirms `question`; says why if refused. */
export function ConfirmRevokeButton({ action, id, name, question }: { action: FormAction; id: string; name: string; question: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(question)) event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="danger" disabled={pending} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
      {state && !state.ok && <span role="status" className="ml-2 text-xs text-red-700">{state.message}</span>}
    </form>
  );
}
