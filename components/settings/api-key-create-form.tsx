"use client";

import { Field, inputClass } from "@/components/ui/field";
import { SecretOnceForm, type SecretResult } from "@/components/ui/secret-once";
import type { FormAction } from "@/components/ui/action-form";

/** What the create action answers: the key, this once. */
type CreateApiKeyResult = SecretResult & { secret?: string };

const KEY = {
  of: (state: CreateApiKeyResult) => state.secret,
  testId: "api-key-secret",
  intro: (name: string | undefined) => <>Key for {name} — copy it into the integration&apos;s configuration now; it cannot be shown again:</>,
  note: (
    <p className="mt-2 text-xs text-amber-900">
      Send it as <code>Authorization: Bearer &lt;key&gt;</code>. If it is lost, revoke it and create another.
    </p>
  ),
};

export function ApiKeyCreateForm({ action }: { action: FormAction<CreateApiKeyResult> }) {
  return (
    <SecretOnceForm action={action} label="Create an API key" className="grid gap-4 sm:grid-cols-[minmax(0,24rem)_minmax(0,16rem)_auto] sm:items-start" submit={{ text: "Create key", pending: "Creating…", className: "sm:pt-6" }} secret={KEY}>
      {(err) => (
        <>
          <Field id="api-key-name" label="Name" error={err.name} hint="Who will use it, e.g. “SIEM (Splunk) production”.">
            <input id="api-key-name" name="name" required minLength={3} maxLength={64} className={inputClass} aria-describedby={err.name ? "api-key-name-error" : "api-key-name-hint"} />
          </Field>
          <Field id="api-key-scope" label="Scope" error={err.scope} hint="Read: devices, alerts and the asset register. Asset register push: a CMMS writing and reading back its register, nothing else. Change plans: a CMMS work order opening a firmware change plan and reading plans back.">
            <select id="api-key-scope" name="scope" defaultValue="read" className={inputClass} aria-describedby={err.scope ? "api-key-scope-error" : "api-key-scope-hint"}>
              <option value="read">Read</option>
              <option value="assets:write">Asset register push (assets:write)</option>
              <option value="changes:write">Firmware change plans from a CMMS (changes:write)</option>
            </select>
          </Field>
        </>
      )}
    </SecretOnceForm>
  );
}
