// Sessions that end (issue 19, item 2), through next-auth's REAL path: the route handler signs in,
// renews and signs out; getServerSession, server actions and route handlers read the cookie the
// browser holds. Each finding here passed on the old code (a stateless token renewed forever).
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { canViewDashboard } from "@/lib/auth/roles";
import type { Role } from "@/lib/auth/roles";
import { createUser, updateUser } from "@/lib/commands/user-accounts";
import { Browser } from "./auth-browser";
import { TEST_PASSWORD } from "./helpers";

const request = vi.hoisted(() => {
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  process.env.NEXTAUTH_SECRET = "sessions-test-secret-0123456789abcdef";
  process.env.ADMIN_TWO_FACTOR = "optional";
  return { jar: new Map<string, string>(), headers: {} as Record<string, string> };
});
vi.mock("next/headers", async (original) => (await import("./auth-browser")).nextHeadersFrom(request, await original()));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, updateTag: () => undefined, refresh: () => undefined }));

const handlers = await import("@/app/api/auth/[...nextauth]/route");
const { currentUser, requirePageUser, requirePermission } = await import("@/lib/auth/session");
const account = await import("@/app/(dashboard)/account/actions");
const usersPage = await import("@/app/(dashboard)/settings/users/actions");
const usersApi = await import("@/app/api/users/route");

const MIN = 60_000;
const unique = () => Math.random().toString(36).slice(2, 8);
const browser = () => new Browser(request, handlers as never);
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

async function person(role: Role) {
  return createUser(getDb(), { email: `${role}-${unique()}@sessions.test`, role, password: TEST_PASSWORD }, { system: "test" });
}

/** A person signed in through the real credentials flow, in a browser of their own. */
async function signedIn(role: Role) {
  const user = await person(role);
  const b = browser();
  expect(await b.signIn(user.email, TEST_PASSWORD)).toBe(true);
  return { user, b };
}

/** The user the server sees for this browser's cookie (getServerSession, then the database). */
async function seenAs(b: Browser) {
  b.use();
  return currentUser();
}

afterEach(() => {
  vi.useRealTimers();
  request.headers = {};
});

describe("a session is a row on the server", () => {
  it("sign-in makes a row named by the cookie; the API and pages see the user", async () => {
    const { user, b } = await signedIn("engineer");
    expect((await b.session()).user).toMatchObject({ id: user.id, role: "engineer" });
    expect(await seenAs(b)).toMatchObject({ id: user.id });
    const rows = await getDb().userSession.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: "password", revokedAt: null });
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(8 * 60 * MIN);
  });
});

describe("sign-out ends the session on the server", () => {
  it("a copied cookie no longer works after sign-out: no session, no page, no API, no action", async () => {
    const { user, b } = await signedIn("admin");
    const copied = b.sessionCookie()!;
    /** A fresh browser holding the copied cookie. */
    const thief = () => {
      const t = browser();
      t.jar.set("next-auth.session-token", copied);
      return t;
    };
    expect((await thief().session()).user?.id).toBe(user.id);
    await b.signOut();
    expect(b.sessionCookie()).toBeUndefined();
    expect(await getDb().userSession.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ revokedReason: "sign-out" });
    const t = thief();
    expect(await t.session()).toEqual({});
    expect(t.sessionCookie(), "next-auth clears the refused cookie").toBeUndefined();
    expect(await seenAs(thief())).toBeNull();
    await expect(requirePermission(canViewDashboard)).rejects.toMatchObject({ status: 401 });
    expect((await usersApi.GET(new Request("http://localhost:3000/api/users"), { params: Promise.resolve({}) } as never)).status).toBe(401);
    expect(await usersPage.signOutUserEverywhereAction(null, form({ id: user.id }))).toMatchObject({ ok: false, message: "Sign in first." });
  });

  it("refuses a token that names no session (as the old tokens did)", async () => {
    const user = await person("admin");
    const b = browser();
    b.jar.set("next-auth.session-token", await encode({ token: { uid: user.id, role: "admin", email: user.email }, secret: process.env.NEXTAUTH_SECRET! }));
    expect(await b.session()).toEqual({});
    expect(await seenAs(b)).toBeNull();
  });
});

