"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ActionMessage, type FormAction } from "@/components/ui/action-form";
import { Field, inputClass } from "@/components/ui/field";
import { CATEGORY_LABELS } from "@/lib/domain/words/vocabulary";
import { POLICY_KIND_WORDS } from "./policy-words";

type Option = { id: string; name: string };
/** "Allow exactly this device": the policies of its kind it may be added to, and the one chosen first ("" for a new policy). */
export type AddTo = { options: Option[]; selected: string };
export type PolicyFormValues = { id?: string; kind: "baseline" | "usb_allow"; name: string; scope: string; categories: string[]; vendors: string; fingerprints: string; entries: string; registeredOnly?: boolean };

const EMPTY: PolicyFormValues = { kind: "usb_allow", name: "", scope: "", categories: [], vendors: "", fingerprints: "", entries: "" };

/**
 * Creates a policy, or edits one (`values.id` set; its kind then stays), or adds one device's
 * entry to a policy the person chooses (`addTo`; the kind is the device's). The fields shown
 * follow the kind; every problem is reported beside the field that holds it.
 */
export function PolicyForm({ action, preview, sites, segments, values = EMPTY, label, addTo }: { action: FormAction; preview?: FormAction; sites: Option[]; segments: Option[]; values?: PolicyFormValues; label: string; addTo?: AddTo }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [previewState, previewAction, previewing] = useActionState(preview ?? action, null);
  const [kind, setKind] = useState(values.kind);
  const [target, setTarget] = useState(addTo?.selected ?? "");
  const err = { ...previewState?.fieldErrors, ...state?.fieldErrors };
  const key = values.id ?? (addTo ? "exact" : "new");
  const id = (name: string) => `policy-${key}-${name}`;
  const formRef = useRef<HTMLFormElement>(null);
  // Submitted by hand rather than through `action`, so that a refused form keeps what was typed
  // (React resets a form after its action); a created policy clears the form for the next one.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  // The dry run: the same fields, answered with what saving would change, nothing written.
  const runPreview = () => {
    if (!formRef.current || !preview) return;
    const data = new FormData(formRef.current);
    startTransition(() => previewAction(data));
  };
  useEffect(() => {
    if (state?.ok && !values.id) formRef.current?.reset();
  }, [state, values.id]);
  return (
    <form ref={formRef} onSubmit={submit} className="grid gap-3 md:grid-cols-2" aria-label={label}>
      {values.id && <input type="hidden" name="id" value={values.id} />}
      {addTo && (
        <Field id={id("addTo")} label="Add to" error={err.addTo} hint="The policy keeps its name and scope; this device's entry is added to its list.">
          <select id={id("addTo")} name="addTo" value={target} onChange={(e) => setTarget(e.target.value)} className={inputClass}>
            <option value="">A new {POLICY_KIND_WORDS[kind]?.name ?? "policy"}</option>
            {addTo.options.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </Field>
      )}
      {values.id || addTo ? (
        <input type="hidden" name="kind" value={kind} />
      ) : (
        <Field id={id("kind")} label="Kind" error={err.kind} hint={POLICY_KIND_WORDS[kind]?.explain}>
          <select id={id("kind")} name="kind" value={kind} onChange={(e) => setKind(e.target.value as PolicyFormValues["kind"])} className={inputClass}>
            {Object.entries(POLICY_KIND_WORDS).map(([k, w]) => <option key={k} value={k}>{w.name}</option>)}
          </select>
        </Field>
      )}
      {!target && (
        <>
          <Field id={id("name")} label="Name" error={err.name}>
            <input id={id("name")} name="name" required maxLength={120} defaultValue={values.name} className={inputClass} aria-invalid={!!err.name} />
          </Field>
          <Field id={id("scope")} label="Applies to" error={err.scope} hint="A segment narrows a policy to one network segment; otherwise it covers the site, or every site.">
            <select id={id("scope")} name="scope" defaultValue={values.scope} className={inputClass}>
              <option value="">Every site</option>
              {sites.length > 0 && <optgroup label="Site">{sites.map((s) => <option key={s.id} value={`site:${s.id}`}>{s.name}</option>)}</optgroup>}
              {segments.length > 0 && <optgroup label="Segment">{segments.map((s) => <option key={s.id} value={`segment:${s.id}`}>{s.name}</option>)}</optgroup>}
            </select>
          </Field>
        </>
      )}
      {kind === "usb_allow" ? (
        <Field id={id("entries")} label="Allowed USB devices, one a line" error={err.entries} hint="vendor:product in hexadecimal, as the device reports it (e.g. 046d:c31c); add :SERIAL for one serial number; add interfaces=, hid= or fingerprint= (16 or 64 hexadecimal characters) to allow only a device measured so.">
          <textarea id={id("entries")} name="entries" rows={4} defaultValue={values.entries} className={`${inputClass} font-mono`} aria-invalid={!!err.entries} />
        </Field>
      ) : target ? (
        <FingerprintsField id={id("fingerprints")} error={err.fingerprints} value={values.fingerprints} />
      ) : (
        <>
          <fieldset className="md:col-span-2">
            <legend className="text-sm font-medium text-slate-800">Allowed categories (none ticked: any category)</legend>
            <div className="mt-1 grid grid-cols-2 gap-1 text-sm sm:grid-cols-3 lg:grid-cols-4">
              {Object.entries(CATEGORY_LABELS).map(([value, text]) => (
                <label key={value} className="flex items-center gap-2">
                  <input type="checkbox" name="categories" value={value} defaultChecked={values.categories.includes(value)} /> {text}
                </label>
              ))}
            </div>
            {(err.categories || err.rules) && <p role="alert" className="mt-1 text-xs text-red-700">{err.categories ?? err.rules}</p>}
          </fieldset>
          <Field id={id("vendors")} label="Allowed vendors, one a line (empty: any vendor)" error={err.vendors}>
            <textarea id={id("vendors")} name="vendors" rows={3} defaultValue={values.vendors} className={inputClass} aria-invalid={!!err.vendors} />
          </Field>
          <FingerprintsField id={id("fingerprints")} error={err.fingerprints} value={values.fingerprints} />
          <label htmlFor={id("registeredOnly")} className="flex items-start gap-2 text-sm md:col-span-2">
            <input id={id("registeredOnly")} type="checkbox" name="registeredOnly" defaultChecked={!!values.registeredOnly} className="mt-0.5" />
            <span>
              <span className="font-medium text-slate-800">Unregistered devices are not allowed</span>
              <span className="block text-xs text-slate-600">A device that no asset register entry is linked with (a shadow asset) is unauthorized, with the reason &ldquo;not in the asset register&rdquo;; once linked it returns to pending.</span>
            </span>
          </label>
          {err.registeredOnly && <p role="alert" className="text-xs text-red-700 md:col-span-2">{err.registeredOnly}</p>}
        </>
      )}
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        {preview && !target && (
          <Button type="button" variant="secondary" onClick={runPreview} disabled={previewing}>{previewing ? "Checking devices…" : "Preview"}</Button>
        )}
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : values.id || target ? "Save policy" : "Create policy"}</Button>
        <ActionMessage state={state} />
      </div>
      {preview && previewState && (
        <p role="status" data-testid="policy-preview" className={`text-sm md:col-span-2 ${previewState.ok ? "text-slate-800" : "text-red-700"}`}>{previewState.message}</p>
      )}
    </form>
  );
}

function FingerprintsField({ id, error, value }: { id: string; error?: string; value: string }) {
  return (
    <Field id={id} label="Allowed physical fingerprints, one a line (empty: any)" error={error} hint="The fingerprint ids a device's fingerprint history shows (16 characters) or their full 64-character hashes.">
      <textarea id={id} name="fingerprints" rows={3} defaultValue={value} className={`${inputClass} font-mono text-xs`} aria-invalid={!!error} />
    </Field>
  );
}
