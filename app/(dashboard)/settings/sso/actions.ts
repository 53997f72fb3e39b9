"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { ROLE_LABELS, canManageUsers, isRole } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { addSsoMapping, removeSsoMapping } from "@/lib/commands/sso-mappings";

export async function addSsoMappingAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageUsers);
    const mapping = await addSsoMapping(getDb(), { group: form.get("group"), role: form.get("role") }, actor);
    revalidatePath("/settings/sso");
    return `Members of ${mapping.group} are ${isRole(mapping.role) ? ROLE_LABELS[mapping.role] : mapping.role} from their next sign-in.`;
  });
}

export async function removeSsoMappingAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageUsers);
    const mapping = await removeSsoMapping(getDb(), { id: form.get("id") }, actor);
    revalidatePath("/settings/sso");
    return `Removed the mapping of ${mapping.group}.`;
  });
}
