"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { canManagePolicies } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { badRequest } from "@/lib/web/errors";
import { createPolicy, deletePolicy, setPolicyEnabled, updatePolicy } from "@/lib/commands/policy-editing";
import { policyInputFromForm } from "@/lib/web/policy-form";

const idOf = (form: FormData) => {
  const id = form.get("id");
  return typeof id === "string" ? id.slice(0, 64) : "";
};

export async function createPolicyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    const policy = await createPolicy(getDb(), policyInputFromForm(form), actor);
    revalidatePath("/settings/policies");
    return `Policy "${policy.name}" created. It applies to each device the next time an agent reports it.`;
  });
}

export async function updatePolicyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    const policy = await updatePolicy(getDb(), idOf(form), policyInputFromForm(form), actor);
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
