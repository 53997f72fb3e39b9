// The Secure cookie flag whenever the public address is https (issue 19, item 2): next-auth sets
// a Secure, __Secure- prefixed session cookie, and the page gate (proxy.ts) reads that same name.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { createUser } from "@/lib/commands/user-accounts";
import { Browser } from "./auth-browser";
import { TEST_PASSWORD } from "./helpers";

const request = vi.hoisted(() => {
  process.env.NEXTAUTH_URL = "https://iomt.hospital.example";
  process.env.NEXTAUTH_SECRET = "sessions-https-secret-0123456789abcdef";
  return { jar: new Map<string, string>(), headers: {} as Record<string, string> };
});
vi.mock("next/headers", async (original) => (await import("./auth-browser")).nextHeadersFrom(request, await original()));

const handlers = await import("@/app/api/auth/[...nextauth]/route");
const { currentUser, currentSessionId } = await import("@/lib/auth/session");
const { default: proxy } = await import("@/proxy");

describe("behind https", () => {
  it("the session cookie is Secure and __Secure- prefixed, and the server and the page gate read it", async () => {
    const user = await createUser(getDb(), { email: "nurse.lead@https.test", role: "viewer", password: TEST_PASSWORD }, { system: "test" });
    const b = new Browser(request, handlers as never);
    expect(await b.signIn(user.email, TEST_PASSWORD)).toBe(true);
    const line = b.lastSetCookie.find((l) => l.startsWith("__Secure-next-auth.session-token="));
    expect(line).toBeDefined();
    expect(line).toMatch(/;\s*Secure/i);
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect([...b.jar.keys()]).not.toContain("next-auth.session-token");

    b.use();
    expect(await currentUser()).toMatchObject({ id: user.id });
    expect(await currentSessionId()).toBe((await getDb().userSession.findFirstOrThrow({ where: { userId: user.id } })).id);

    const page = (cookie?: string) => new NextRequest("https://iomt.hospital.example/inventory", { headers: cookie ? { cookie } : {} });
    const signedIn = await proxy(page(`__Secure-next-auth.session-token=${b.sessionCookie()}`) as never, {} as never);
    expect(signedIn?.headers.get("location")).toBeNull();
    const plainName = await proxy(page(`next-auth.session-token=${b.sessionCookie()}`) as never, {} as never);
    expect(plainName?.headers.get("location")).toMatch(/\/login/);
  });
});
