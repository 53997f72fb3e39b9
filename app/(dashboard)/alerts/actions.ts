"use server";

import { countOf } from "@/lib/domain/words/count";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult, formText } from "@/lib/web/action-result";
import { acknowledgeAlerts, handleMatchingAlerts, resolveAlerts, type MatchingOp, type MatchingResult } from "@/lib/commands/alert-handling";
import { canHandleAlert } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { badRequest } from "@/lib/web/errors";

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

const MATCHING_OPS: Record<string, MatchingOp> = { acknowledge_all: "acknowledge", resolve_all: "resolve" };

/**
 * Every alert matching the list's filter (sent back as the list's query string, applied again on
 * the server), with the count the person confirmed. Answers how many really changed.
 */
export async function handleMatchingAlertsAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canHandleAlert);
    const op = MATCHING_OPS[formText(form, "op")];
    const query = formText(form, "filter");
    if (!op || query.length > 1000) throw badRequest("invalid_filter", "That is not an action the alerts list offers: reload the list and try again.");
    const filter = Object.fromEntries(new URLSearchParams(query));
    const { matched, changed, skipped } = await handleMatchingAlerts(getDb(), op, { filter, expected: formText(form, "expected"), note: form.get("note") }, actor);
    revalidatePath("/alerts");
    return matchingMessage(op, matched, changed, skipped);
  });
}

/** What the action did, counting only the alerts it changed, then each kind of skipped one and why. */
function matchingMessage(op: MatchingOp, matched: number, changed: number, skipped: MatchingResult["skipped"]): string {
  const done = op === "resolve" ? "resolved" : "acknowledged";
  const why = [
    skipped.handled && `${skipped.handled.toLocaleString("en-US")} already ${op === "resolve" ? "resolved" : "acknowledged or resolved"}`,
    skipped.meanwhile && `${skipped.meanwhile.toLocaleString("en-US")} ${op === "resolve" ? "closed" : "handled"} by someone or something else meanwhile`,
  ].filter(Boolean);
  const left = skipped.handled + skipped.meanwhile;
  return `${plural(changed)} ${done} of ${countOf(matched, "alert")} matching the filter${left ? `; ${left.toLocaleString("en-US")} skipped, left as they were (${why.join(", ")})` : ""}.`;
}
