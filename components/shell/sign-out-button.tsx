"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="rounded-md px-3 py-1.5 text-sm text-slate-200 ring-1 ring-inset ring-white/30 hover:bg-white/10">
      Sign out
    </button>
  );
}
