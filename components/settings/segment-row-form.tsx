"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { inputClass } from "@/components/ui/field";

export type SegmentRowData = {
  id: string;
  shown: string;
  reportedName: string;
  label: string | null;
  reportedBy: string | null;
  siteId: string;
  exposure: string;
  /** "set by … on …" or "guessed from its name" */
  exposureNote: string;
  devices: string;
};
export type SegmentActions = { rename: FormAction; exposure: FormAction; move: FormAction };
type Option = [value: string, label: string];

/** One small form: hidden id, one field, a button and the action's answer. */
function OneField({ action, id, label, button, children }: { action: FormAction; id: string; label: string; button: string; children: (fieldId: string, invalid: boolean) => React.ReactNode }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const fieldId = `${button.toLowerCase()}-${id}`;
  const error = Object.values(errors)[0];
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <label className="sr-only" htmlFor={fieldId}>{label}</label>
      {children(fieldId, !!error)}
      <Button type="submit" variant="secondary" disabled={pending}>{button}</Button>
      <ActionMessage state={state} className="w-full text-xs" />
      {error && <span className="w-full text-xs text-red-700">{error}</span>}
    </form>
  );
}

/** A segment in Settings → Sites and segments: its name, exposure class and site, each changed on its own. */
export function SegmentRowForm({ segment: s, sites, exposures, actions }: { segment: SegmentRowData; sites: Option[]; exposures: Option[]; actions: SegmentActions }) {
  return (
    <tr className="border-b border-slate-100 align-top" data-testid={`segment-${s.reportedName}`}>
      <td className="py-2 pr-4">
        <p className="font-medium">{s.shown}</p>
        <p className="mb-1 text-xs text-slate-500">
          {s.label ? `reported as ${s.reportedName}` : "as its agents report it"}
          {s.reportedBy ? ` · reported by agents of ${s.reportedBy}` : ""}
        </p>
        <OneField action={actions.rename} id={s.id} label={`Name shown for segment ${s.reportedName}`} button="Rename">
          {(fieldId, invalid) => <input id={fieldId} name="label" defaultValue={s.label ?? ""} placeholder={s.reportedName} maxLength={120} className={`${inputClass} w-40`} aria-invalid={invalid} />}
        </OneField>
      </td>
      <td className="py-2 pr-4">
        <OneField action={actions.exposure} id={s.id} label={`Exposure class of segment ${s.reportedName}`} button="Set">
          {(fieldId) => (
            <select id={fieldId} name="exposure" defaultValue={s.exposure} className={inputClass}>
              {exposures.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          )}
        </OneField>
        <p className="mt-1 text-xs text-slate-500">{s.exposureNote}</p>
      </td>
      <td className="py-2 pr-4">
        <OneField action={actions.move} id={s.id} label={`Site of segment ${s.reportedName}`} button="Move">
          {(fieldId) => (
            <select id={fieldId} name="siteId" defaultValue={s.siteId} className={inputClass}>
              {sites.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          )}
        </OneField>
      </td>
      <td className="py-2 tabular-nums">{s.devices}</td>
    </tr>
  );
}
