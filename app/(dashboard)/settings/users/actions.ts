"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { canManageUsers } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { createUser, unlockUser, updateUser } from "@/lib/commands/user-accounts";

export async function createUserAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageUsers);
    const user = await createUser(
      getDb(),
      { email: form.get("email"), name: form.get("name") ?? undefined, role: form.get("role"), password: form.get("password") },
      actor,
    );
    revalidatePath("/settings/users");
    return `Created ${user.email} (${user.role}).`;
  });
}

export async function updateUserAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageUsers);
    const id = String(form.get("id") ?? "").slice(0, 64);
    const user = await updateUser(getDb(), id, { role: form.get("role"), disabled: form.get("disabled") === "on" }, actor);
    revalidatePath("/settings/users");
    return `Saved ${user.email}.`;
  });
}

export async function unlockUserAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageUsers);
    const { user, lifted } = await unlockUser(getDb(), { id: String(form.get("id") ?? "") }, actor);
    revalidatePath("/settings/users");
    return lifted ? `Unlocked sign-in for ${user.email}.` : `${user.email} had no sign-in lock.`;
  });
}
