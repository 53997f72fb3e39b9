// next-auth configuration (Node only: it reaches the database through checkSignIn and the
// session rows of sessions.ts).
import type { NextAuthOptions } from "next-auth";
import { headers } from "next/headers";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db/client";
import { sameOriginRedirect } from "./callback-url";
import { clientAddressOf, trustedProxies } from "./client-address";
import { usesSecureCookies } from "./cookies";
import { localSignInEnabled, sessionLimits } from "./identity-config";
import { checkSession, createSession, revokeSession, SessionEnded } from "./sessions";
import { log } from "../ops/log";
import { checkSignIn } from "./signin";
import { ssoProviders, ssoSignInAnswer } from "./sso";
import { SSO_PROVIDER_ID } from "./sso-config";

/** A hospital shift (SESSION_MAX_AGE_HOURS, default 8): the cookie's life matches the session row's absolute lifetime. */
export const SESSION_MAX_AGE_SECONDS = Math.round(sessionLimits().maxAgeMs / 1000);

const credentialsSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(256),
  // The second factor, asked for once the password is right: six digits or a recovery code.
  code: z.string().trim().max(32).optional(),
});

/** Read once: a malformed TRUSTED_PROXIES fails the first sign-in loudly rather than trusting anyone. */
let trusted: ReturnType<typeof trustedProxies> | undefined;

/** The client's address: the real peer, or from X-Forwarded-For only through TRUSTED_PROXIES (client-address.ts). */
function clientAddress(headers: Record<string, unknown> | undefined): string {
  trusted ??= trustedProxies(process.env.TRUSTED_PROXIES);
  const forwarded = headers?.["x-forwarded-for"];
  return clientAddressOf(typeof forwarded === "string" ? forwarded : undefined, trusted);
}

/** Where a new session comes from, for the person's list of sessions; nothing when there is no request (a test, a script). */
async function sessionOrigin(): Promise<{ address: string | null; userAgent: string | null }> {
  try {
    const h = await headers();
    return { address: clientAddress({ "x-forwarded-for": h.get("x-forwarded-for") ?? undefined }), userAgent: h.get("user-agent") };
  } catch {
    return { address: null, userAgent: null };
  }
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  // Secure (and __Secure-prefixed) whenever the public address is https; proxy.ts reads the same name.
  useSecureCookies: usesSecureCookies(process.env.NEXTAUTH_URL),
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" }, code: { label: "Code", type: "text" } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password, code } = parsed.data;
        const result = await checkSignIn(getDb(), email, password, clientAddress(req?.headers), new Date(), code);
        if (result.ok) return result.user;
        // next-auth passes a thrown message to the sign-in page as ?error=…
        if (result.reason !== "invalid") throw new Error(`${result.reason}:${result.retryAfterSeconds ?? 60}`);
        return null;
      },
    }),
    // Single sign-on (OIDC_ISSUER set): lib/auth/sso.ts.
    ...ssoProviders(),
    // LOCAL_SIGNIN=off: no e-mail and password at all, not merely a hidden form.
  ].filter((provider) => provider.id !== "credentials" || localSignInEnabled()),
  callbacks: {
    redirect: sameOriginRedirect,
    // A person the identity provider vouched for but the dashboard refuses (no mapped group, disabled, …) goes back to the sign-in page with the reason.
    signIn: ({ user, account }) => (account?.provider === SSO_PROVIDER_ID ? ssoSignInAnswer(user) : true),
    // Runs at sign-in (with `user`) and on every later use of the cookie (getServerSession,
    // GET /api/auth/session). A throw here makes next-auth answer no session and clear the cookie.
    async jwt({ token, user, account }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        const method = account?.provider === SSO_PROVIDER_ID ? "sso" : "password";
        token.sid = await createSession(getDb(), { userId: user.id, method, ...(await sessionOrigin()) });
        return token;
      }
      await checkSession(getDb(), token.sid);
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = { id: token.uid, email: token.email ?? "", name: token.name, role: token.role };
      }
      return session;
    },
  },
  logger: {
    // An ended session is the expected answer to an old cookie, not a server fault: one info line,
    // no stack. Other next-auth errors go to the product's log (redacted), not to the console.
    error(code, metadata) {
      if (code === "JWT_SESSION_ERROR" && metadata instanceof SessionEnded) return log.info("session refused", { state: metadata.state });
      const error = metadata instanceof Error ? metadata : metadata?.error;
      log.error("sign-in error", { code, error: error ? `${error.name}: ${error.message}` : undefined });
    },
  },
  events: {
    // The copied cookie dies with the session: sign-out ends the row it names.
    async signOut({ token }) {
      if (token?.sid) await revokeSession(getDb(), token.sid, "sign-out");
    },
  },
};
