"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/web/action-result";

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function ApiKeyRevokeButton({ action, id, name }: { action: Action; id: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`Revoke the API key ${name}? Integrations using it are refused from now on.`)) event.preventDefault();
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
