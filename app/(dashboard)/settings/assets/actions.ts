"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { setMissingAfterDays } from "@/lib/commands/asset-links";
import { canManageAssetRegister } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

/** Settings → Asset register: after how many days unseen a linked entry counts as missing. */
export async function setMissingAfterDaysAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageAssetRegister);
    const { days, changed } = await setMissingAfterDays(getDb(), form.get("days"), actor);
    revalidatePath("/settings/assets");
    revalidatePath("/assets");
    return changed ? `Entries are now missing after ${days} days unseen.` : `Already ${days} days.`;
  });
}
