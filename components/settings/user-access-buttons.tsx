"use client";

import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/web/action-result";

type ResetResult = ActionResult & { secret?: string; name?: string };

/** Hooks run on every render: a row without a second factor to reset still calls useFormAction. */
const noAction: FormAction = async () => ({ ok: false });

/** A button that asks `question` first, then posts the user's id to `action`. */
function ConfirmedForm({ action, id, label, question, text, children }: { action: (form: FormData) => void; id: string; label: string; question: string; text: string; children?: React.ReactNode }) {
  return (
    <form action={action} aria-label={label} onSubmit={(event) => { if (!window.confirm(question)) event.preventDefault(); }} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary">{text}</Button>
      {children}
    </form>
  );
}

/**
 * An administrator's access actions on one user: reset the password (a temporary one, shown once,
 * changed at the next sign-in), sign out everywhere, and reset a lost second factor (`twoFactorAction`,
 * given only when the user has one). Single sign-on accounts have no password here.
 */
export function UserAccessButtons({ resetAction, signOutAction, twoFactorAction, id, email, sso }: {
  resetAction: FormAction<ResetResult>;
  signOutAction: FormAction;
  twoFactorAction?: FormAction;
  id: string;
  email: string;
  sso: boolean;
}) {
  const reset = useFormAction(resetAction);
  const signOut = useFormAction(signOutAction);
  const twoFactor = useFormAction(twoFactorAction ?? noAction);
  return (
    <div className="mt-1 flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        {sso ? (
          <span className="text-xs text-slate-500">Password kept by the identity provider</span>
        ) : (
          <ConfirmedForm action={reset.formAction} id={id} label={`Reset the password of ${email}`} question={`Reset the password of ${email}? Their sessions end and they must choose a new password at the next sign-in.`} text="Reset password" />
        )}
        <ConfirmedForm action={signOut.formAction} id={id} label={`Sign ${email} out everywhere`} question={`Sign ${email} out of every session now?`} text="Sign out everywhere" />
        {twoFactorAction && (
          <ConfirmedForm action={twoFactor.formAction} id={id} label={`Reset the second factor of ${email}`} question={`Reset the second factor of ${email}? Their authenticator app and recovery codes stop working; the next sign-in takes the password alone.`} text="Reset second factor" />
        )}
      </div>
      <ActionMessage state={reset.state} className="text-xs" />
      {reset.state?.secret && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs">
          <p className="font-medium text-amber-900">Temporary password for {reset.state.name}: give it to them now; it cannot be shown again.</p>
          <code data-testid="temporary-password" className="mt-1 block break-all rounded bg-white p-1 font-mono text-slate-900 ring-1 ring-amber-200">{reset.state.secret}</code>
        </div>
      )}
      <ActionMessage state={signOut.state} className="text-xs" />
      <ActionMessage state={twoFactor.state} className="text-xs" />
    </div>
  );
}
