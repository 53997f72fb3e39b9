"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/web/action-result";

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function RevokeAcceptanceButton({ action, id }: { action: Action; id: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label="Revoke the risk acceptance">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Revoking…" : "Revoke acceptance"}</Button>
      {state?.message && <p role="status" className={`mt-1 text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.message}</p>}
    </form>
  );
}
