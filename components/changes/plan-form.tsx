"use client";
// The plan form: the devices (a device or a fleet, fixed by the link that opened it), the advisories
// it is meant to close (suggested), the target version, the window in local time and its zone, the
// reason, the release note, the contingency and the downtime. "Preview" shows what the change
// clears; "Submit for approval" is offered only once the preview matches the target typed. Enter in
// a text box submits nothing.
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { ActionMessage, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { noSubmitOnEnter } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import { CONTINGENCY_WORDS } from "@/lib/domain/words/change-words";
import type { AdvisorySuggestion, ChangePreview } from "@/lib/vulns/change-preview";
import type { ActionResult } from "@/lib/web/action-result";
import { PlanPreview } from "./plan-preview";

export type PlanSelection = { kind: "devices"; deviceIds: string[] } | { kind: "filter"; vendor: string; model: string; firmware?: string; site?: string };
type PreviewResult = ActionResult & { preview?: ChangePreview; target?: string; shown?: number };
type PlanResult = ActionResult & { planId?: string };

const labelClass = "flex flex-col gap-1 text-sm font-medium text-slate-800";
const hintClass = "text-xs font-normal text-slate-500";

function FieldError({ errors, names }: { errors: Record<string, string>; names: string[] }) {
  const message = names.map((n) => errors[n]).find(Boolean);
  return message ? <span role="alert" className="text-xs font-normal text-red-700">{message}</span> : null;
}

function SelectionFields({ selection }: { selection: PlanSelection }) {
  if (selection.kind === "devices") return <><input type="hidden" name="selection" value="devices" />{selection.deviceIds.map((id) => <input key={id} type="hidden" name="deviceId" value={id} />)}</>;
  return (
    <>
      <input type="hidden" name="selection" value="filter" />
      {(["vendor", "model", "firmware", "site"] as const).map((k) => (selection[k] ? <input key={k} type="hidden" name={k} value={selection[k]} /> : null))}
    </>
  );
}

function Advisories({ advisories }: { advisories: AdvisorySuggestion[] }) {
  if (advisories.length === 0) return <p className="text-sm text-slate-600">No advisory matches these devices now: name the reason for the change below.</p>;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-800">Advisories it is meant to close (suggested from the devices&apos; matches)</legend>
      {advisories.map((a) => (
        <label key={a.advisoryId} className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="advisoryId" value={a.advisoryId} defaultChecked={a.fixedVersions.length > 0} className="mt-1" />
          <span>
            <span className="font-medium">{a.advisoryId}</span> {a.title}
            <span className="block text-xs text-slate-600">{a.cves.length} CVEs on {a.devices} {a.devices === 1 ? "device" : "devices"}{a.fixedVersions.length ? `; fixed in ${a.fixedVersions.join(", ")}` : "; no fixed version named"}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function PlanForm({ selection, advisories, suggestedTarget, window, zones, previewAction, planAction }: {
  selection: PlanSelection;
  advisories: AdvisorySuggestion[];
  suggestedTarget: string | null;
  window: { start: string; end: string; timeZone: string };
  zones: string[];
  previewAction: FormAction<PreviewResult>;
  planAction: FormAction<PlanResult>;
}) {
  const router = useRouter();
  const [preview, preview_, previewing] = useActionState(previewAction, null);
  const [plan, plan_, planning] = useActionState(planAction, null);
  const [target, setTarget] = useState(suggestedTarget ?? "");
  const [contingency, setContingency] = useState<keyof typeof CONTINGENCY_WORDS>("retry");
  const zoneList = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // Both actions are called by hand, not as the form's action: React resets a form after its action
  // runs, and a refused plan or a preview must leave every field as the person typed it.
  const runPreview = () => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    startTransition(() => preview_(data));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => plan_(data));
  };
  const errors = { ...(preview?.fieldErrors ?? {}), ...(plan?.fieldErrors ?? {}) };
  const previewed = preview?.ok && preview.preview && preview.target === target.trim();
  useEffect(() => {
    if (plan?.ok && plan.planId) router.push(`/changes/${plan.planId}`);
  }, [plan, router]);
  return (
    <form ref={formRef} onSubmit={submit} onKeyDown={noSubmitOnEnter} aria-label="Plan a firmware change" className="flex flex-col gap-4">
      <SelectionFields selection={selection} />
      <Advisories advisories={advisories} />
      <div className="grid gap-4 md:grid-cols-2">
        <label className={labelClass}>
          Target version
          <input name="targetVersion" required maxLength={64} value={target} onChange={(e) => setTarget(e.target.value)} className={`${inputClass} font-mono`} aria-invalid={errors.targetVersion ? true : undefined} />
          <span className={hintClass}>{suggestedTarget ? `Suggested: ${suggestedTarget}, the lowest version the advisories name as fixed.` : "No advisory names a fixed version: give the vendor's."}</span>
          <FieldError errors={errors} names={["targetVersion"]} />
        </label>
        <label className={labelClass}>
          Title (optional)
          <input name="title" maxLength={120} className={inputClass} placeholder={`Update to ${target || "…"}`} aria-invalid={errors.title ? true : undefined} />
          <FieldError errors={errors} names={["title"]} />
        </label>
      </div>
      <fieldset className="grid gap-4 rounded-md border border-slate-200 p-3 md:grid-cols-3">
        <legend className="px-1 text-sm font-medium text-slate-800">Maintenance window, in local time</legend>
        <label className={labelClass}>
          Starts
          <input type="datetime-local" name="windowStart" required defaultValue={window.start} className={inputClass} aria-invalid={errors["window.start"] ? true : undefined} />
          <FieldError errors={errors} names={["window.start", "window"]} />
        </label>
        <label className={labelClass}>
          Ends
          <input type="datetime-local" name="windowEnd" required defaultValue={window.end} className={inputClass} aria-invalid={errors["window.end"] ? true : undefined} />
          <FieldError errors={errors} names={["window.end"]} />
        </label>
        <label className={labelClass}>
          Time zone
          <input name="timeZone" required maxLength={64} list={zoneList} defaultValue={window.timeZone} className={inputClass} aria-invalid={errors["window.timeZone"] ? true : undefined} />
          <datalist id={zoneList}>{zones.map((z) => <option key={z} value={z} />)}</datalist>
          <FieldError errors={errors} names={["window.timeZone"]} />
        </label>
      </fieldset>
      <label className={labelClass}>
        Reason
        <textarea name="reason" required maxLength={1000} rows={3} className={inputClass} placeholder="e.g. closes the advisory's remote code execution on the pumps' network module" aria-invalid={errors.reason ? true : undefined} />
        <FieldError errors={errors} names={["reason"]} />
      </label>
      <div className="grid gap-4 md:grid-cols-2">
        <label className={labelClass}>
          Vendor&apos;s release note (link, optional)
          <input type="url" name="releaseNoteUrl" maxLength={500} placeholder="https://" className={inputClass} aria-invalid={errors.releaseNoteUrl ? true : undefined} />
          <FieldError errors={errors} names={["releaseNoteUrl"]} />
        </label>
        <label className={labelClass}>
          Clinical downtime accepted per device (minutes)
          <input type="number" name="downtimeMinutes" required min={0} max={10080} defaultValue={30} className={inputClass} aria-invalid={errors.downtimeMinutes ? true : undefined} />
          <FieldError errors={errors} names={["downtimeMinutes"]} />
        </label>
      </div>
      <fieldset className="flex flex-wrap items-end gap-4 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">If a device&apos;s update fails</legend>
        {Object.entries(CONTINGENCY_WORDS).map(([value, words]) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="contingency" value={value} checked={contingency === value} onChange={() => setContingency(value as typeof contingency)} />
            {words}
          </label>
        ))}
        {contingency === "rollback" && (
          <label className={labelClass}>
            Roll back to version
            <input name="rollbackVersion" required maxLength={64} className={`${inputClass} font-mono`} defaultValue={selection.kind === "filter" ? selection.firmware : undefined} aria-invalid={errors.rollbackVersion ? true : undefined} />
            <FieldError errors={errors} names={["rollbackVersion"]} />
          </label>
        )}
      </fieldset>
      <FieldError errors={errors} names={["selection", "selection.deviceIds", "advisoryIds"]} />
      {previewed && preview.preview && <PlanPreview preview={preview.preview} target={preview.target ?? target} total={preview.shown ?? preview.preview.devices.length} />}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" onClick={runPreview} variant="secondary" disabled={previewing || !target.trim()}>{previewing ? "Working out the preview…" : "Preview"}</Button>
        <Button type="submit" disabled={planning || !previewed}>{planning ? "Submitting…" : "Submit for approval"}</Button>
        {!previewed && <span className="text-xs text-slate-600">Preview first: the plan shows what it clears before it is submitted.</span>}
      </div>
      <ActionMessage state={preview?.ok && !previewed ? null : preview} />
      <ActionMessage state={plan} />
    </form>
  );
}
