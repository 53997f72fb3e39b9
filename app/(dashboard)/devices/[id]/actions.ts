"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { canAcceptRisk, canApproveDevice, canDecideSpoof, canEditCriticality, canEditDevice } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { decideDevices, editDevice } from "@/lib/commands/device-decisions";
import { badRequest } from "@/lib/web/errors";
import { acceptRisk, editClinicalContext, revokeAcceptance } from "@/lib/commands/risk-edits";
import { decideSpoof } from "@/lib/commands/spoof-decisions";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" && value.trim() ? value : undefined;
};

/**
 * A device page's form: `work` changes the device the form names (it checks the person's
 * permission itself), then the device's page, and the pages in `alsoChanged`, are refreshed.
 */
function onDevice(form: FormData, work: (id: string) => Promise<string>, ...alsoChanged: string[]): Promise<ActionResult> {
  return runAction(form, async () => {
    const id = String(form.get("id") ?? "").slice(0, 64);
    const message = await work(id);
    for (const path of [`/devices/${id}`, ...alsoChanged]) revalidatePath(path);
    return message;
  });
}

export async function decideDeviceAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return onDevice(form, async (id) => {
    const actor = await requirePermission(canApproveDevice);
    const result = await decideDevices(getDb(), [id], { decision: form.get("decision"), reason: form.get("reason") || undefined, acknowledgeSpoof: form.get("acknowledgeSpoof") === "on" }, actor);
    return `Device is now ${result.status}.`;
  });
}

export async function editClinicalContextAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return onDevice(form, async (id) => {
    const actor = await requirePermission(canEditCriticality);
    const input = { criticality: form.get("criticality"), phi: form.get("phi"), compensatingControls: text(form, "compensatingControls"), note: text(form, "note") };
    await editClinicalContext(getDb(), id, input, actor);
    return "Clinical context saved; the device was rescored.";
  });
}

/** An acceptance takes the device out of the risk ranking, until it expires or is revoked. */
export async function acceptRiskAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return onDevice(form, async (id) => {
    const actor = await requirePermission(canAcceptRisk);
    const expiresAt = text(form, "expiresAt");
    if (!expiresAt) throw badRequest("invalid_acceptance", "Some fields are not valid.", [{ path: "expiresAt", message: "Choose when the acceptance expires." }]);
    await acceptRisk(getDb(), id, { reason: form.get("reason"), owner: form.get("owner"), expiresAt }, actor);
    return "Risk accepted.";
  }, "/risk");
}

export async function revokeAcceptanceAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return onDevice(form, async (id) => {
    const actor = await requirePermission(canAcceptRisk);
    await revokeAcceptance(getDb(), id, actor);
    return "Acceptance revoked: the device ranks with the others again.";
  }, "/risk");
}

/** Location, department and owner: where the device is and who answers for it. */
export async function editDeviceAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return onDevice(form, async (id) => {
    const actor = await requirePermission(canEditDevice);
    const result = await editDevice(getDb(), id, { location: form.get("location") ?? undefined, department: form.get("department") ?? undefined, owner: form.get("owner") ?? undefined }, actor);
    return result.changed ? "Location and owner saved." : "Nothing changed.";
  });
}

/** Confirm, withdraw a confirmation, dismiss as false positive, or split a cloned identity. */
export async function decideSpoofAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return onDevice(form, async (id) => {
    const actor = await requirePermission(canDecideSpoof);
    const input = { decision: form.get("decision"), reason: text(form, "reason"), expiry: text(form, "expiry"), fingerprintId: text(form, "fingerprintId"), name: text(form, "name") };
    return (await decideSpoof(getDb(), id, input, actor)).message;
  }, "/unauthorized", "/alerts", "/risk");
}
