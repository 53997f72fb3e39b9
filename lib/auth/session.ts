// Who is asking, checked on the server. The session cookie names a live server-side session
// (sessions.ts, checked inside getServerSession); the user's role, whether they are still enabled
// and what they must do first (change a reset password, enrol a second factor) are read from the
// database on every request, so a change takes effect at once.
import { getServerSession } from "next-auth";
import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { forbidden as forbiddenPage, redirect } from "next/navigation";
import { getDb } from "../db/client";
import { forbidden, unauthorized } from "../web/errors";
import { PATH_HEADER, canManageOwnAccount, pageGate, pendingStep } from "./account-gate";
import { sessionCookieName, usesSecureCookies } from "./cookies";
import { authOptions } from "./options";
import { isRole, type Actor, type Role } from "./roles";

export type SessionUser = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  mustChangePassword: boolean;
  authSource: string;
  totpEnabledAt: Date | null;
};

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  const user = await getDb().user.findUnique({
    where: { id: session.user.id },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, mustChangePassword: true, authSource: true, totpEnabledAt: true },
  });
  if (!user || user.disabledAt || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword, authSource: user.authSource, totpEnabledAt: user.totpEnabledAt };
}

/** The id of the server-side session this request's cookie stands for (to mark "this session", or keep it). */
export async function currentSessionId(): Promise<string | null> {
  const jar = await outsideRequestIsNull(cookies);
  const value = jar?.get(sessionCookieName(usesSecureCookies(process.env.NEXTAUTH_URL)))?.value;
  const secret = authOptions.secret ?? process.env.NEXTAUTH_SECRET;
  if (!value || !secret) return null;
  const token = await decode({ token: value, secret }).catch(() => null);
  return token?.sid ?? null;
}

/** next/headers' answer, or null outside a request (a script, a test), where it throws. */
async function outsideRequestIsNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

/** The page's path; unknown outside a page request, which the gate treats as any page. */
async function requestPath(): Promise<string | null> {
  return (await outsideRequestIsNull(headers))?.get(PATH_HEADER) ?? null;
}

/** For pages: signed-out users go to the sign-in page; a pending password change or second-factor enrolment comes first. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  const detour = pageGate(user, await requestPath());
  if (detour) redirect(detour);
  return user;
}

/** For pages that need a permission: others see the 403 page. */
export async function requirePagePermission(allowed: (actor: Actor) => boolean): Promise<SessionUser> {
  const user = await requirePageUser();
  if (!allowed(user)) forbiddenPage();
  return user;
}

/**
 * For route handlers and server actions: throws the API's 401 / 403. While a reset password must
 * be changed, or an administrator must still enrol a second factor, nothing but the person's own
 * account (canManageOwnAccount) is open: the pages' detour holds for actions and the API too.
 */
export async function requirePermission(allowed: (actor: Actor) => boolean): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw unauthorized();
  const step = pendingStep(user);
  if (step && allowed !== canManageOwnAccount) throw forbidden(step.message);
  if (!allowed(user)) throw forbidden();
  return user;
}
