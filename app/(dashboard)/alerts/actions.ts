"use server";

import { countOf } from "@/lib/domain/words/count";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { acknowledgeAlerts, resolveAlerts } from "@/lib/commands/alert-handling";
import { canHandleAlert } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

const plural = (n: number) => countOf(n, "alert");
const ids = (form: FormData) => form.getAll("id").map(String);

export async function acknowledgeAlertsAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canHandleAlert);
    const { acknowledged, unchanged } = await acknowledgeAlerts(getDb(), ids(form), actor);
    revalidatePath("/alerts");
    return `${plural(acknowledged)} acknowledged${unchanged ? ` (${unchanged} already acknowledged or resolved, left as they were)` : ""}.`;
  });
}

export async function resolveAlertsAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canHandleAlert);
    const { resolved, unchanged } = await resolveAlerts(getDb(), ids(form), actor, form.get("note"));
    revalidatePath("/alerts");
    return `${plural(resolved)} resolved${unchanged ? ` (${unchanged} already resolved, left as they were)` : ""}.`;
  });
}
