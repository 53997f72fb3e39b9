// Single sign-on, item 1 of issue 19: the identity provider's claims become a dashboard user with
// the role their groups map to, refused when no group maps, re-evaluated at every sign-in. On the
// old code there was no single sign-on at all (no provider, no mappings, no SSO accounts).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { createSession } from "@/lib/auth/sessions";
import { signInThroughSso } from "@/lib/auth/sso-sign-in";
import { ssoProvider, ssoSignInAnswer } from "@/lib/auth/sso";
import { convertToSso } from "@/lib/commands/sso-conversion";
import { addSsoMapping, removeSsoMapping } from "@/lib/commands/sso-mappings";
import { ApiError } from "@/lib/web/errors";
import { makeUser } from "./helpers";

const ISSUER = "https://login.example.org/tenant/v2.0";
const ADMIN = { system: "test" };
const db = () => getDb();
let n = 0;

/** An ID token's claims for a new person (their own subject and e-mail) in the given groups. */
function person(groups: unknown, extra: Record<string, unknown> = {}) {
  n += 1;
  return { sub: `subject-${n}-${Date.now()}`, email: `Person.${n}.${Date.now()}@Hospital.test`, name: `Person ${n}`, groups, ...extra };
}
const signIn = (claims: Record<string, unknown>, groupsClaim = "groups") => signInThroughSso(db(), { issuer: ISSUER, groupsClaim, claims });
const audits = (action: string, targetId: string) => db().auditLog.findMany({ where: { action, targetId } });

beforeAll(async () => {
  await addSsoMapping(db(), { group: "iomt-engineers", role: "engineer" }, ADMIN);
  await addSsoMapping(db(), { group: "iomt-viewers", role: "viewer" }, ADMIN);
  await addSsoMapping(db(), { group: "0b1c2d3e-aaaa-4000-8000-000000000001", role: "analyst" }, ADMIN);
});

describe("a person's first sign-in", () => {
  it("creates an SSO account with the mapped role, no password, audited", async () => {
    const claims = person(["staff", "iomt-engineers"]);
    const outcome = await signIn(claims);
    expect(outcome).toMatchObject({ ok: true, created: true, user: { email: claims.email.toLowerCase(), role: "engineer" } });
    if (!outcome.ok) return;
    const row = await db().user.findUniqueOrThrow({ where: { id: outcome.user.id } });
    expect(row).toMatchObject({ authSource: "sso", ssoIssuer: ISSUER, ssoSubject: claims.sub, passwordHash: null, role: "engineer", name: claims.name });
    expect(row.lastSignInAt).not.toBeNull();
    expect(await audits("user.sso.create", row.id)).toHaveLength(1);
  });

  it("gives the highest-privilege role of several mapped groups", async () => {
    const outcome = await signIn(person(["iomt-viewers", "0b1c2d3e-aaaa-4000-8000-000000000001", "iomt-engineers"]));
    expect(outcome.ok && outcome.user.role).toBe("analyst");
  });

  it("reads a differently named groups claim (OIDC_GROUPS_CLAIM)", async () => {
    const outcome = await signIn(person(undefined, { roles: ["iomt-viewers"] }), "roles");
    expect(outcome.ok && outcome.user.role).toBe("viewer");
  });

  it("uses Entra ID's preferred_username when there is no email claim", async () => {
    const claims = person(["iomt-viewers"]);
    const outcome = await signIn({ ...claims, email: undefined, preferred_username: "Upn.User@Hospital.test" });
    expect(outcome.ok && outcome.user.email).toBe("upn.user@hospital.test");
  });

  it.each([[["staff", "nurses"]], [[]], [undefined], ["IOMT-ENGINEERS"], [{ "iomt-engineers": true }]])("refuses groups %j that map to no role, and creates nothing", async (groups) => {
    const claims = person(groups);
    expect(await signIn(claims)).toEqual({ ok: false, reason: "no-role" });
    expect(await db().user.findUnique({ where: { email: claims.email.toLowerCase() } })).toBeNull();
  });

  it("refuses claims without a subject or any e-mail address", async () => {
    expect(await signIn({ ...person(["iomt-engineers"]), sub: undefined })).toEqual({ ok: false, reason: "bad-claims" });
    expect(await signIn({ ...person(["iomt-engineers"]), email: "not-an-address" })).toEqual({ ok: false, reason: "bad-claims" });
  });
});

