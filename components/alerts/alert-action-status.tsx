"use client";

import { useSyncExternalStore } from "react";
import type { ActionResult } from "@/lib/web/action-result";

// The answer of the last alert action lives outside the form: "Resolve all matching" can empty the
// list (and the form with it), and the person may move to another filter before reading it. Kept
// for the browser tab (sessionStorage) until the next action starts or the person dismisses it.
const KEY = "iomt.alerts.last-action";
const CHANGED = "iomt:alert-action";

function read(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Keeps an action's answer to show (null: forget the last one, as the next action starts). */
export function rememberAlertAction(result: ActionResult | null) {
  try {
    if (result?.message) window.sessionStorage.setItem(KEY, JSON.stringify({ ok: result.ok, message: result.message }));
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (a private window's quota): the message is simply not kept.
  }
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGED, onChange);
  return () => window.removeEventListener(CHANGED, onChange);
}

function parse(raw: string | null): { ok: boolean; message: string } | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { ok?: unknown; message?: unknown };
    return typeof v.message === "string" ? { ok: v.ok === true, message: v.message } : null;
  } catch {
    return null;
  }
}

/**
 * The last alert action's answer above the list, announced by a live region that is always in the
 * page (role="status"), so the words are read out when they arrive and stay until the next action.
 */
export function AlertActionStatus() {
  const last = parse(useSyncExternalStore(subscribe, read, () => null));
  return (
    <div className={last ? "mb-3 flex flex-wrap items-start gap-3" : undefined}>
      <p role="status" data-testid="alert-action-message" className={`text-sm ${last?.ok === false ? "text-red-700" : "text-emerald-700"}`}>
        {last?.message}
      </p>
      {last && (
        <button type="button" className="text-sm text-brand-700 underline" onClick={() => rememberAlertAction(null)}>
          Dismiss message
        </button>
      )}
    </div>
  );
}
