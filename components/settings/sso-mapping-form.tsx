"use client";

import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Field, inputClass } from "@/components/ui/field";
import { RoleOptions } from "./role-options";

/** Map an identity-provider group to a role. */
export function SsoMappingForm({ action, groupsClaim }: { action: FormAction; groupsClaim: string }) {
  const { state, formAction, pending, errors: err } = useFormAction(action);
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 lg:items-start" aria-label="Map a group to a role">
      <Field id="sso-group" label="Group" error={err.group} hint={`Exactly as the provider sends it in the "${groupsClaim}" claim (Entra ID: the group's object id).`}>
        <input id="sso-group" name="group" required maxLength={256} className={inputClass} autoComplete="off" />
      </Field>
      <Field id="sso-role" label="Role" error={err.role}>
        <select id="sso-role" name="role" defaultValue="viewer" className={inputClass}>
          <RoleOptions />
        </select>
      </Field>
      <SubmitRow state={state} pending={pending} text="Add mapping" pendingText="Adding…" className="flex flex-col gap-2 lg:pt-6" />
    </form>
  );
}
