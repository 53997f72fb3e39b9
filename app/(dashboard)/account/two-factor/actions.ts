"use server";

import { revalidatePath } from "next/cache";
import { runAction, runSecretAction, type ActionResult } from "@/lib/web/action-result";
import { canManageOwnAccount } from "@/lib/auth/account-gate";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { confirmTwoFactor, disableTwoFactor, regenerateRecoveryCodes, startTwoFactor } from "@/lib/commands/two-factor";

// Each person manages their own second factor: the account is always the signed-in one, never an id from the form.
const PAGE = "/account/two-factor";

export async function startTwoFactorAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageOwnAccount);
    await startTwoFactor(getDb(), actor.id, actor);
    revalidatePath(PAGE);
    return "Scan the QR code with your authenticator app, then enter the code it shows.";
  });
}

/** Answers the recovery codes this once; the page is refreshed only when the person says they saved them. */
export async function confirmTwoFactorAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult & { recoveryCodes?: string }> {
  return runSecretAction(form, async () => {
    const actor = await requirePermission(canManageOwnAccount);
    const { recoveryCodes } = await confirmTwoFactor(getDb(), actor.id, { code: form.get("code") }, actor);
    return { message: "The second factor is on.", shown: { recoveryCodes: recoveryCodes.join(" ") } };
  });
}

export async function regenerateRecoveryCodesAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult & { recoveryCodes?: string }> {
  return runSecretAction(form, async () => {
    const actor = await requirePermission(canManageOwnAccount);
    const { recoveryCodes } = await regenerateRecoveryCodes(getDb(), actor.id, { code: form.get("code") }, actor);
    return { message: "New recovery codes: the old ones no longer work.", shown: { recoveryCodes: recoveryCodes.join(" ") } };
  });
}

export async function disableTwoFactorAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageOwnAccount);
    await disableTwoFactor(getDb(), actor.id, { code: form.get("code"), password: form.get("password") }, actor);
    revalidatePath(PAGE);
    return "The second factor is off: sign-in takes the password alone.";
  });
}
