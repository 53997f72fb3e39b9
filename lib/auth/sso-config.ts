// Single sign-on (OpenID Connect) settings, from the environment. Single sign-on is on when
// OIDC_ISSUER is set; then the rest must be right, and a mistake stops `npm start` with a message
// rather than surfacing at someone's first sign-in:
//
//   OIDC_ISSUER                 the provider's issuer URL (https; http only on localhost)
//   OIDC_CLIENT_ID              the dashboard's client id at the provider
//   OIDC_CLIENT_SECRET          its secret, or OIDC_CLIENT_SECRET_FILE naming a file that holds it
//   OIDC_GROUPS_CLAIM=groups    the ID token claim listing the person's groups
//   OIDC_SCOPES                 scopes asked for (default "openid email profile"; Okta: add "groups")
//   OIDC_DISPLAY_NAME           the sign-in button's label (default "Single sign-on")
import { readFileSync } from "node:fs";
import { z } from "zod";
import { localSignInEnabled } from "./identity-config";

type Env = Record<string, string | undefined>;

/** next-auth's provider id: the callback URL is <NEXTAUTH_URL>/api/auth/callback/oidc. */
export const SSO_PROVIDER_ID = "oidc";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const issuerSchema = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ message: "OIDC_ISSUER must be a URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0" }))
  .refine((value) => {
    if (!URL.canParse(value)) return true; // reported by z.url above
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname));
  }, "OIDC_ISSUER must use https (http only for a provider on this machine)")
  .transform((value) => value.replace(/\/+$/, ""));

const ssoSchema = z.object({
  issuer: issuerSchema,
  clientId: z.string().trim().min(1, "OIDC_CLIENT_ID is required with OIDC_ISSUER").max(500),
  clientSecret: z.string().min(1, "OIDC_CLIENT_SECRET (or OIDC_CLIENT_SECRET_FILE) is required with OIDC_ISSUER").max(4096),
  groupsClaim: z.string().trim().min(1).max(200).regex(/^[\w.:/-]+$/, "OIDC_GROUPS_CLAIM must be a claim name, e.g. groups"),
  scopes: z.string().trim().max(500).refine((s) => s.split(/\s+/).includes("openid"), "OIDC_SCOPES must include openid"),
  displayName: z.string().trim().min(1).max(60),
});

export type SsoConfig = z.infer<typeof ssoSchema>;

function clientSecret(env: Env): string {
  const file = env.OIDC_CLIENT_SECRET_FILE?.trim();
  if (file && env.OIDC_CLIENT_SECRET) throw new Error("Set OIDC_CLIENT_SECRET or OIDC_CLIENT_SECRET_FILE, not both");
  if (!file) return env.OIDC_CLIENT_SECRET ?? "";
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    throw new Error(`OIDC_CLIENT_SECRET_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}): ${file}`);
  }
}

/** The single sign-on settings, or null when OIDC_ISSUER is not set. Throws on a misconfiguration. */
export function ssoConfig(env: Env = process.env): SsoConfig | null {
  if (!env.OIDC_ISSUER?.trim()) return null;
  const parsed = ssoSchema.safeParse({
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID ?? "",
    clientSecret: clientSecret(env),
    groupsClaim: env.OIDC_GROUPS_CLAIM?.trim() || "groups",
    scopes: env.OIDC_SCOPES?.trim() || "openid email profile",
    displayName: env.OIDC_DISPLAY_NAME?.trim() || "Single sign-on",
  });
  if (!parsed.success) throw new Error(`single sign-on is misconfigured: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}

/** Where the provider sends people back: register exactly this at the provider. */
export function ssoCallbackUrl(env: Env = process.env): string {
  const base = (env.NEXTAUTH_URL || `http://localhost:${env.PORT || "3000"}`).replace(/\/+$/, "");
  return `${base}/api/auth/callback/${SSO_PROVIDER_ID}`;
}

/**
 * Checked when the server starts (scripts/start.ts): single sign-on settings are valid, and
 * LOCAL_SIGNIN=off only with single sign-on, or nobody could sign in at all.
 */
export function checkSignInConfig(env: Env = process.env): { sso: SsoConfig | null; local: boolean } {
  const sso = ssoConfig(env);
  const local = localSignInEnabled(env);
  if (!local && !sso) throw new Error("LOCAL_SIGNIN=off needs single sign-on (OIDC_ISSUER and the rest): otherwise nobody could sign in");
  return { sso, local };
}
