"use client";

import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** Where one feed is fetched from: a URL (an internal mirror), or back to the default. */
export function FeedSourceForm({ feed, label, storedUrl, placeholder, action }: { feed: string; label: string; storedUrl: string | null; placeholder: string; action: FormAction }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const id = `feed-source-${feed}`;
  return (
    <div className="flex flex-col gap-1">
      <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label={`Source of ${label}`}>
        <input type="hidden" name="feed" value={feed} />
        <label htmlFor={id} className="sr-only">Source URL of {label}</label>
        <input
          id={id}
          name="url"
          type="url"
          defaultValue={storedUrl ?? ""}
          placeholder={placeholder}
          maxLength={2000}
          className={`${inputClass} min-w-0 flex-1`}
          aria-describedby={errors.url ? `${id}-error` : undefined}
        />
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Saving…" : "Save"}</Button>
      </form>
      {storedUrl && (
        <form action={formAction} aria-label={`Reset the source of ${label}`}>
          <input type="hidden" name="feed" value={feed} />
          <input type="hidden" name="url" value="" />
          <Button type="submit" variant="secondary" disabled={pending} className="text-xs">Use the default source</Button>
        </form>
      )}
      {errors.url && <p id={`${id}-error`} role="alert" className="text-xs text-red-700">{errors.url}</p>}
      <ActionMessage state={state} className="text-xs" />
    </div>
  );
}
