"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * "Continue with <provider>" ("Sign in" is the password form's button). next-auth's signIn asks
 * for the provider's address and then navigates there: a plain form post to the provider would
 * break the pages' form-action 'self' policy.
 */
export function SsoSignIn({ providerId, label, next, primary }: { providerId: string; label: string; next: string; primary: boolean }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      type="button"
      variant={primary ? "primary" : "secondary"}
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn(providerId, { callbackUrl: next });
      }}
    >
      {pending ? "Opening the sign-in page…" : `Continue with ${label}`}
    </Button>
  );
}
