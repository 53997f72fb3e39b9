"use server";

import { revalidatePath } from "next/cache";
import { runAction, runSecretAction, type ActionResult } from "@/lib/web/action-result";
import { canManageUsers } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { countOf } from "@/lib/domain/words/count";
import { createUser, resetPassword, signOutEverywhere, unlockUser, updateUser } from "@/lib/commands/user-accounts";
import { resetSecondFactor } from "@/lib/commands/two-factor";

export type ResetPasswordResult = ActionResult & { secret?: string; name?: string };

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

/** A temporary password, shown once, to be changed at the next sign-in; the user's sessions end. */
export async function resetPasswordAction(_previous: ResetPasswordResult | null, form: FormData): Promise<ResetPasswordResult> {
  return runSecretAction(form, async () => {
    const actor = await requirePermission(canManageUsers);
    const { user, password } = await resetPassword(getDb(), String(form.get("id") ?? ""), actor);
    revalidatePath("/settings/users");
    return { message: `Reset the password of ${user.email}: they choose a new one at their next sign-in.`, shown: { name: user.email, secret: password } };
  });
}

export async function signOutUserEverywhereAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageUsers);
    const { user, sessionsEnded } = await signOutEverywhere(getDb(), String(form.get("id") ?? ""), actor);
    revalidatePath("/settings/users");
    return `Signed ${user.email} out everywhere (${countOf(sessionsEnded, "session")} ended).`;
  });
}

/** For a lost phone: the second factor and its recovery codes are deleted; the next sign-in takes the password alone. */
export async function resetSecondFactorAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageUsers);
    const { user, had } = await resetSecondFactor(getDb(), { id: String(form.get("id") ?? "") }, actor);
    revalidatePath("/settings/users");
    return had ? `Reset the second factor of ${user.email}: their next sign-in takes the password alone.` : `${user.email} had no second factor.`;
  });
}
