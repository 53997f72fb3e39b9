"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { CreateApiKeyResult } from "@/app/(dashboard)/settings/api-keys/actions";

type Action = (previous: CreateApiKeyResult | null, form: FormData) => Promise<CreateApiKeyResult>;

export function ApiKeyCreateForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const err = state?.fieldErrors ?? {};
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-[minmax(0,24rem)_auto] sm:items-start" aria-label="Create an API key">
        <Field id="api-key-name" label="Name" error={err.name} hint="Who will use it, e.g. “SIEM (Splunk) production”.">
          <input id="api-key-name" name="name" required minLength={3} maxLength={64} className={inputClass} aria-describedby={err.name ? "api-key-name-error" : "api-key-name-hint"} />
        </Field>
        <div className="sm:pt-6">
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create key"}
          </Button>
        </div>
      </form>
      {state?.message && (
        <p role="status" className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
          {state.message}
        </p>
      )}
      {state?.secret && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">Key for {state.name} — copy it into the integration&apos;s configuration now; it cannot be shown again:</p>
          <code data-testid="api-key-secret" className="mt-2 block break-all rounded bg-white p-2 font-mono text-xs text-slate-900 ring-1 ring-amber-200">
            {state.secret}
          </code>
          <p className="mt-2 text-xs text-amber-900">
            Send it as <code>Authorization: Bearer &lt;key&gt;</code>. If it is lost, revoke it and create another.
          </p>
        </div>
      )}
    </div>
  );
}
