"use server";

import { revalidatePath } from "next/cache";
import { decideMatch, undoMatchDecision } from "@/lib/commands/match-decisions";
import { canReviewMatches } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { runAction, type ActionResult } from "@/lib/web/action-result";

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" && value.trim() ? value : undefined;
};

/** The queue, the device's page and the overview's count all show the decision. */
function revalidate(deviceId: unknown) {
  for (const path of ["/review", "/"]) revalidatePath(path);
  if (typeof deviceId === "string" && deviceId.length <= 64) revalidatePath(`/devices/${deviceId}`);
}

/** Confirm or dismiss a possible match, from the review queue or the device's page. */
export async function decideMatchAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canReviewMatches);
    const input = { deviceId: form.get("deviceId"), cve: form.get("cve"), decision: form.get("decision"), note: field(form, "note") };
    const { decision } = await decideMatch(getDb(), input, actor);
    revalidate(input.deviceId);
    return decision === "confirmed" ? `${String(input.cve)} confirmed: it now counts in the device's risk.` : `${String(input.cve)} dismissed: it no longer counts.`;
  });
}

export async function undoMatchDecisionAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canReviewMatches);
    const input = { deviceId: form.get("deviceId"), cve: form.get("cve") };
    await undoMatchDecision(getDb(), input, actor);
    revalidate(input.deviceId);
    return `Decision on ${String(input.cve)} undone: it is a possible match again, if it still matches.`;
  });
}
