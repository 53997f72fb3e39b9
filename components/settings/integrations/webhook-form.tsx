"use client";

import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Field, inputClass } from "@/components/ui/field";
import { MinSeverityField } from "./severity-field";
import { SecretOnceForm } from "@/components/ui/secret-once";
import type { ActionResult } from "@/lib/web/action-result";
import { ALERT_KIND_OPTIONS, DECISION_KIND_OPTIONS } from "./webhook-kinds";

/** A webhook's settings as the form shows them (a new one: the defaults). */
export type WebhookFields = { id?: string; name: string; url: string; kinds: string[]; minSeverity: string };
export const NEW_WEBHOOK: WebhookFields = { name: "", url: "", kinds: ["spoof", "unauthorized", "blocked_returned", "device.blocked", "device.allowed"], minSeverity: "medium" };

type SecretAnswer = ActionResult & { secret?: string; name?: string };

function Fields({ initial, errors }: { initial: WebhookFields; errors: Record<string, string> }) {
  const p = initial.id ? `webhook-${initial.id}` : "webhook-new";
  const kindError = Object.entries(errors).find(([k]) => k === "kinds" || k.startsWith("kinds."))?.[1];
  const box = ([value, label]: readonly [string, string]) => (
    <label key={value} className="flex items-center gap-2 text-sm">
      <input type="checkbox" name="kinds" value={value} defaultChecked={initial.kinds.includes(value)} /> {label}
    </label>
  );
  return (
    <>
      <Field id={`${p}-name`} label="Name" error={errors.name} hint="e.g. “PacketFence quarantine” or “SOC Teams channel”.">
        <input id={`${p}-name`} name="name" defaultValue={initial.name} minLength={3} maxLength={64} required className={inputClass} />
      </Field>
      <Field id={`${p}-url`} label="URL" error={errors.url} hint="https:// (or http:// inside the hospital network). Redirects are not followed.">
        <input id={`${p}-url`} name="url" type="url" defaultValue={initial.url} maxLength={2048} required className={inputClass} placeholder="https://nac.example.org/hooks/iomt" />
      </Field>
      <MinSeverityField idPrefix={p} value={initial.minSeverity} error={errors.minSeverity} />
      <fieldset className="flex flex-col gap-1 md:col-span-3">
        <legend className="text-sm font-medium text-slate-800">Alerts</legend>
        <div className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">{ALERT_KIND_OPTIONS.map(box)}</div>
      </fieldset>
      <fieldset className="flex flex-col gap-1 md:col-span-3">
        <legend className="text-sm font-medium text-slate-800">Decisions and audit (sent whatever their severity)</legend>
        <div className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">{DECISION_KIND_OPTIONS.map(box)}</div>
        {kindError && <p className="text-xs text-red-700" role="alert">{kindError}</p>}
      </fieldset>
    </>
  );
}

const SECRET = {
  of: (state: SecretAnswer) => state.secret,
  testId: "webhook-secret",
  intro: (name: string | undefined) => <>Signing secret for {name}: copy it into the receiver now; it cannot be shown again:</>,
  note: (
    <p className="mt-2 text-xs text-amber-900">
      The receiver checks <code>x-iomt-signature</code> with it (HMAC-SHA256 of <code>&lt;x-iomt-timestamp&gt;.&lt;body&gt;</code>). If it is lost, rotate it.
    </p>
  ),
};

/** Add a webhook: the signing secret is shown once, below the form. */
export function WebhookCreateForm({ action }: { action: FormAction<SecretAnswer> }) {
  return (
    <SecretOnceForm action={action} label="Add a webhook" className="grid gap-3 md:grid-cols-3" submit={{ text: "Add webhook", pending: "Adding…", className: "md:col-span-3" }} secret={SECRET}>
      {(errors) => <Fields initial={NEW_WEBHOOK} errors={errors} />}
    </SecretOnceForm>
  );
}

/** Edit a webhook's name, URL, events and severity (its secret changes only by rotation). */
export function WebhookEditForm({ action, initial }: { action: FormAction; initial: WebhookFields }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  return (
    <form action={formAction} className="grid gap-3 md:grid-cols-3" aria-label={`Edit webhook ${initial.name}`}>
      <input type="hidden" name="id" value={initial.id} />
      <Fields initial={initial} errors={errors} />
      <SubmitRow state={state} pending={pending} text="Save" pendingText="Saving…" className="flex items-center gap-3 md:col-span-3" />
    </form>
  );
}

/** Rotate the secret: the new one is shown once, beside the button. */
export function WebhookRotateForm({ action, id, name }: { action: FormAction<SecretAnswer>; id: string; name: string }) {
  return (
    <SecretOnceForm action={action} label={`Rotate the secret of ${name}`} className="flex items-center gap-2" submit={{ text: "Rotate secret", pending: "Rotating…", className: "" }} secret={SECRET}>
      {() => <input type="hidden" name="id" value={id} />}
    </SecretOnceForm>
  );
}