describe("a local account with the same e-mail", () => {
  it("is not taken over by the identity provider", async () => {
    const local = await makeUser("viewer");
    const before = await db().user.findUniqueOrThrow({ where: { id: local.id } });
    expect(await signIn(person(["0b1c2d3e-aaaa-4000-8000-000000000001"], { email: local.email }))).toEqual({ ok: false, reason: "local-account" });
    expect(await db().user.findUniqueOrThrow({ where: { id: local.id } })).toEqual(before);
    expect(await db().user.count({ where: { email: local.email } })).toBe(1);
  });

  it("is claimed once an administrator converted it (scripts/user-convert-sso.ts)", async () => {
    const local = await makeUser("viewer");
    const open = await createSession(db(), { userId: local.id, method: "password" });
    await db().user.update({ where: { id: local.id }, data: { totpSecret: "sealed", totpEnabledAt: new Date() } });
    await convertToSso(db(), { email: local.email.toUpperCase() }, ADMIN);
    expect(await db().user.findUniqueOrThrow({ where: { id: local.id } })).toMatchObject({ authSource: "sso", passwordHash: null, totpSecret: null, totpEnabledAt: null, ssoSubject: null });
    expect((await db().userSession.findUniqueOrThrow({ where: { id: open } })).revokedAt).not.toBeNull();
    expect(await audits("user.sso.convert", local.id)).toHaveLength(1);
    const claims = person(["iomt-engineers"], { email: local.email });
    const outcome = await signIn(claims);
    expect(outcome).toMatchObject({ ok: true, created: false, user: { id: local.id, role: "engineer" } });
    expect(await db().user.findUniqueOrThrow({ where: { id: local.id } })).toMatchObject({ ssoIssuer: ISSUER, ssoSubject: claims.sub });
    expect(await audits("user.sso.link", local.id)).toHaveLength(1);
    // Another subject with that e-mail is now refused.
    expect(await signIn(person(["iomt-engineers"], { email: local.email }))).toEqual({ ok: false, reason: "email-taken" });
  });
});

describe("converting a local account", () => {
  it("refuses an unknown e-mail, an account already on single sign-on, and the last administrator with a password", async () => {
    await expect(convertToSso(db(), { email: "nobody@test.local" }, ADMIN)).rejects.toMatchObject({ status: 404 });
    await expect(convertToSso(db(), { email: "" }, ADMIN)).rejects.toMatchObject({ status: 400 });
    const sso = await signIn(person(["iomt-viewers"]));
    await expect(convertToSso(db(), { email: sso.ok ? sso.user.email : "" }, ADMIN)).rejects.toMatchObject({ status: 409 });
    // Every enabled local administrator but one is disabled: that one stays, for break-glass sign-in.
    const admin = await makeUser("admin");
    const others = await db().user.findMany({ where: { role: "admin", authSource: "local", disabledAt: null, id: { not: admin.id } }, select: { id: true } });
    await db().user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabledAt: new Date() } });
    await expect(convertToSso(db(), { email: admin.email }, ADMIN)).rejects.toMatchObject({ status: 409, code: "last_local_admin" });
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).authSource).toBe("local");
    await db().user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabledAt: null } });
  });
});

describe("every later sign-in", () => {
  it("follows a group change: the new role, audited, and the person's other sessions end", async () => {
    const claims = person(["iomt-engineers"]);
    const first = await signIn(claims);
    if (!first.ok) throw new Error("first sign-in refused");
    const open = await createSession(db(), { userId: first.user.id, method: "sso" });

    const same = await signIn(claims);
    expect(same.ok && same.user.role).toBe("engineer");
    expect((await db().userSession.findUniqueOrThrow({ where: { id: open } })).revokedAt).toBeNull();
    expect(await audits("user.sso.role-change", first.user.id)).toHaveLength(0);

    const moved = await signIn({ ...claims, groups: ["iomt-viewers"] });
    expect(moved).toMatchObject({ ok: true, created: false, user: { id: first.user.id, role: "viewer" } });
    expect((await db().user.findUniqueOrThrow({ where: { id: first.user.id } })).role).toBe("viewer");
    expect(await db().userSession.findUniqueOrThrow({ where: { id: open } })).toMatchObject({ revokedReason: "role-change" });
    const [entry] = await audits("user.sso.role-change", first.user.id);
    expect(entry).toMatchObject({ before: { role: "engineer" }, after: { role: "viewer", sessionsEnded: 1 } });
  });

  it("refuses a person whose groups no longer map (ending their open sessions), and one an administrator disabled", async () => {
    const claims = person(["iomt-engineers"]);
    const first = await signIn(claims);
    if (!first.ok) throw new Error("first sign-in refused");
    const open = await createSession(db(), { userId: first.user.id, method: "sso" });
    expect(await signIn({ ...claims, groups: ["staff"] })).toEqual({ ok: false, reason: "no-role" });
    expect((await db().user.findUniqueOrThrow({ where: { id: first.user.id } })).role).toBe("engineer");
    // Access withdrawn at the provider: the session still open here ends too.
    expect(await db().userSession.findUniqueOrThrow({ where: { id: open } })).toMatchObject({ revokedReason: "groups-unmapped" });
    expect(await audits("user.sso.no-role", first.user.id)).toHaveLength(1);
    await db().user.update({ where: { id: first.user.id }, data: { disabledAt: new Date() } });
    expect(await signIn(claims)).toEqual({ ok: false, reason: "disabled" });
  });

  it("removing a mapping refuses its members at their next sign-in", async () => {
    const mapping = await addSsoMapping(db(), { group: "temporary-group", role: "viewer" }, ADMIN);
    const claims = person(["temporary-group"]);
    expect((await signIn(claims)).ok).toBe(true);
    await removeSsoMapping(db(), { id: mapping.id }, ADMIN);
    expect(await signIn(claims)).toEqual({ ok: false, reason: "no-role" });
  });
});

