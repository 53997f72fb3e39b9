"use client";

import { signOut } from "next-auth/react";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { ActionMessage, useFormAction, type FormAction } from "@/components/ui/action-form";

/** "Sign out everywhere else" (this session stays) and "Sign out everywhere" (this one too). */
export function SessionSignOutButtons({ othersAction, allAction }: { othersAction: FormAction; allAction: FormAction }) {
  const others = useFormAction(othersAction);
  const all = useFormAction(allAction);
  // Every session ended, this one too: clear this browser's cookie and go to the sign-in page.
  useEffect(() => {
    if (all.state?.ok) void signOut({ callbackUrl: "/login" });
  }, [all.state]);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <form action={others.formAction} aria-label="Sign out everywhere else">
          <Button type="submit" variant="secondary" disabled={others.pending}>Sign out everywhere else</Button>
        </form>
        <form action={all.formAction} aria-label="Sign out everywhere" onSubmit={(event) => { if (!window.confirm("Sign out of every session, this one included?")) event.preventDefault(); }}>
          <Button type="submit" variant="danger" disabled={all.pending}>Sign out everywhere</Button>
        </form>
      </div>
      <ActionMessage state={others.state} />
      <ActionMessage state={all.state} />
    </div>
  );
}
