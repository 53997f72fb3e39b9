"use client";

// The scheduled CISO report's settings: when, which site, and where it goes (e-mail through an
// SMTP server, or a folder). The SMTP password is never sent back to the page: blank keeps it.
import { startTransition, useEffect, useRef, type FormEvent } from "react";
import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ReportScheduleView } from "@/lib/domain/integrations/scheduled-report";

type Props = { action: FormAction; schedule: ReportScheduleView; sites: { id: string; name: string }[] };

export function ReportScheduleForm({ action, schedule: s, sites }: Props) {
  const { state, formAction, pending, errors: err } = useFormAction(action);
  const password = useRef<HTMLInputElement>(null);
  // Submitted by hand rather than through `action`: React resets a form after its action, which
  // put every select back to the saved value after a refused save. Now the form keeps what the
  // person chose, and only the password is cleared once saved (it is never shown again).
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  useEffect(() => {
    if (state?.ok && password.current) password.current.value = "";
  }, [state]);
  return (
    <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" aria-label="Scheduled report settings">
      <Field id="rs-cadence" label="Send the report" error={err.cadence} hint="Weekly: Mondays, the 7 days before. Monthly: the 1st, the month before. From 06:00 UTC.">
        <select id="rs-cadence" name="cadence" defaultValue={s.cadence} className={inputClass}>
          <option value="off">Off</option>
          <option value="weekly">Weekly</option>
          <option value="monthly">Monthly</option>
        </select>
      </Field>
      <Field id="rs-site" label="Site" error={err.siteId}>
        <select id="rs-site" name="siteId" defaultValue={s.siteId ?? ""} className={inputClass}>
          <option value="">All sites</option>
          {sites.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </Field>
      <Field id="rs-delivery" label="Deliver by" error={err.delivery}>
        <select id="rs-delivery" name="delivery" defaultValue={s.delivery} className={inputClass}>
          <option value="email">E-mail (PDF attached)</option>
          <option value="folder">Writing the PDF into a folder</option>
        </select>
      </Field>
      <Field id="rs-folder" label="Folder (folder delivery)" error={err.folder} hint="An absolute path on the dashboard's server that it may write to; files are named ciso-report-<site|all>-<date>.pdf.">
        <input id="rs-folder" name="folder" defaultValue={s.folder ?? ""} maxLength={500} className={inputClass} autoComplete="off" />
      </Field>
      <Field id="rs-recipients" label="Recipients (e-mail delivery)" error={err.recipients} hint="E-mail addresses, separated by commas; at most 20.">
        <input id="rs-recipients" name="recipients" defaultValue={s.recipients.join(", ")} maxLength={2000} className={inputClass} autoComplete="off" />
      </Field>
      <Field id="rs-from" label="From address" error={err.smtpFrom}>
        <input id="rs-from" name="smtpFrom" type="email" defaultValue={s.smtp?.from ?? ""} maxLength={254} className={inputClass} autoComplete="off" />
      </Field>
      <Field id="rs-host" label="SMTP server" error={err.smtpHost}>
        <input id="rs-host" name="smtpHost" defaultValue={s.smtp?.host ?? ""} maxLength={255} className={inputClass} autoComplete="off" />
      </Field>
      <Field id="rs-port" label="SMTP port" error={err.smtpPort}>
        <input id="rs-port" name="smtpPort" type="number" min={1} max={65535} defaultValue={s.smtp?.port ?? 587} className={inputClass} />
      </Field>
      <Field id="rs-security" label="Connection security" error={err.smtpSecurity}>
        <select id="rs-security" name="smtpSecurity" defaultValue={s.smtp?.security ?? "starttls"} className={inputClass}>
          <option value="starttls">STARTTLS (usually port 587)</option>
          <option value="tls">TLS from the start (usually port 465)</option>
          <option value="none">None (a relay on a trusted network only)</option>
        </select>
      </Field>
      <Field id="rs-user" label="SMTP user name" error={err.smtpUser} hint="Blank when the server needs no sign-in.">
        <input id="rs-user" name="smtpUser" defaultValue={s.smtp?.user ?? ""} maxLength={255} className={inputClass} autoComplete="off" />
      </Field>
      <Field id="rs-password" label="SMTP password" error={err.smtpPassword} hint={s.smtp?.passwordSet ? "A password is set and kept encrypted; leave blank to keep it." : "Kept encrypted; never shown again."}>
        <input ref={password} id="rs-password" name="smtpPassword" type="password" maxLength={255} className={inputClass} autoComplete="new-password" />
      </Field>
      <SubmitRow state={state} pending={pending} text="Save schedule" pendingText="Saving…" className="flex flex-col gap-2 md:col-span-2" />
    </form>
  );
}
