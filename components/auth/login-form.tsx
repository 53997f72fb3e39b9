"use client";

import { countOf } from "@/lib/domain/words/count";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

/** What the person reads; null for "second-factor", which is not an error but the next step. `askedForCode`: the code field was shown. */
function describeError(error: string, askedForCode: boolean): string | null {
  const [reason, after] = error.split(":");
  const seconds = Math.max(1, Number(after) || 60);
  const wait = seconds < 120 ? countOf(seconds, "second") : countOf(Math.ceil(seconds / 60), "minute");
  if (reason === "second-factor") return askedForCode ? "Enter the code from your authenticator app." : null;
  if (reason === "locked") return `Too many failed sign-ins from here. Try again in ${wait}.`;
  if (reason === "slowed") return `Several failed sign-ins for this account: the password was not checked. Try again in ${wait}.`;
  return askedForCode ? "Wrong password or code. Each code from the app and each recovery code works only once." : "Wrong e-mail or password.";
}

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  // Set once the password was right for an account with a second factor: the form then asks for the code.
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const code = String(form.get("code") ?? "").trim();
    const credentials = { email: form.get("email"), password: form.get("password"), ...(code ? { code } : {}) };
    const result = await signIn("credentials", { ...credentials, redirect: false });
    setPending(false);
    if (!result || result.error) {
      const error = result?.error ?? "";
      if (error.startsWith("second-factor")) setAskCode(true);
      setError(describeError(error, askCode) ?? undefined);
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Field id="email" label="E-mail">
        <input id="email" name="email" type="email" autoComplete="username" required maxLength={254} className={inputClass} />
      </Field>
      <Field id="password" label="Password">
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={256} className={inputClass} />
      </Field>
      {askCode && (
        <Field id="code" label="Code from your authenticator app" hint="Six digits. Lost your phone? A recovery code works here too, once.">
          <input id="code" name="code" autoComplete="one-time-code" inputMode="numeric" required maxLength={32} autoFocus aria-describedby="code-hint" className={inputClass} />
        </Field>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
