"use client";

import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";

/** "Update now": runs feeds:update on the server and says how each feed went. */
export function FeedUpdateButton({ action }: { action: FormAction }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} aria-label="Update the feeds now">
      <SubmitRow state={state} pending={pending} text="Update now" pendingText="Updating… (this can take a minute)" className="flex flex-wrap items-center gap-3" />
    </form>
  );
}
