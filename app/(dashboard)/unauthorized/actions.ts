"use server";

import { countOf } from "@/lib/domain/words/count";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { canApproveDevice, canAssignDevice } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { assignDevices, decideDevices, MAX_ASSIGN } from "@/lib/commands/device-decisions";
import { badRequest } from "@/lib/web/errors";

const plural = (n: number) => countOf(n, "device");

export async function bulkDecisionAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canApproveDevice);
    const ids = form.getAll("id").map((v) => String(v).slice(0, 64)).slice(0, 500);
    const result = await decideDevices(getDb(), ids, { decision: form.get("decision"), reason: form.get("reason") || undefined, acknowledgeSpoof: form.get("acknowledgeSpoof") === "on" }, actor);
    revalidatePath("/unauthorized");
    return `${countOf(result.updated, "device")} now ${result.status}.`;
  });
}

/** Assigns the chosen devices to a person ("me", a user id) or to nobody ("none"). */
export async function assignDevicesAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canAssignDevice);
    // One more than the limit, so that too many is refused rather than silently cut.
    const ids = form.getAll("id").slice(0, MAX_ASSIGN + 1).map((v) => (typeof v === "string" ? v.slice(0, 64) : ""));
    const choice = form.get("assignee");
    if (typeof choice !== "string" || !choice) throw badRequest("invalid_assignment", "Choose who to assign the devices to.", [{ path: "assignee", message: "Choose a person, yourself or nobody." }]);
    const assigneeId = choice === "me" ? actor.id : choice === "none" ? null : choice.slice(0, 64);
    const result = await assignDevices(getDb(), ids, assigneeId, actor);
    revalidatePath("/unauthorized");
    revalidatePath("/devices/[id]", "page");
    if (result.updated === 0) return "Nothing changed: the devices were assigned that way already.";
    return result.assignee ? `${plural(result.updated)} assigned to ${result.assignee.id === actor.id ? "you" : result.assignee.email}.` : `${plural(result.updated)} unassigned.`;
  });
}
