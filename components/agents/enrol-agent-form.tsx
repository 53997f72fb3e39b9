"use client";

import { Field, inputClass } from "@/components/ui/field";
import { SecretOnceForm, type SecretResult } from "@/components/ui/secret-once";
import type { FormAction } from "@/components/ui/action-form";

/** What the enrol action answers: the agent's token, this once. */
type EnrolResult = SecretResult & { token?: string };

const TOKEN = {
  of: (state: EnrolResult) => state.token,
  testId: "agent-token",
  intro: (name: string | undefined) => <>Token for {name} — copy it into the agent&apos;s configuration now:</>,
};

/** `sites`: the existing sites, offered as the site field's suggestions (a new name makes a new site). */
export function EnrolAgentForm({ action, sites }: { action: FormAction<EnrolResult>; sites: string[] }) {
  return (
    <SecretOnceForm action={action} label="Enrol an agent" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-start" submit={{ text: "Enrol agent", pending: "Enrolling…", className: "lg:pt-6" }} secret={TOKEN}>
      {(err) => (
        <>
          <Field id="agent-name" label="Agent name" error={err.name} hint="e.g. sensor-icu-01">
            <input id="agent-name" name="name" required maxLength={64} pattern="[A-Za-z0-9._\-]+" className={inputClass} />
          </Field>
          <Field id="agent-site" label="Site" error={err.site} hint="Where it reports; a new name makes a new site.">
            <input id="agent-site" name="site" required maxLength={120} list="agent-sites" className={inputClass} />
          </Field>
          <datalist id="agent-sites">
            {sites.map((s) => <option key={s} value={s} />)}
          </datalist>
          <Field id="agent-segments" label="Segments (optional)" error={err.segments} hint="As the agent reports them, e.g. ICU-VLAN-20, ICU-VLAN-21; empty: every segment of the site.">
            <input id="agent-segments" name="segments" maxLength={8000} className={inputClass} />
          </Field>
          <Field id="agent-interval" label="Reports every (seconds)" error={err.expectedIntervalSeconds} hint="Offline after two missed intervals.">
            <input id="agent-interval" name="interval" type="number" min={10} max={86400} defaultValue={300} className={inputClass} />
          </Field>
        </>
      )}
    </SecretOnceForm>
  );
}
