// next-auth configuration (Node only: it reaches the database through checkSignIn).
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db/client";
import { sameOriginRedirect } from "./callback-url";
import { clientAddressOf, trustedProxies } from "./client-address";
import { checkSignIn } from "./signin";

/** A hospital shift: a session left open on a shared workstation does not outlive it. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const credentialsSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(256),
});

/** Read once: a malformed TRUSTED_PROXIES fails the first sign-in loudly rather than trusting anyone. */
let trusted: ReturnType<typeof trustedProxies> | undefined;

/** The client's address: the real peer, or from X-Forwarded-For only through TRUSTED_PROXIES (client-address.ts). */
function clientAddress(headers: Record<string, unknown> | undefined): string {
  trusted ??= trustedProxies(process.env.TRUSTED_PROXIES);
  const forwarded = headers?.["x-forwarded-for"];
  return clientAddressOf(typeof forwarded === "string" ? forwarded : undefined, trusted);
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const result = await checkSignIn(getDb(), parsed.data.email, parsed.data.password, clientAddress(req?.headers));
        if (result.ok) return result.user;
        // next-auth passes a thrown message to the sign-in page as ?error=…
        if (result.reason !== "invalid") throw new Error(`${result.reason}:${result.retryAfterSeconds ?? 60}`);
        return null;
      },
    }),
  ],
  callbacks: {
    redirect: sameOriginRedirect,
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = { id: token.uid, email: token.email ?? "", name: token.name, role: token.role };
      }
      return session;
    },
  },
};
