"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";

/** "Roll back to this": asks once more (every device with vulnerabilities is rescored), then rolls back. */
export function FeedRollbackButton({ action, importId, version }: { action: FormAction; importId: string; version: string }) {
  const { state, formAction, pending } = useFormAction(action);
  const [asking, setAsking] = useState(false);
  if (state?.ok) return <ActionMessage state={state} className="text-xs" />;
  return (
    <form action={formAction} aria-label={`Roll back to ${version}`} className="flex flex-col items-start gap-1">
      <input type="hidden" name="importId" value={importId} />
      {/* Distinct keys: React must not turn the clicked button itself into the submit button, or the same click would submit. */}
      {asking ? (
        <Button key="confirm" type="submit" disabled={pending}>{pending ? "Rolling back…" : `Put ${version} back in force`}</Button>
      ) : (
        <Button key="ask" type="button" onClick={() => setAsking(true)}>Roll back to this</Button>
      )}
      <ActionMessage state={state} className="text-xs" />
    </form>
  );
}
