"use server";

import { revalidatePath } from "next/cache";
import { clearNotNetworkDevice, linkAsset, markNotNetworkDevice, unlinkAsset } from "@/lib/commands/asset-links";
import { canManageAssetRegister } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { runAction, type ActionResult, formOptional, formText } from "@/lib/web/action-result";

// The commands (lib/commands/asset-links.ts) validate the ids and reasons (400, 404) and audit.

/** The Assets view, the overview's counts and the device's register panel all show a link. */
function revalidate(...deviceIds: (string | null | undefined)[]) {
  for (const path of ["/assets", "/"]) revalidatePath(path);
  for (const id of deviceIds) if (id && id.length <= 64) revalidatePath(`/devices/${id}`);
}

/** Link a register entry to a device by hand: reconciliation never moves a person's link. */
export async function linkAssetAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageAssetRegister);
    const input = { assetId: formText(form, "assetId"), deviceId: formText(form, "deviceId"), reason: formOptional(form, "reason") };
    await linkAsset(getDb(), input, actor);
    revalidate(input.deviceId);
    return "Linked: the register entry and the device are one asset.";
  });
}

/** Unlink: the pair is recorded as "not the same" and never linked again automatically. */
export async function unlinkAssetAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageAssetRegister);
    const deviceId = formOptional(form, "deviceId");
    await unlinkAsset(getDb(), { assetId: formText(form, "assetId"), reason: formOptional(form, "reason") }, actor);
    revalidate(deviceId);
    return "Unlinked: this entry and that device will not be linked again automatically.";
  });
}

/** A person's word that the entry is not a network device (a bed, a cart): it is never missing. */
export async function markNotNetworkAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageAssetRegister);
    await markNotNetworkDevice(getDb(), { assetId: formText(form, "assetId"), reason: formText(form, "reason") }, actor);
    revalidate();
    return "Marked as not a network device: it no longer counts as missing.";
  });
}

export async function clearNotNetworkAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageAssetRegister);
    await clearNotNetworkDevice(getDb(), { assetId: formText(form, "assetId") }, actor);
    revalidate();
    return "Cleared: the entry is reconciled with the network again.";
  });
}
