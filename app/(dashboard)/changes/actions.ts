"use server";

import { revalidatePath } from "next/cache";
import { canHandleContingency, canReviewFirmware } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { closeContingencyTask, reassignContingencyTask, reviewFirmwareChange } from "@/lib/commands/change-tasks";
import { getDb } from "@/lib/db/client";
import { runAction, type ActionResult, formOptional, formText } from "@/lib/web/action-result";

// The commands (lib/commands/change-tasks.ts) validate the ids, outcomes, reasons and dates (400,
// 404) and audit; these actions read the form and refresh the pages that show the result.

/** The Changes page, the overview's counts, and the plan and device the form names. */
function revalidate(form: FormData) {
  for (const path of ["/changes", "/"]) revalidatePath(path);
  const planId = formText(form, "planId");
  const deviceId = formText(form, "deviceId");
  if (planId && planId.length <= 64) revalidatePath(`/changes/${planId}`);
  if (deviceId && deviceId.length <= 64) revalidatePath(`/devices/${deviceId}`);
}

/** A person's review of an unplanned firmware change: clears the device's flag once none is left. */
export async function reviewFirmwareAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canReviewFirmware);
    await reviewFirmwareChange(getDb(), formText(form, "changeId"), { reason: formText(form, "reason") }, actor);
    revalidate(form);
    return "Reviewed: the change and any earlier unreviewed one on this device are recorded with your reason.";
  });
}

/** Close a contingency task with its outcome (a waiver needs a reason). */
export async function closeTaskAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canHandleContingency);
    await closeContingencyTask(getDb(), formText(form, "taskId"), { outcome: formText(form, "outcome"), reason: formOptional(form, "reason") }, actor);
    revalidate(form);
    return "Task closed.";
  });
}

/** Hand a contingency task to someone else, with a new due date. */
export async function reassignTaskAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canHandleContingency);
    await reassignContingencyTask(getDb(), formText(form, "taskId"), { ownerId: formText(form, "ownerId"), dueAt: formText(form, "dueAt") }, actor);
    revalidate(form);
    return "Task reassigned.";
  });
}
