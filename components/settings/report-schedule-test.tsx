"use client";

import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";

/** Sends the last 7 days' report now to the saved target and shows what happened (the SMTP error in words). */
export function ReportScheduleTest({ action }: { action: FormAction }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} aria-label="Send a test report">
      <SubmitRow state={state} pending={pending} text="Send a test report now" pendingText="Sending… (printing the PDF takes a few seconds)" className="flex flex-col items-start gap-2" />
    </form>
  );
}
