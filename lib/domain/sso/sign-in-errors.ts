// What the sign-in page says for the ?error= codes that single sign-on ends with: ours (a refusal,
// lib/auth/sso.ts) and next-auth's own (the provider could not be reached, a check failed, …).

const REFUSALS: Record<string, string> = {
  "sso-no-role": "Your account has no role in this dashboard: ask an administrator to map one of your groups.",
  "sso-disabled": "Your account is disabled in this dashboard: ask an administrator.",
  "sso-local-account": "This e-mail belongs to a dashboard account that signs in with a password. Sign in with the password, or ask an administrator to convert the account to single sign-on.",
  "sso-email-taken": "This e-mail belongs to another single sign-on account: ask an administrator.",
  "sso-bad-claims": "The identity provider sent no usable e-mail address: ask an administrator to check the provider's settings.",
};

/** next-auth's codes for a sign-in through a provider that did not complete. */
const FAILURES = new Set(["OAuthSignin", "OAuthCallback", "OAuthCreateAccount", "OAuthAccountNotLinked", "Callback", "AccessDenied", "Configuration"]);

/** The message for an ?error= code, or null for codes that are not single sign-on's (or made up). */
export function ssoErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  if (Object.hasOwn(REFUSALS, code)) return REFUSALS[code];
  if (FAILURES.has(code)) return "Single sign-on did not complete. Try again; if it keeps failing, ask an administrator to look at the server log.";
  return null;
}
