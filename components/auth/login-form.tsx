"use client";

import { countOf } from "@/lib/domain/words/count";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

function describeError(error: string): string {
  const [reason, after] = error.split(":");
  const seconds = Math.max(1, Number(after) || 60);
  const wait = seconds < 120 ? countOf(seconds, "second") : countOf(Math.ceil(seconds / 60), "minute");
  if (reason === "locked") return `Too many failed sign-ins from here. Try again in ${wait}.`;
  if (reason === "slowed") return `Several failed sign-ins for this account: the password was not checked. Try again in ${wait}.`;
  return "Wrong e-mail or password.";
}

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    setPending(false);
    if (!result || result.error) {
      setError(describeError(result?.error ?? ""));
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
