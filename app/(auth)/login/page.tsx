import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only paths on this site, parsed as the browser will: a crafted link must not bounce a signed-in user elsewhere.
  const next = sameOriginPath(typeof callbackUrl === "string" ? callbackUrl : undefined) ?? "/";
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">IoMT Risk</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">Sign in to see the devices on your network.</p>
        <LoginForm next={next} />
      </div>
    </main>
  );
}
