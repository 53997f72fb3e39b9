"use client";

import { useActionState, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { FormAction } from "@/components/ui/action-form";
import { rememberAlertAction } from "./alert-action-status";
import { ConfirmDialog, noSubmitOnEnter, type Confirmation } from "@/components/ui/confirm-dialog";
import { countOf } from "@/lib/domain/words/count";
import type { ActionResult } from "@/lib/web/action-result";

/** How many alerts the list's filter matches on every page; `more`: past what one action may change. */
export type MatchingTotal = { count: number; more: boolean };

type AllOp = "acknowledge_all" | "resolve_all";

/** The question before acting on everything the filter matches: what happens, to how many. */
function allConfirmation(op: AllOp, count: number): Confirmation {
  const alerts = countOf(count, "alert");
  if (op === "acknowledge_all") {
    return {
      question: `Acknowledge all ${alerts} matching this filter?`,
      consequence: "Every open alert the filter matches, on every page, is marked acknowledged by you. One audit log entry records the filter and the count.",
      confirm: `Acknowledge ${alerts}`, name: "op", value: op,
    };
  }
  return {
    question: `Resolve all ${alerts} matching this filter?`,
    consequence: "Every alert the filter matches, on every page, is resolved by you, with the note if you gave one. One audit log entry records the filter, the count and the note. The same evidence will not open them again; a new finding will.",
    confirm: `Resolve ${alerts}`, name: "op", value: op, danger: true,
  };
}

/** "Select all on this page": checks (or clears) every alert's box in the form. */
function SelectPage({ form }: { form: React.RefObject<HTMLFormElement | null> }) {
  const check = (on: boolean) => form.current?.querySelectorAll<HTMLInputElement>('input[name="id"]').forEach((box) => (box.checked = on));
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" className="h-4 w-4" onChange={(e) => check(e.currentTarget.checked)} />
      Select all on this page
    </label>
  );
}

/** Acting on every alert the filter matches, across pages: the count, and a confirmation first. */
function ApplyToAll({ total, filter, pending, ask }: { total: MatchingTotal; filter: string; pending: boolean; ask: (op: AllOp) => void }) {
  if (total.count === 0) return null;
  if (total.more) {
    return <p className="text-sm text-slate-600">More than {countOf(total.count, "alert")} match this filter: narrow it to act on all of them at once.</p>;
  }
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-2" data-testid="apply-to-all">
      <input type="hidden" name="filter" value={filter} />
      <input type="hidden" name="expected" value={total.count} />
      <span className="text-sm text-slate-700">Apply to all {countOf(total.count, "alert")} matching this filter:</span>
      <Button type="button" variant="secondary" disabled={pending} onClick={() => ask("acknowledge_all")}>Acknowledge all {total.count.toLocaleString("en-US")}</Button>
      <Button type="button" variant="secondary" disabled={pending} onClick={() => ask("resolve_all")}>Resolve all {total.count.toLocaleString("en-US")}</Button>
    </div>
  );
}

/**
 * The alerts table (rendered by the server, its checkboxes named "id") inside one form: acknowledge
 * or resolve the selected alerts (with an optional note), select the whole page, or act on every
 * alert the filter matches (sent as the filter, never as ids, after a confirmation naming the count).
 */
export function AlertActionsForm({ acknowledge, resolve, matching, total, filter, children }: {
  acknowledge: FormAction;
  resolve: FormAction;
  matching: FormAction;
  total: MatchingTotal;
  /** The list's filter as a query string, applied again by the server. */
  filter: string;
  children: React.ReactNode;
}) {
  // One form state for every button: the button pressed is sent as "op".
  const [, formAction, pending] = useActionState(async (previous: ActionResult | null, form: FormData) => {
    const op = form.get("op");
    const act = op === "acknowledge_all" || op === "resolve_all" ? matching : op === "resolve" ? resolve : acknowledge;
    const result = await act(previous, form);
    // Shown by AlertActionStatus, outside this form: the answer outlives a list it emptied (and
    // this form with it, in the same render as the answer arrives).
    rememberAlertAction(result);
    return result;
  }, null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const close = () => setConfirmation(null);
  const submit = () => {
    close();
    // A new action: the last one's answer no longer describes the list.
    rememberAlertAction(null);
  };
  return (
    <form ref={form} action={formAction} onKeyDown={noSubmitOnEnter} onSubmit={submit} aria-label="Alerts">
      <div className="mb-3 flex flex-col gap-2">
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-700">
            Note when resolving (optional, kept in the audit log)
            <input name="note" maxLength={500} className={inputClass} />
          </label>
          <Button type="submit" name="op" value="acknowledge" disabled={pending} variant="secondary">Acknowledge selected</Button>
          <Button type="submit" name="op" value="resolve" disabled={pending}>Resolve selected</Button>
        </div>
        <SelectPage form={form} />
        <ApplyToAll total={total} filter={filter} pending={pending} ask={(op) => setConfirmation(allConfirmation(op, total.count))} />
        <ConfirmDialog confirmation={confirmation} onClose={close} />
      </div>
      {children}
    </form>
  );
}
