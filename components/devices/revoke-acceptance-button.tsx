"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";


export function RevokeAcceptanceButton({ action, id }: { action: FormAction; id: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} aria-label="Revoke the risk acceptance">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Revoking…" : "Revoke acceptance"}</Button>
      <ActionMessage state={state} className="mt-1 text-sm" />
    </form>
  );
}
