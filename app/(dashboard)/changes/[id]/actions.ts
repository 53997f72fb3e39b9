"use server";

import { revalidatePath } from "next/cache";
import { canDecideChange, canPlanChange } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { cancelPlan, decidePlan } from "@/lib/commands/change-plans";
import { getDb } from "@/lib/db/client";
import { runAction, type ActionResult, formText } from "@/lib/web/action-result";
import { PLAN_STATE_WORDS } from "@/lib/domain/words/change-words";

// The commands (lib/commands/change-plans.ts) apply the plan's rules (never the requester's own
// approval, a reason to reject or cancel, no approval once the window has ended) and audit.

function revalidate(planId: string) {
  for (const path of ["/changes", "/"]) revalidatePath(path);
  if (planId.length <= 64) revalidatePath(`/changes/${planId}`);
}

/** Approve or reject a plan (analyst or admin, never its requester). */
export async function decidePlanAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canDecideChange);
    const planId = formText(form, "planId");
    const reason = formText(form, "reason").trim();
    const { state } = await decidePlan(getDb(), planId, { decision: formText(form, "decision"), ...(reason ? { reason } : {}) }, actor);
    revalidate(planId);
    return `The plan is now: ${PLAN_STATE_WORDS[state].toLowerCase()}.`;
  });
}

/** Cancel a plan before its window (its requester or an administrator; the command checks which). */
export async function cancelPlanAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canPlanChange);
    const planId = formText(form, "planId");
    await cancelPlan(getDb(), planId, { reason: formText(form, "reason") }, actor);
    revalidate(planId);
    return "The plan is cancelled.";
  });
}
