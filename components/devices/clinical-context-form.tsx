"use client";

import { SubmitRow, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Field, inputClass } from "@/components/ui/field";
import { CRITICALITIES, CRITICALITY_LABELS, PHI_HANDLING } from "@/lib/domain/words/vocabulary";

export type ClinicalContext = { criticality: string; phi: string; compensatingControls: number };

const PHI_LABELS: Record<(typeof PHI_HANDLING)[number], string> = { stores: "Stores PHI", transmits: "Transmits PHI", none: "No PHI" };

/** criticality is "default" while the device follows its category's default. */
export function ClinicalContextForm({ action, id, current, categoryDefault }: { action: FormAction; id: string; current: ClinicalContext; categoryDefault: string }) {
  const { state, formAction, pending, errors: err } = useFormAction(action);
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-2" aria-label="Clinical context">
      <input type="hidden" name="id" value={id} />
      <Field id="cc-criticality" label="Criticality" error={err.criticality}>
        <select id="cc-criticality" name="criticality" defaultValue={current.criticality} className={inputClass}>
          <option value="default">Category default ({categoryDefault})</option>
          {CRITICALITIES.map((c) => <option key={c} value={c}>{CRITICALITY_LABELS[c]}</option>)}
        </select>
      </Field>
      <Field id="cc-phi" label="PHI" error={err.phi}>
        <select id="cc-phi" name="phi" defaultValue={current.phi} className={inputClass}>
          {PHI_HANDLING.map((p) => <option key={p} value={p}>{PHI_LABELS[p]}</option>)}
        </select>
      </Field>
      <Field id="cc-controls" label="Compensating controls (0 to 0.5)" error={err.compensatingControls} hint="NAC quarantine, micro-segmentation…: 0.5 halves the likelihood, the most any control counts.">
        <input id="cc-controls" name="compensatingControls" type="number" min={0} max={0.5} step={0.05} required defaultValue={current.compensatingControls} className={inputClass} />
      </Field>
      <Field id="cc-note" label="Note (kept in the audit log)" error={err.note}>
        <input id="cc-note" name="note" maxLength={500} className={inputClass} />
      </Field>
      <SubmitRow state={state} pending={pending} text="Save clinical context" pendingText="Saving…" className="flex flex-wrap items-center gap-3 sm:col-span-2" />
    </form>
  );
}
