"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { canApproveDevice } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { decideDevices } from "@/lib/devices";

export async function decideDeviceAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requirePermission(canApproveDevice);
    const id = String(form.get("id") ?? "").slice(0, 64);
    const result = await decideDevices(getDb(), [id], { decision: form.get("decision"), reason: form.get("reason") || undefined }, actor);
    revalidatePath(`/devices/${id}`);
    return `Device is now ${result.status}.`;
  });
}
