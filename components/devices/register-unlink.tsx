"use client";

import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

/** "Not the same asset": unlinks the entry from this device for good (reconciliation never relinks the pair). */
export function LinkedAsUnlink({ action, assetId, deviceId, tag }: { action: FormAction; assetId: string; deviceId: string; tag: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} aria-label={`Unlink ${tag} from this device`}>
      <input type="hidden" name="assetId" value={assetId} />
      <input type="hidden" name="deviceId" value={deviceId} />
      <Button type="submit" variant="secondary" disabled={pending || state?.ok}>{pending ? "Unlinking…" : "Not the same asset: unlink"}</Button>
      <ActionMessage state={state} className="mt-1 text-sm" />
    </form>
  );
}
