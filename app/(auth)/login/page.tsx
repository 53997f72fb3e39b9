import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { SsoSignIn } from "@/components/auth/sso-sign-in";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { localSignInEnabled } from "@/lib/auth/identity-config";
import { currentUser } from "@/lib/auth/session";
import { SSO_PROVIDER_ID, ssoConfig } from "@/lib/auth/sso-config";
import { ssoErrorMessage } from "@/lib/domain/sso/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };

type Params = { callbackUrl?: string; error?: string };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Params> }) {
  if (await currentUser()) redirect("/");
  const { callbackUrl, error } = await searchParams;
  // Only paths on this site, parsed as the browser will: a crafted link must not bounce a signed-in user elsewhere.
  const next = sameOriginPath(typeof callbackUrl === "string" ? callbackUrl : undefined) ?? "/";
  const sso = ssoConfig();
  const local = localSignInEnabled();
  const refusal = ssoErrorMessage(typeof error === "string" ? error : undefined);
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">IoMT Risk</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">Sign in to see the devices on your network.</p>
        {refusal && (
          <p role="alert" className="mb-4 rounded-md bg-red-50 p-2 text-sm text-red-800">
            {refusal}
          </p>
        )}
        {sso && (
          <div className="flex flex-col">
            <SsoSignIn providerId={SSO_PROVIDER_ID} label={sso.displayName} next={next} primary={!local} />
          </div>
        )}
        {sso && local && <p className="my-4 text-center text-xs uppercase tracking-wide text-slate-500">or with a dashboard password</p>}
        {local && <LoginForm next={next} />}
      </div>
    </main>
  );
}
