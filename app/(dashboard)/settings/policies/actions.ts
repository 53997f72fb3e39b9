"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { canManagePolicies } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { badRequest } from "@/lib/web/errors";
import { addToPolicy, createPolicy, deletePolicy, setPolicyEnabled, updatePolicy } from "@/lib/commands/policy-editing";
import { inFormTerms, readAddedRules, readPolicyForm } from "@/lib/web/policy-form";
import type { AuditActor } from "@/lib/db/audit-trail";

const idOf = (form: FormData, field = "id") => {
  const id = form.get(field);
  return typeof id === "string" ? id.slice(0, 64) : "";
};

async function createFromForm(form: FormData, actor: AuditActor) {
  const { input, lines } = readPolicyForm(form);
  const policy = await createPolicy(getDb(), input, actor).catch((error) => Promise.reject(inFormTerms(error, lines)));
  revalidatePath("/settings/policies");
  return `Policy "${policy.name}" created. It applies to each device the next time an agent reports it.`;
}

export async function createPolicyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    return createFromForm(form, actor);
  });
}

/** "Allow exactly this device": its bound entry added to the policy the person chose, or to a new one. */
export async function allowExactlyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    const addTo = idOf(form, "addTo");
    if (!addTo) return createFromForm(form, actor);
    const { added, lines } = readAddedRules(form);
    const policy = await addToPolicy(getDb(), addTo, added, actor).catch((error) => Promise.reject(inFormTerms(error, lines)));
    revalidatePath("/settings/policies");
    return `Added to policy "${policy.name}". It applies to the device the next time an agent reports it.`;
  });
}

export async function updatePolicyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    const { input, lines } = readPolicyForm(form);
    const policy = await updatePolicy(getDb(), idOf(form), input, actor).catch((error) => Promise.reject(inFormTerms(error, lines)));
    revalidatePath("/settings/policies");
    return `Policy "${policy.name}" saved.`;
  });
}

export async function setPolicyEnabledAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    const enabled = form.get("enabled");
    if (enabled !== "true" && enabled !== "false") throw badRequest("invalid_policy", "Choose to turn the policy on or off.", [{ path: "enabled", message: "Either true or false." }]);
    const policy = await setPolicyEnabled(getDb(), idOf(form), enabled === "true", actor);
    revalidatePath("/settings/policies");
    return `Policy "${policy.name}" is now ${policy.enabled ? "on" : "off"}.`;
  });
}

export async function deletePolicyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    await deletePolicy(getDb(), idOf(form), actor);
    revalidatePath("/settings/policies");
    return "Policy deleted.";
  });
}
