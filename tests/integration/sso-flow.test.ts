// The whole single sign-on code flow, in-process, against a real OpenID Connect provider on
// 127.0.0.1 (tests/support/oidc-fixture.ts): next-auth's own handler (discovery, PKCE, state,
// nonce, the code exchanged for a signed ID token) with the dashboard's options, so what
// e2e/sso.spec.ts shows in a browser also holds here on both databases, in seconds.
import { createRequire } from "node:module";
import type { ReactElement, ReactNode } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AuthOptions } from "next-auth";
import { getDb } from "@/lib/db/client";
import { addSsoMapping } from "@/lib/commands/sso-mappings";
import { makeUser } from "./helpers";
import { startOidcFixture, type OidcFixture } from "../support/oidc-fixture";

// next-auth's framework-free handler (the one its Next.js route wraps); not in the package's exports map, so by file.
const { AuthHandler } = createRequire(import.meta.url)(`${process.cwd()}/node_modules/next-auth/core/index.js`) as {
  AuthHandler: <B>(params: { req: Record<string, unknown>; options: AuthOptions }) => Promise<{ redirect?: string; body?: B; cookies?: { name: string; value: string }[] }>;
};

// The sign-in page renders for a signed-out visitor.
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => null }));

const DASHBOARD = "http://localhost:3000";
type Jar = Map<string, string>;

let idp: OidcFixture;
let authOptions: AuthOptions;
const saved = { ...process.env };

beforeAll(async () => {
  idp = await startOidcFixture({ redirectUris: [`${DASHBOARD}/api/auth/callback/oidc`] });
  Object.assign(process.env, { NEXTAUTH_URL: DASHBOARD, NEXTAUTH_SECRET: "sso-flow-test-secret-0123456789abcdef", OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret });
  vi.resetModules();
  ({ authOptions } = await import("@/lib/auth/options"));
  await addSsoMapping(getDb(), { group: "flow-engineers", role: "engineer" }, { system: "test" });
  await addSsoMapping(getDb(), { group: "flow-viewers", role: "viewer" }, { system: "test" });
});

afterAll(async () => {
  process.env = saved;
  await idp?.close();
});

/** One call of next-auth's handler, as /api/auth/<action>/<provider> would make it, keeping its cookies in `jar`. */
async function auth(jar: Jar, action: string, providerId?: string, init: { method?: string; query?: Record<string, string>; body?: Record<string, string> } = {}) {
  const answer = await AuthHandler<Record<string, unknown>>({
    req: { origin: DASHBOARD, method: init.method ?? "GET", action: action as never, providerId, query: init.query ?? {}, body: init.body, cookies: Object.fromEntries(jar), headers: { host: "localhost:3000" }, error: init.query?.error },
    options: authOptions,
  });
  for (const c of answer.cookies ?? []) if (c.value) jar.set(c.name, c.value); else jar.delete(c.name);
  return answer;
}

/** The browser's side at the provider: follows redirects, submits the login name on the provider's page, stops at the dashboard. */
async function atProvider(start: string, login: string, providerJar: Jar): Promise<URL> {
  let url = start;
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(DASHBOARD)) return new URL(url);
    const cookie = [...providerJar].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair.indexOf("=");
      if (/expires=Thu, 01 Jan 1970/i.test(c)) providerJar.delete(pair.slice(0, at));
      else providerJar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    init = {};
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url).href;
      continue;
    }
    const action = (await res.text()).match(/<form[^>]*action="([^"]+)"/)?.[1];
    if (!action) throw new Error(`the provider answered ${res.status} at ${url} without a form`);
    url = new URL(action, url).href;
    init = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ prompt: "login", login, password: "any" }).toString() };
  }
  throw new Error("too many redirects");
}

/** A person's whole sign-in: the dashboard's button, the provider's page, back to the callback. Answers where they land and their session. */
async function signIn(login: string, jars = { dashboard: new Map() as Jar, provider: new Map() as Jar }) {
  const { body: csrf } = await auth(jars.dashboard, "csrf");
  const started = await auth(jars.dashboard, "signin", "oidc", { method: "POST", body: { csrfToken: String(csrf?.csrfToken), callbackUrl: `${DASHBOARD}/` } });
  expect(started.redirect).toMatch(new RegExp(`^${idp.issuer}/auth\\?`));
  const authorize = new URL(started.redirect!);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("nonce")).toBeTruthy();
  expect(authorize.searchParams.get("state")).toBeTruthy();
  const back = await atProvider(started.redirect!, login, jars.provider);
  expect(back.pathname).toBe("/api/auth/callback/oidc");
  const landed = await auth(jars.dashboard, "callback", "oidc", { query: Object.fromEntries(back.searchParams) });
  const { body: session } = await auth(jars.dashboard, "session");
  return { landed: landed.redirect, session: session as { user?: { id: string; role: string; email: string } }, jars };
}

