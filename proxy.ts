// First gate for pages: a request without a session is sent to the sign-in page (every page,
// route handler and server action still checks the user and role itself on the server), and
// every page gets a strict Content-Security-Policy with a fresh nonce: only scripts carrying it
// (Next.js's own, which reads the nonce from this header) and what they load may run, so markup
// injected through a device name could not execute even if it escaped React's escaping.
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { PATH_HEADER } from "./lib/auth/account-gate";
import { sessionCookieName, usesSecureCookies } from "./lib/auth/cookies";

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (charts, widths) need this; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function withPolicy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  // Set here on every page request, so a client cannot choose it: requirePageUser's gate reads it.
  headers.set(PATH_HEADER, request.nextUrl.pathname);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// The same cookie name next-auth sets (lib/auth/options.ts): Secure and __Secure- prefixed behind https.
const signedIn = withAuth(withPolicy, {
  pages: { signIn: "/login" },
  cookies: { sessionToken: { name: sessionCookieName(usesSecureCookies(process.env.NEXTAUTH_URL)) } },
});

export default function proxy(request: NextRequestWithAuth, event: NextFetchEvent) {
  // next-auth lets its sign-in page through without calling us: it gets its policy here.
  return request.nextUrl.pathname === "/login" ? withPolicy(request) : signedIn(request, event);
}

export const config = {
  // Everything but the APIs (they authenticate themselves and answer JSON under a static
  // policy, next.config.mjs) and static files.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
