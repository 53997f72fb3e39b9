"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { canApproveDevice } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { decideDevices } from "@/lib/devices";

export async function bulkDecisionAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canApproveDevice);
    const ids = form.getAll("id").map((v) => String(v).slice(0, 64)).slice(0, 500);
    const result = await decideDevices(getDb(), ids, { decision: form.get("decision"), reason: form.get("reason") || undefined }, actor);
    revalidatePath("/unauthorized");
    return `${result.updated} device${result.updated === 1 ? "" : "s"} now ${result.status}.`;
  });
}