describe("single sign-on through a real OpenID Connect provider", () => {
  it("signs a person in with the role their group maps to, made as an SSO account with a session row", async () => {
    idp.setAccount("flow-eve", { groups: ["staff", "flow-engineers"] });
    const { landed, session } = await signIn("flow-eve");
    expect(landed).toBe(`${DASHBOARD}/`);
    expect(session.user).toMatchObject({ email: "flow-eve@hospital.test", role: "engineer" });
    const user = await getDb().user.findUniqueOrThrow({ where: { id: session.user!.id } });
    expect(user).toMatchObject({ authSource: "sso", ssoIssuer: idp.issuer, ssoSubject: "flow-eve", passwordHash: null, role: "engineer" });
    expect(await getDb().userSession.count({ where: { userId: user.id, method: "sso", revokedAt: null } })).toBe(1);
  });

  it("refuses a person whose groups map to no role: back to the sign-in page with the reason, no account, no session", async () => {
    idp.setAccount("flow-nora", { groups: ["staff", "nurses"] });
    const { landed, session } = await signIn("flow-nora");
    expect(landed).toBe("/login?error=sso-no-role");
    expect(session.user).toBeUndefined();
    expect(await getDb().user.findUnique({ where: { email: "flow-nora@hospital.test" } })).toBeNull();
  });

  it("follows a group change at the next sign-in, and ends the sessions of the old role", async () => {
    idp.setAccount("flow-max", { groups: ["flow-engineers"] });
    const first = await signIn("flow-max");
    expect(first.session.user?.role).toBe("engineer");
    idp.setAccount("flow-max", { groups: ["flow-viewers"] });
    // Same browser: the provider remembers the sign-in, the dashboard reads the new groups.
    const second = await signIn("flow-max", { dashboard: new Map(), provider: first.jars.provider });
    expect(second.session.user).toMatchObject({ id: first.session.user!.id, role: "viewer" });
    const { body: old } = await auth(first.jars.dashboard, "session");
    expect(old).toEqual({});
  });

  it("does not let the provider take over a local account with the same e-mail", async () => {
    const local = await makeUser("admin", "flow-local@hospital.test");
    idp.setAccount("flow-mallory", { email: local.email, groups: ["flow-engineers"] });
    const { landed, session } = await signIn("flow-mallory");
    expect(landed).toBe("/login?error=sso-local-account");
    expect(session.user).toBeUndefined();
    expect(await getDb().user.findUniqueOrThrow({ where: { id: local.id } })).toMatchObject({ authSource: "local", ssoSubject: null, role: "admin" });
  });
});

describe("the sign-in page", () => {
  /** The names of the components the page renders (the password form, the single sign-on button) and the alert's text. */
  async function render(env: Record<string, string>, error?: string) {
    Object.assign(process.env, env);
    const { default: LoginPage } = await import("@/app/(auth)/login/page");
    const page = (await LoginPage({ searchParams: Promise.resolve({ error }) })) as ReactElement;
    const found: string[] = [];
    const walk = (node: ReactNode): void => {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) return node.forEach(walk);
      const element = node as ReactElement<{ children?: ReactNode; role?: string; label?: string }>;
      if (typeof element.type === "function") found.push(element.type.name + (element.props.label ? `:${element.props.label}` : ""));
      if (element.props?.role === "alert") found.push(`alert:${String(element.props.children)}`);
      walk(element.props?.children);
    };
    walk(page);
    return found;
  }

  it("offers single sign-on beside the password form, and only single sign-on with LOCAL_SIGNIN=off", async () => {
    expect(await render({ LOCAL_SIGNIN: "on", OIDC_DISPLAY_NAME: "Hospital Login" })).toEqual(["SsoSignIn:Hospital Login", "LoginForm"]);
    expect(await render({ LOCAL_SIGNIN: "off" })).toEqual(["SsoSignIn:Hospital Login"]);
  });

  it("says why single sign-on refused a person, and nothing for a made-up code", async () => {
    expect(await render({ LOCAL_SIGNIN: "off" }, "sso-no-role")).toContain("alert:Your account has no role in this dashboard: ask an administrator to map one of your groups.");
    expect((await render({ LOCAL_SIGNIN: "off" }, "<b>forged</b>")).filter((f) => f.startsWith("alert:"))).toEqual([]);
  });
});