describe("the next-auth provider", () => {
  const provider = ssoProvider({ issuer: ISSUER, clientId: "c", clientSecret: "s", groupsClaim: "groups", scopes: "openid email profile", displayName: "Hospital" });

  it("is an OpenID Connect provider checked with PKCE, state and nonce, reading the ID token", () => {
    expect(provider).toMatchObject({ id: "oidc", type: "oauth", idToken: true, wellKnown: `${ISSUER}/.well-known/openid-configuration`, checks: ["pkce", "state", "nonce"] });
  });

  it("hands next-auth our user (our id and role), or a refusal the signIn callback turns into the sign-in page's message", async () => {
    const accepted = await provider.profile(person(["iomt-engineers"]), {});
    expect(accepted).toMatchObject({ role: "engineer" });
    expect(await db().user.findUnique({ where: { id: accepted.id } })).not.toBeNull();
    expect(ssoSignInAnswer(accepted)).toBe(true);

    const refused = await provider.profile(person(["nobody"]), {});
    expect(ssoSignInAnswer(refused)).toBe("/login?error=sso-no-role");
    expect(await db().user.findUnique({ where: { id: refused.id } })).toBeNull();
  });
});

describe("next-auth's providers follow the environment", () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
    vi.resetModules();
  });

  async function providerIds(env: Record<string, string>) {
    Object.assign(process.env, env);
    vi.resetModules();
    const { authOptions } = await import("@/lib/auth/options");
    return authOptions.providers.map((p) => p.id);
  }

  it("adds single sign-on with OIDC_ISSUER, and drops e-mail and password with LOCAL_SIGNIN=off", async () => {
    expect(await providerIds({})).toEqual(["credentials"]);
    const sso = { OIDC_ISSUER: "http://127.0.0.1:1", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" };
    expect(await providerIds(sso)).toEqual(["credentials", "oidc"]);
    expect(await providerIds({ ...sso, LOCAL_SIGNIN: "off" })).toEqual(["oidc"]);
  });
});

describe("the group → role mappings (Settings → Single sign-on)", () => {
  it("adds and removes, each audited", async () => {
    const admin = await makeUser("admin");
    const mapping = await addSsoMapping(db(), { group: "  /iomt/admins  ", role: "admin" }, admin);
    expect(mapping).toMatchObject({ group: "/iomt/admins", role: "admin", createdBy: admin.email });
    expect(await audits("sso.mapping.add", mapping.id)).toHaveLength(1);
    await removeSsoMapping(db(), { id: mapping.id }, ADMIN);
    expect(await db().ssoGroupRole.findUnique({ where: { id: mapping.id } })).toBeNull();
    const [removed] = await audits("sso.mapping.remove", mapping.id);
    expect(removed.before).toEqual({ group: "/iomt/admins", role: "admin" });
  });

  it.each([
    [{ group: "g", role: "wizard" }, 400],
    [{ group: "", role: "viewer" }, 400],
    [{ group: "x".repeat(257), role: "viewer" }, 400],
    [{ group: ["a"], role: "viewer" }, 400],
    [{ group: "iomt-engineers", role: "admin" }, 409],
  ])("refuses %j and changes nothing", async (input, status) => {
    const before = await db().ssoGroupRole.count();
    const error = await addSsoMapping(db(), input, ADMIN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expect(await db().ssoGroupRole.count()).toBe(before);
    expect((await db().ssoGroupRole.findUnique({ where: { group: "iomt-engineers" } }))?.role).toBe("engineer");
  });

  it("refuses to remove a mapping that does not exist", async () => {
    await expect(removeSsoMapping(db(), { id: "no-such-mapping" }, ADMIN)).rejects.toMatchObject({ status: 404 });
    await expect(removeSsoMapping(db(), { id: "x".repeat(65) }, ADMIN)).rejects.toMatchObject({ status: 400 });
  });
});
