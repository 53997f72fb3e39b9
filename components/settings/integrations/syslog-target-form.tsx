"use client";

import { useState } from "react";
import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Field, inputClass } from "@/components/ui/field";
import { MinSeverityField } from "./severity-field";

/** A target's settings as the form shows them (a new target: the defaults). */
export type SyslogTargetFields = {
  id?: string;
  name: string;
  host: string;
  port: number;
  transport: string;
  format: string;
  alerts: boolean;
  audit: boolean;
  minSeverity: string;
  caPem: string;
};

export const NEW_SYSLOG_TARGET: SyslogTargetFields = { name: "", host: "", port: 6514, transport: "tls", format: "cef", alerts: true, audit: true, minSeverity: "medium", caPem: "" };

const TRANSPORTS: [string, string, number][] = [
  ["tls", "TLS (RFC 5425, encrypted)", 6514],
  ["tcp", "TCP (RFC 6587, plain text)", 514],
  ["udp", "UDP (plain text, may be lost)", 514],
];
const FORMATS: [string, string][] = [
  ["cef", "CEF (Splunk, QRadar, ArcSight)"],
  ["json", "JSON (the event as one line)"],
];

/** Add a syslog target, or edit one: the CA field shows for TLS only. */
export function SyslogTargetForm({ action, initial }: { action: FormAction; initial: SyslogTargetFields }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const [transport, setTransport] = useState(initial.transport);
  const [port, setPort] = useState(String(initial.port));
  const p = initial.id ? `syslog-${initial.id}` : "syslog-new";
  const chooseTransport = (next: string) => {
    // The well-known port follows the transport until a person types their own.
    const known = TRANSPORTS.map(([, , n]) => String(n));
    if (known.includes(port)) setPort(String(TRANSPORTS.find(([t]) => t === next)?.[2] ?? port));
    setTransport(next);
  };
  return (
    <form action={formAction} className="grid gap-3 md:grid-cols-3" aria-label={initial.id ? `Edit syslog target ${initial.name}` : "Add a syslog target"}>
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <Field id={`${p}-name`} label="Name" error={errors.name}>
        <input id={`${p}-name`} name="name" defaultValue={initial.name} maxLength={100} required className={inputClass} placeholder="SOC Splunk" />
      </Field>
      <Field id={`${p}-host`} label="Host" error={errors.host} hint="Host name or IP address of the receiver.">
        <input id={`${p}-host`} name="host" defaultValue={initial.host} maxLength={253} required className={inputClass} placeholder="siem.example.org" />
      </Field>
      <Field id={`${p}-port`} label="Port" error={errors.port}>
        <input id={`${p}-port`} name="port" type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} required className={inputClass} />
      </Field>
      <Field id={`${p}-transport`} label="Transport" error={errors.transport}>
        <select id={`${p}-transport`} name="transport" value={transport} onChange={(e) => chooseTransport(e.target.value)} className={inputClass}>
          {TRANSPORTS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </Field>
      <Field id={`${p}-format`} label="Format" error={errors.format}>
        <select id={`${p}-format`} name="format" defaultValue={initial.format} className={inputClass}>
          {FORMATS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </Field>
      <MinSeverityField idPrefix={p} value={initial.minSeverity} error={errors.minSeverity} />
      <fieldset className="flex flex-col gap-1 md:col-span-3">
        <legend className="text-sm font-medium text-slate-800">Send</legend>
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="alerts" defaultChecked={initial.alerts} /> Alerts (at or above the severity)</label>
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="audit" defaultChecked={initial.audit} /> Audit events and block/allow decisions</label>
        {errors.events && <p className="text-xs text-red-700" role="alert">{errors.events}</p>}
      </fieldset>
      {transport === "tls" && (
        <div className="md:col-span-3">
          <Field id={`${p}-caPem`} label="CA certificate (PEM)" error={errors.caPem} hint="The CA that signed the receiver's certificate. Empty: the CAs Node.js trusts. The certificate is always verified.">
            <textarea id={`${p}-caPem`} name="caPem" defaultValue={initial.caPem} rows={4} maxLength={16384} className={`${inputClass} font-mono text-xs`} placeholder="-----BEGIN CERTIFICATE-----" />
          </Field>
        </div>
      )}
      <SubmitRow state={state} pending={pending} text={initial.id ? "Save" : "Add target"} pendingText="Saving…" className="flex items-center gap-3 md:col-span-3" />
    </form>
  );
}
