"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { canManageOwnAccount } from "@/lib/auth/account-gate";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { currentSessionId, requirePermission } from "@/lib/auth/session";
import { changeOwnPassword, signOutEverywhere } from "@/lib/commands/user-accounts";
import { getDb } from "@/lib/db/client";
import { countOf } from "@/lib/domain/words/count";
import { badRequest } from "@/lib/web/errors";

/** The person's own password, with the current one; this session stays, the others end. Open while a reset password must be changed. */
export async function changePasswordAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  let wasRequired = false;
  const result = await runAction(form, async () => {
    const me = await requirePermission(canManageOwnAccount);
    const newPassword = form.get("newPassword");
    if (newPassword !== form.get("confirmPassword")) {
      throw badRequest("invalid_password", "The password was not changed.", [{ path: "confirmPassword", message: "The two new passwords differ." }]);
    }
    const { sessionsEnded } = await changeOwnPassword(getDb(), me.id, { currentPassword: form.get("currentPassword"), newPassword }, { keepSession: await currentSessionId() });
    wasRequired = me.mustChangePassword;
    revalidatePath("/account");
    return `Password changed.${sessionsEnded ? ` ${countOf(sessionsEnded, "other session")} signed out.` : ""}`;
  });
  // A forced change done: on to the dashboard (or to the next pending step, which the pages enforce).
  if (result.ok && wasRequired) redirect("/");
  return result;
}

/** Ends every session of the person but the one they are using. */
export async function signOutOtherSessionsAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const me = await requirePermission(canManageOwnAccount);
    const { sessionsEnded } = await signOutEverywhere(getDb(), me.id, me, { except: await currentSessionId() });
    revalidatePath("/account");
    return `${countOf(sessionsEnded, "other session")} signed out.`;
  });
}

/** Ends every session of the person, this one included (the page then signs this browser out). */
export async function signOutEverywhereAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const me = await requirePermission(canManageOwnAccount);
    const { sessionsEnded } = await signOutEverywhere(getDb(), me.id, me);
    return `${countOf(sessionsEnded, "session")} signed out.`;
  });
}
