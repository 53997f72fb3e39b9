// Who is asking, checked on the server. The session names the user; their role and whether they
// are still enabled are read from the database on every request, so a demotion or a disabled
// account takes effect at once rather than when the session token expires.
import { getServerSession } from "next-auth";
import { forbidden as forbiddenPage, redirect } from "next/navigation";
import { getDb } from "../db/client";
import { forbidden, unauthorized } from "../web/errors";
import { authOptions } from "./options";
import { isRole, type Actor, type Role } from "./roles";

export type SessionUser = { id: string; email: string; name: string | null; role: Role };

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  const user = await getDb().user.findUnique({
    where: { id: session.user.id },
    select: { id: true, email: true, name: true, role: true, disabledAt: true },
  });
  if (!user || user.disabledAt || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages: signed-out users go to the sign-in page. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages that need a permission: others see the 403 page. */
export async function requirePagePermission(allowed: (actor: Actor) => boolean): Promise<SessionUser> {
  const user = await requirePageUser();
  if (!allowed(user)) forbiddenPage();
  return user;
}

/** For route handlers and server actions: throws the API's 401 / 403. */
export async function requirePermission(allowed: (actor: Actor) => boolean): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw unauthorized();
  if (!allowed(user)) throw forbidden();
  return user;
}
