"use client";

import { useRef, useState, type MouseEvent } from "react";
import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { ConfirmDialog, noSubmitOnEnter, type Confirmation } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";

export type SplitChoice = { id: string; label: string };
type Decision = "confirm" | "withdraw" | "dismiss" | "split";

const EXPIRIES = [
  ["7", "7 days"],
  ["30", "30 days"],
  ["90", "90 days"],
  ["fingerprint", "never, while this physical fingerprint stays the same"],
] as const;

const labelClass = "flex flex-col gap-1 text-xs font-medium text-slate-700";
const fieldsetClass = "flex flex-wrap items-end gap-2 rounded-md border border-slate-200 p-3";

/** The field's current value in the form the button belongs to. */
const valueOf = (form: HTMLFormElement | null, name: string) => {
  const field = form?.elements.namedItem(name);
  return field instanceof HTMLSelectElement || field instanceof HTMLInputElement ? field.value : "";
};

/** What each decision does, asked before it is sent: the dialog names the device and the consequence. */
function confirmationFor(decision: Decision, device: string, status: string, form: HTMLFormElement | null, choices: SplitChoice[]): Confirmation {
  if (decision === "confirm") {
    return { question: `Confirm the spoof on ${device}?`, consequence: "The suspicion stands: the device stays critical in the risk ranking, its spoof alert is acknowledged, and it cannot be approved until the confirmation is withdrawn. Blocking stays possible.", confirm: "Confirm spoof", name: "decision", value: decision, danger: true };
  }
  if (decision === "withdraw") {
    return { question: `Withdraw the spoof confirmation on ${device}?`, consequence: "The suspicion stays open: the device can then be approved, dismissed as a false positive or split.", confirm: "Withdraw confirmation", name: "decision", value: decision };
  }
  if (decision === "dismiss") {
    const expiry = valueOf(form, "expiry");
    const holds = expiry === "fingerprint" ? "for as long as its physical fingerprint stays the same" : `for ${expiry} days`;
    return { question: `Dismiss the spoof findings on ${device} as a false positive?`, consequence: `These findings stop raising the suspicion ${holds}, then fire again if still true. The spoof alert closes and the device is rescored; its status stays ${status}. Another physical device behind the same identity is still a finding.`, confirm: "Dismiss as false positive", name: "decision", value: decision };
  }
  const chosen = choices.find((c) => c.id === valueOf(form, "fingerprintId"))?.label ?? "the chosen fingerprint";
  const name = valueOf(form, "name").trim() || `${device} (split)`;
  return { question: `Split ${device} into two devices?`, consequence: `Fingerprint ${chosen} becomes a new pending device, "${name}", with the same claimed identity and the observations that measured it. From now on each report of this identity goes to the device whose fingerprint it carries; a third fingerprint is still a spoof finding.`, confirm: "Split into two devices", name: "decision", value: decision, danger: true };
}

/**
 * The spoof decisions of a device page. Every one needs a reason and is confirmed in a dialog
 * first; Enter in a text box decides nothing. `confirmed`: Confirm becomes Withdraw, and Dismiss
 * waits for the withdrawal. `choices`: the fingerprints a split may take (two or more).
 */
export function SpoofDecisionForm({ action, id, device, status, confirmed, choices, defaultChoice }: { action: FormAction; id: string; device: string; status: string; confirmed: boolean; choices: SplitChoice[]; defaultChoice?: string }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const ask = (decision: Decision) => (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    if (reasonRef.current?.reportValidity()) setConfirmation(confirmationFor(decision, device, status, event.currentTarget.form, choices));
  };
  return (
    <form action={formAction} onKeyDown={noSubmitOnEnter} onSubmit={() => setConfirmation(null)} className="flex flex-col gap-3" aria-label="Decide on the spoof findings">
      <input type="hidden" name="id" value={id} />
      <label className={labelClass}>
        Reason (kept in the audit log) — required for every spoof decision
        <input ref={reasonRef} name="reason" required maxLength={500} aria-invalid={!!errors.reason || undefined} className={inputClass} />
      </label>
      <div className="flex flex-wrap gap-2">
        {confirmed ? (
          <Button type="submit" name="decision" value="withdraw" variant="secondary" onClick={ask("withdraw")} disabled={pending}>Withdraw confirmation</Button>
        ) : (
          <Button type="submit" name="decision" value="confirm" variant="danger" onClick={ask("confirm")} disabled={pending}>Confirm spoof</Button>
        )}
      </div>
      {!confirmed && (
        <fieldset className={fieldsetClass}>
          <legend className="px-1 text-xs font-semibold text-slate-700">Dismiss as false positive</legend>
          <label className={labelClass}>
            The dismissal holds for
            <select name="expiry" defaultValue="30" aria-invalid={!!errors.expiry || undefined} className={inputClass}>
              {EXPIRIES.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
            </select>
          </label>
          <Button type="submit" name="decision" value="dismiss" variant="secondary" onClick={ask("dismiss")} disabled={pending}>Dismiss as false positive</Button>
        </fieldset>
      )}
      {choices.length >= 2 && (
        <fieldset className={fieldsetClass}>
          <legend className="px-1 text-xs font-semibold text-slate-700">Split a cloned identity into two devices</legend>
          <label className={labelClass}>
            The fingerprint that is the other device
            <select name="fingerprintId" defaultValue={defaultChoice} aria-invalid={!!errors.fingerprintId || undefined} className={inputClass}>
              {choices.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            </select>
          </label>
          <label className={labelClass}>
            Name of the new device (optional)
            <input name="name" maxLength={120} placeholder={`${device} (split)`} aria-invalid={!!errors.name || undefined} className={inputClass} />
          </label>
          <Button type="submit" name="decision" value="split" variant="secondary" onClick={ask("split")} disabled={pending}>Split device</Button>
        </fieldset>
      )}
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
      <ActionMessage state={state} className="text-sm" />
    </form>
  );
}