describe("sessions end with time", () => {
  it("renewal (GET /api/auth/session) cannot extend a session past its absolute lifetime", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-12-01T07:00:00Z");
    vi.setSystemTime(start);
    const { user, b } = await signedIn("engineer");
    // Used every 20 minutes all shift long: renewed each time, never idle.
    for (let minute = 20; minute < 8 * 60; minute += 20) {
      vi.setSystemTime(new Date(start.getTime() + minute * MIN));
      expect((await b.session()).user?.id, `at ${minute} min`).toBe(user.id);
    }
    vi.setSystemTime(new Date(start.getTime() + 8 * 60 * MIN + MIN));
    expect(await b.session()).toEqual({});
    expect(b.sessionCookie()).toBeUndefined();
  });

  it("a session unused longer than the idle time ends; one used within it lives on", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-12-01T07:00:00Z");
    vi.setSystemTime(start);
    const { user, b } = await signedIn("viewer");
    const copy = b.copy();
    vi.setSystemTime(new Date(start.getTime() + 29 * MIN));
    expect((await b.session()).user?.id).toBe(user.id);
    vi.setSystemTime(new Date(start.getTime() + 58 * MIN));
    expect((await copy.session()).user?.id, "used at minute 29: 29 minutes idle").toBe(user.id);
    vi.setSystemTime(new Date(start.getTime() + 89 * MIN));
    expect(await b.session(), "31 minutes unused").toEqual({});
    expect(await seenAs(copy)).toBeNull();
  });

  it("touches the last use at most once a minute", async () => {
    const { user, b } = await signedIn("viewer");
    const before = await getDb().userSession.findFirstOrThrow({ where: { userId: user.id } });
    await b.session();
    await b.session();
    expect((await getDb().userSession.findFirstOrThrow({ where: { userId: user.id } })).lastSeenAt).toEqual(before.lastSeenAt);
  });
});

