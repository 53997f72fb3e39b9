"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { canAcceptRisk, canApproveDevice, canEditCriticality, canEditDevice } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { decideDevices, editDevice } from "@/lib/commands/device-decisions";
import { badRequest } from "@/lib/web/errors";
import { acceptRisk, editClinicalContext, revokeAcceptance } from "@/lib/commands/risk-edits";

const idOf = (form: FormData) => String(form.get("id") ?? "").slice(0, 64);
const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" && value.trim() ? value : undefined;
};

export async function decideDeviceAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canApproveDevice);
    const id = idOf(form);
    const result = await decideDevices(getDb(), [id], { decision: form.get("decision"), reason: form.get("reason") || undefined }, actor);
    revalidatePath(`/devices/${id}`);
    return `Device is now ${result.status}.`;
  });
}

export async function editClinicalContextAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canEditCriticality);
    const id = idOf(form);
    const input = { criticality: form.get("criticality"), phi: form.get("phi"), compensatingControls: text(form, "compensatingControls"), note: text(form, "note") };
    await editClinicalContext(getDb(), id, input, actor);
    revalidatePath(`/devices/${id}`);
    return "Clinical context saved; the device was rescored.";
  });
}

export async function acceptRiskAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canAcceptRisk);
    const id = idOf(form);
    const expiresAt = text(form, "expiresAt");
    if (!expiresAt) throw badRequest("invalid_acceptance", "Some fields are not valid.", [{ path: "expiresAt", message: "Choose when the acceptance expires." }]);
    await acceptRisk(getDb(), id, { reason: form.get("reason"), owner: form.get("owner"), expiresAt }, actor);
    revalidatePath(`/devices/${id}`);
    revalidatePath("/risk");
    return "Risk accepted.";
  });
}

export async function revokeAcceptanceAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canAcceptRisk);
    const id = idOf(form);
    await revokeAcceptance(getDb(), id, actor);
    revalidatePath(`/devices/${id}`);
    revalidatePath("/risk");
    return "Acceptance revoked: the device ranks with the others again.";
  });
}

/** Location, department and owner: where the device is and who answers for it. */
export async function editDeviceAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canEditDevice);
    const id = idOf(form);
    const result = await editDevice(getDb(), id, { location: form.get("location") ?? undefined, department: form.get("department") ?? undefined, owner: form.get("owner") ?? undefined }, actor);
    revalidatePath(`/devices/${id}`);
    return result.changed ? "Location and owner saved." : "Nothing changed.";
  });
}
