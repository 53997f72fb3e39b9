"use client";
// What a person with canManageAssetRegister does to one register entry: link it to a device (from
// the results of a device search), unlink it, or say it is not a network device (with a reason).
import { useId } from "react";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** One button that links the entry to the device beside it. */
export function LinkButton({ action, assetId, deviceId, deviceName }: { action: FormAction; assetId: string; deviceId: string; deviceName: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} aria-label={`Link to ${deviceName}`}>
      <input type="hidden" name="assetId" value={assetId} />
      <input type="hidden" name="deviceId" value={deviceId} />
      <Button type="submit" disabled={pending || state?.ok}>{pending ? "Linking…" : state?.ok ? "Linked" : "Link"}</Button>
      <ActionMessage state={state} className="mt-1 text-xs" />
    </form>
  );
}

/** Unlink an entry from its device: the pair is never linked automatically again. */
export function UnlinkButton({ action, assetId, deviceId, tag }: { action: FormAction; assetId: string; deviceId?: string | null; tag: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} aria-label={`Unlink ${tag}`}>
      <input type="hidden" name="assetId" value={assetId} />
      {deviceId && <input type="hidden" name="deviceId" value={deviceId} />}
      <Button type="submit" variant="secondary" disabled={pending || state?.ok}>{pending ? "Unlinking…" : "Unlink"}</Button>
      <ActionMessage state={state} className="mt-1 text-xs" />
    </form>
  );
}

/** "Not a network device", with the reason a person gives (a bed, a cart, a device kept offline). */
export function NotNetworkForm({ action, assetId, tag }: { action: FormAction; assetId: string; tag: string }) {
  const { state, formAction, pending, errors } = useFormAction(action);
  const id = useId();
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-brand-700 underline">Not a network device…</summary>
      <form action={formAction} aria-label={`Mark ${tag} as not a network device`} className="mt-2 flex flex-col gap-1">
        <input type="hidden" name="assetId" value={assetId} />
        <label htmlFor={id} className="font-medium text-slate-700">Why (required)</label>
        <input id={id} name="reason" required maxLength={500} className={inputClass} placeholder="e.g. manual bed, no network port" aria-invalid={errors.reason ? true : undefined} />
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Saving…" : "Mark"}</Button>
        <ActionMessage state={state} className="text-xs" />
      </form>
    </details>
  );
}

export function ClearNotNetworkButton({ action, assetId, tag }: { action: FormAction; assetId: string; tag: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} aria-label={`It is a network device after all: ${tag}`}>
      <input type="hidden" name="assetId" value={assetId} />
      <Button type="submit" variant="secondary" disabled={pending || state?.ok}>{pending ? "Clearing…" : "It is a network device"}</Button>
      <ActionMessage state={state} className="mt-1 text-xs" />
    </form>
  );
}
