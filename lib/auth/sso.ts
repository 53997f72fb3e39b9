// Single sign-on through OpenID Connect (Entra ID, Okta, Keycloak, any compliant provider), as a
// next-auth provider. The provider vouches for the person; profile() turns its ID token's claims
// into our user (lib/auth/sso-sign-in.ts). A refusal cannot be thrown from profile() (next-auth
// would swallow it and show nothing), so it comes back as a marked user that the signIn callback
// turns into a redirect to the sign-in page with the reason.
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getDb } from "../db/client";
import { signInThroughSso, type SsoRefusal, type SsoUser } from "./sso-sign-in";
import { log } from "../ops/log";
import { SSO_PROVIDER_ID, ssoConfig, type SsoConfig } from "./sso-config";

type Claims = Record<string, unknown>;

const REFUSED = "sso-refused:";

/** The sign-in page's ?error= code for each refusal. */
export const ssoErrorCode = (reason: SsoRefusal) => `sso-${reason}`;

export function ssoProvider(config: SsoConfig): OAuthConfig<Claims> {
  return {
    id: SSO_PROVIDER_ID,
    name: config.displayName,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    // The claims (groups included) come from the signed ID token, checked against the issuer's keys.
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    httpOptions: { timeout: 10_000 },
    async profile(claims): Promise<SsoUser> {
      const outcome = await signInThroughSso(getDb(), { issuer: config.issuer, groupsClaim: config.groupsClaim, claims });
      if (!outcome.ok) return { id: `${REFUSED}${outcome.reason}`, email: "", name: null, role: "viewer" };
      log.info("signed in through single sign-on", { userId: outcome.user.id, email: outcome.user.email, role: outcome.user.role, created: outcome.created });
      return outcome.user;
    },
  };
}

/** The providers to add to next-auth: the one OpenID Connect provider, when OIDC_ISSUER is set. */
export function ssoProviders(): OAuthConfig<Claims>[] {
  const config = ssoConfig();
  return config ? [ssoProvider(config)] : [];
}

/**
 * next-auth's signIn callback for single sign-on: true for an accepted person, else the sign-in
 * page with the refusal's code. Even if a marked user got through, no session could follow: its id
 * names no account, and every request reads the account (lib/auth/session.ts).
 */
export function ssoSignInAnswer(user: { id: string }): true | string {
  if (!user.id.startsWith(REFUSED)) return true;
  return `/login?error=${ssoErrorCode(user.id.slice(REFUSED.length) as SsoRefusal)}`;
}
