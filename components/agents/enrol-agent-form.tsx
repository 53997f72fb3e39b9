"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { EnrolResult } from "@/app/(dashboard)/agents/actions";

type Action = (previous: EnrolResult | null, form: FormData) => Promise<EnrolResult>;

export function EnrolAgentForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const err = state?.fieldErrors ?? {};
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-start" aria-label="Enrol an agent">
        <Field id="agent-name" label="Agent name" error={err.name} hint="e.g. sensor-icu-01">
          <input id="agent-name" name="name" required maxLength={64} pattern="[A-Za-z0-9._\-]+" className={inputClass} />
        </Field>
        <Field id="agent-site" label="Site (optional)" error={err.site}>
          <input id="agent-site" name="site" maxLength={120} className={inputClass} />
        </Field>
        <Field id="agent-interval" label="Reports every (seconds)" error={err.expectedIntervalSeconds} hint="Offline after two missed intervals.">
          <input id="agent-interval" name="interval" type="number" min={10} max={86400} defaultValue={300} className={inputClass} />
        </Field>
        <div className="lg:pt-6">
          <Button type="submit" disabled={pending}>
            {pending ? "Enrolling…" : "Enrol agent"}
          </Button>
        </div>
      </form>
      {state?.message && (
        <p role="status" className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
          {state.message}
        </p>
      )}
      {state?.token && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">Token for {state.name} — copy it into the agent&apos;s configuration now:</p>
          <code data-testid="agent-token" className="mt-2 block break-all rounded bg-white p-2 font-mono text-xs text-slate-900 ring-1 ring-amber-200">
            {state.token}
          </code>
        </div>
      )}
    </div>
  );
}