describe("changing who someone is ends their sessions at once", () => {
  it("a disabled user's renewal answers no session (it used to say role admin)", async () => {
    const { user, b } = await signedIn("admin");
    await person("admin"); // another administrator remains
    await updateUser(getDb(), user.id, { role: "admin", disabled: true }, { system: "test" });
    expect(await b.session()).toEqual({});
    expect((await getDb().userSession.findFirstOrThrow({ where: { userId: user.id } })).revokedReason).toBe("disabled");
  });

  it("a role change ends the sessions: the next sign-in carries the new role", async () => {
    const { user, b } = await signedIn("engineer");
    await updateUser(getDb(), user.id, { role: "viewer" }, { system: "test" });
    expect(await b.session()).toEqual({});
    const again = browser();
    expect(await again.signIn(user.email, TEST_PASSWORD)).toBe(true);
    expect((await again.session()).user?.role).toBe("viewer");
  });

  it("changing one's password keeps this session and ends the others; the new password signs in", async () => {
    const { user, b } = await signedIn("analyst");
    const laptop = browser();
    await laptop.signIn(user.email, TEST_PASSWORD);
    b.use();
    const newPassword = "orbit lantern violet cactus";
    expect(await account.changePasswordAction(null, form({ currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword }))).toMatchObject({ ok: true, message: "Password changed. 1 other session signed out." });
    expect((await b.session()).user?.id).toBe(user.id);
    expect(await laptop.session()).toEqual({});
    expect(await browser().signIn(user.email, TEST_PASSWORD)).toBe(false);
    expect(await browser().signIn(user.email, newPassword)).toBe(true);
    const entry = await getDb().auditLog.findFirstOrThrow({ where: { action: "user.password-change", targetId: user.id } });
    expect(entry).toMatchObject({ actorId: user.id, after: { sessionsEnded: 1 } });
  });

  it("a wrong current password changes nothing", async () => {
    const { user, b } = await signedIn("analyst");
    b.use();
    const result = await account.changePasswordAction(null, form({ currentPassword: "not-the-password", newPassword: "orbit lantern violet cactus", confirmPassword: "orbit lantern violet cactus" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { currentPassword: "This is not your current password." } });
    expect(await browser().signIn(user.email, TEST_PASSWORD)).toBe(true);
  });
});

describe("sign out everywhere", () => {
  it("for oneself: everywhere else keeps this session; everywhere ends it too; audited", async () => {
    const { user, b } = await signedIn("engineer");
    const phone = browser();
    await phone.signIn(user.email, TEST_PASSWORD);
    b.use();
    expect(await account.signOutOtherSessionsAction(null, form({}))).toEqual({ ok: true, message: "1 other session signed out." });
    expect((await b.session()).user?.id).toBe(user.id);
    expect(await phone.session()).toEqual({});
    b.use();
    expect(await account.signOutEverywhereAction(null, form({}))).toEqual({ ok: true, message: "1 session signed out." });
    expect(await b.session()).toEqual({});
    const entries = await getDb().auditLog.findMany({ where: { action: "user.sign-out-everywhere", targetId: user.id }, orderBy: { at: "asc" } });
    expect(entries.map((e) => e.after)).toEqual([{ sessionsEnded: 1, keptCurrent: true }, { sessionsEnded: 1, keptCurrent: false }]);
  });

  it("for a user, by an administrator: every session of theirs ends; audited with the administrator", async () => {
    const { user, b } = await signedIn("viewer");
    const other = browser();
    await other.signIn(user.email, TEST_PASSWORD);
    const { user: admin, b: adminBrowser } = await signedIn("admin");
    adminBrowser.use();
    expect(await usersPage.signOutUserEverywhereAction(null, form({ id: user.id }))).toMatchObject({ ok: true, message: `Signed ${user.email} out everywhere (2 sessions ended).` });
    expect(await b.session()).toEqual({});
    expect(await other.session()).toEqual({});
    expect((await adminBrowser.session()).user?.id).toBe(admin.id);
    expect(await getDb().auditLog.findFirstOrThrow({ where: { action: "user.sign-out-everywhere", targetId: user.id } })).toMatchObject({ actorId: admin.id });
  });

  it("someone who is not an administrator cannot sign another user out", async () => {
    const { user } = await signedIn("viewer");
    const { b: analyst } = await signedIn("analyst");
    analyst.use();
    expect(await usersPage.signOutUserEverywhereAction(null, form({ id: user.id }))).toMatchObject({ ok: false, message: "Your role does not allow this." });
    expect(await getDb().userSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(1);
  });
});

describe("local passwords", () => {
  it("refuses aaaaaaaaaaaa everywhere a password is set, saying why, and changes nothing", async () => {
    const { user, b } = await signedIn("engineer");
    b.use();
    const weak = "aaaaaaaaaaaa";
    const changed = await account.changePasswordAction(null, form({ currentPassword: TEST_PASSWORD, newPassword: weak, confirmPassword: weak }));
    expect(changed).toMatchObject({ ok: false, fieldErrors: { newPassword: expect.stringMatching(/too easy to guess.*Repeated characters/) } });
    expect(await browser().signIn(user.email, TEST_PASSWORD)).toBe(true);
    const { b: admin } = await signedIn("admin");
    admin.use();
    const users = await getDb().user.count();
    const created = await usersPage.createUserAction(null, form({ email: `weak-${unique()}@sessions.test`, role: "viewer", password: weak }));
    expect(created).toMatchObject({ ok: false, fieldErrors: { password: expect.stringMatching(/too easy to guess/) } });
    const api = await usersApi.POST(new Request("http://localhost:3000/api/users", { method: "POST", headers: { "content-type": "application/json", origin: "http://localhost:3000", host: "localhost:3000" }, body: JSON.stringify({ email: `weak-${unique()}@sessions.test`, role: "viewer", password: weak }) }), { params: Promise.resolve({}) } as never);
    expect(api.status).toBe(400);
    expect(await getDb().user.count()).toBe(users);
  });

  it("an administrator's reset shows a temporary password once, ends the sessions, and forces a change at the next sign-in", async () => {
    const { user, b } = await signedIn("engineer");
    const { user: admin, b: adminBrowser } = await signedIn("admin");
    adminBrowser.use();
    const reset = await usersPage.resetPasswordAction(null, form({ id: user.id }));
    expect(reset).toMatchObject({ ok: true, name: user.email, secret: expect.stringMatching(/^.{24}$/) });
    expect(await b.session()).toEqual({});
    const entry = await getDb().auditLog.findFirstOrThrow({ where: { action: "user.password-reset", targetId: user.id } });
    expect(entry).toMatchObject({ actorId: admin.id });
    expect(JSON.stringify(entry)).not.toContain(reset.secret!);

    // The temporary password signs in, but only the password change is open.
    const next = browser();
    expect(await next.signIn(user.email, TEST_PASSWORD)).toBe(false);
    expect(await next.signIn(user.email, reset.secret!)).toBe(true);
    next.use();
    await expect(requirePermission(canViewDashboard)).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/reset.*new one/) });
    expect(await usersApi.GET(new Request("http://localhost:3000/api/users"), { params: Promise.resolve({}) } as never).then((r) => r.status)).toBe(403);
    request.headers = { "x-dashboard-path": "/inventory" };
    await expect(requirePageUser()).rejects.toMatchObject({ digest: expect.stringContaining(";/account?change=required;") });
    request.headers = { "x-dashboard-path": "/account" };
    expect(await requirePageUser()).toMatchObject({ id: user.id, mustChangePassword: true });
    const chosen = "meadow quartz bicycle ember";
    await expect(account.changePasswordAction(null, form({ currentPassword: reset.secret!, newPassword: chosen, confirmPassword: chosen }))).rejects.toMatchObject({ digest: expect.stringContaining(";/;") });
    expect(await requirePermission(canViewDashboard)).toMatchObject({ id: user.id, mustChangePassword: false });
    expect((await next.session()).user?.id, "the session that made the change stays").toBe(user.id);
  });

  it("a reset password cannot be kept: the new one must differ", async () => {
    const user = await person("viewer");
    const { password } = await (await import("@/lib/commands/user-accounts")).resetPassword(getDb(), user.id, { system: "test" });
    const b = browser();
    await b.signIn(user.email, password);
    b.use();
    expect(await account.changePasswordAction(null, form({ currentPassword: password, newPassword: password, confirmPassword: password }))).toMatchObject({ ok: false, fieldErrors: { newPassword: "Choose a password different from the current one." } });
  });

  it("single sign-on accounts have no password to change or reset here", async () => {
    const user = await person("viewer");
    await getDb().user.update({ where: { id: user.id }, data: { authSource: "sso", passwordHash: null } });
    const { b: admin } = await signedIn("admin");
    admin.use();
    expect(await usersPage.resetPasswordAction(null, form({ id: user.id }))).toMatchObject({ ok: false, message: expect.stringMatching(/identity provider/) });
  });
});

