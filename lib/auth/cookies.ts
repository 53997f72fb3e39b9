// Which session cookie the dashboard sets and reads. One rule for next-auth (lib/auth/options.ts)
// and the page gate (proxy.ts), so they cannot disagree: whenever the public address
// (NEXTAUTH_URL, set by scripts/start.ts) is https, the cookie is Secure and carries the
// __Secure- prefix, which browsers refuse to accept over plain http. Pure, and safe for the proxy.

export function usesSecureCookies(publicUrl: string | undefined): boolean {
  return (publicUrl ?? "").trim().toLowerCase().startsWith("https://");
}

/** next-auth's own names for the session cookie, plain and Secure. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}
