"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/web/action-result";

/** What an action that makes a secret answers: the secret itself only this once, and whose it is. */
export type SecretResult = ActionResult & { name?: string };

/**
 * A form that makes a secret (an agent's token, an API key) and shows it once, to be copied now:
 * the server keeps only its hash. `children` are the fields, given the action's field errors.
 */
export function SecretOnceForm<R extends SecretResult>({ action, label, className, submit, secret, children }: {
  action: FormAction<R>;
  /** The form's accessible name and its layout. */
  label: string;
  className: string;
  /** The button's text, its text while the action runs, and the classes of its cell. */
  submit: { text: string; pending: string; className: string };
  /** Where the secret is in the answer, its test id, the words above it and, optionally, below it. */
  secret: { of: (state: R) => string | undefined; testId: string; intro: (name: string | undefined) => React.ReactNode; note?: React.ReactNode };
  children: (errors: Record<string, string>) => React.ReactNode;
}) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const shown = state ? secret.of(state) : undefined;
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className={className} aria-label={label}>
        {children(errors)}
        <div className={submit.className}>
          <Button type="submit" disabled={pending}>
            {pending ? submit.pending : submit.text}
          </Button>
        </div>
      </form>
      <ActionMessage state={state} />
      {shown && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">{secret.intro(state?.name)}</p>
          <code data-testid={secret.testId} className="mt-2 block break-all rounded bg-white p-2 font-mono text-xs text-slate-900 ring-1 ring-amber-200">
            {shown}
          </code>
          {secret.note}
        </div>
      )}
    </div>
  );
}