describe("administrators enrol a second factor first", () => {
  beforeAll(() => {
    delete process.env.ADMIN_TWO_FACTOR;
    return () => {
      process.env.ADMIN_TWO_FACTOR = "optional";
    };
  });

  it("pages send an administrator without a second factor to /account/two-factor; the account pages stay open (no loop)", async () => {
    const { b } = await signedIn("admin");
    b.use();
    request.headers = { "x-dashboard-path": "/settings/users" };
    await expect(requirePageUser()).rejects.toMatchObject({ digest: expect.stringContaining(";/account/two-factor;") });
    for (const path of ["/account/two-factor", "/account"]) {
      request.headers = { "x-dashboard-path": path };
      await expect(requirePageUser(), path).resolves.toMatchObject({ role: "admin" });
    }
  });

  it("until then, actions and the API are refused with the reason; enrolling is open", async () => {
    const { b } = await signedIn("admin");
    b.use();
    const target = await person("viewer");
    expect(await usersPage.signOutUserEverywhereAction(null, form({ id: target.id }))).toMatchObject({ ok: false, message: expect.stringMatching(/second factor/) });
    const twoFactor = await import("@/app/(dashboard)/account/two-factor/actions");
    expect(await twoFactor.startTwoFactorAction(null, form({}))).toMatchObject({ ok: true });
  });

  it("an engineer is not asked to", async () => {
    const { b } = await signedIn("engineer");
    b.use();
    request.headers = { "x-dashboard-path": "/" };
    await expect(requirePageUser()).resolves.toMatchObject({ role: "engineer" });
  });
});

describe("retention", () => {
  it("deletes session rows that ended more than 30 days ago and keeps the rest", async () => {
    const { applyRetention } = await import("@/lib/jobs/retention");
    const user = await person("viewer");
    const now = new Date();
    const day = 86_400_000;
    const row = (id: string, over: object) => ({ id: `${id}-${unique()}`, userId: user.id, method: "password", createdAt: new Date(now.getTime() - 40 * day), lastSeenAt: new Date(now.getTime() - 40 * day), expiresAt: new Date(now.getTime() + day), ...over });
    await getDb().userSession.createMany({
      data: [
        row("revoked-31", { revokedAt: new Date(now.getTime() - 31 * day), revokedReason: "sign-out" }),
        row("expired-31", { expiresAt: new Date(now.getTime() - 31 * day) }),
        row("revoked-29", { revokedAt: new Date(now.getTime() - 29 * day), revokedReason: "sign-out" }),
        row("live", {}),
      ],
    });
    await applyRetention(getDb(), { now });
    const left = (await getDb().userSession.findMany({ where: { userId: user.id } })).map((r) => r.id.split("-").slice(0, -1).join("-")).sort();
    expect(left).toEqual(["live", "revoked-29"]);
  });
});
