"use client";

import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";

export type Confirmation = {
  /** The question, naming what will happen and to how many: "Block 3 devices?". */
  question: string;
  /** What follows from it, in a sentence. */
  consequence: string;
  /** The confirm button's text, and the submitter's name and value it sends with the form. */
  confirm: string;
  name: string;
  value: string;
  danger?: boolean;
};

/**
 * A modal question inside a form: the confirm button submits the form (with its name and value),
 * Cancel or Escape closes it and nothing is sent. A native <dialog>: focus moves onto it and
 * stays inside until it closes, and screen readers read the question. Never window.confirm.
 */
export function ConfirmDialog({ confirmation, onClose }: { confirmation: Confirmation | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (confirmation && !dialog.open) {
      dialog.showModal();
      dialog.focus();
    } else if (!confirmation && dialog.open) dialog.close();
  }, [confirmation]);
  return (
    <dialog
      ref={ref}
      tabIndex={-1}
      aria-labelledby={titleId}
      aria-describedby={textId}
      onClose={onClose}
      className="w-full max-w-md rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40"
    >
      {confirmation && (
        <>
          <h2 id={titleId} className="text-base font-semibold text-slate-900">{confirmation.question}</h2>
          <p id={textId} className="mt-2 text-sm text-slate-700">{confirmation.consequence}</p>
          <div className="mt-4 flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => ref.current?.close()}>Cancel</Button>
            <Button type="submit" name={confirmation.name} value={confirmation.value} variant={confirmation.danger ? "danger" : "primary"}>{confirmation.confirm}</Button>
          </div>
        </>
      )}
    </dialog>
  );
}

/** Enter in a text box must not submit a form that decides something: only a button does. */
export function noSubmitOnEnter(event: KeyboardEvent<HTMLFormElement>) {
  const target = event.target;
  if (event.key === "Enter" && target instanceof HTMLInputElement) event.preventDefault();
}
