// Converting a local (password) account to single sign-on: the one way an identity provider may
// take over an existing account. The first sign-in through the provider with the account's e-mail
// then claims it (lib/auth/sso-sign-in.ts), keeping its history, assignments and acceptances.
import { z } from "zod";
import { audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { publicUserSelect } from "../db/user-select";
import { revokeUserSessions } from "../auth/sessions";
import { clearSecondFactor } from "./two-factor";
import { normalizeEmail } from "../auth/signin";
import { ApiError, badRequest, notFound, zodIssues } from "../web/errors";

const convertSchema = z.object({ email: z.string().trim().min(3).max(254) });

/**
 * Turns a local account into a single sign-on one: the password, second factor and recovery
 * codes go, and its sessions end. The last enabled administrator with a password is kept, for
 * break-glass sign-in when the identity provider is down. Audited as user.sso.convert.
 */
export async function convertToSso(db: Db, input: unknown, actor: AuditActor) {
  const parsed = convertSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_user", "Give the account's e-mail.", zodIssues(parsed.error));
  const user = await db.user.findUnique({ where: { email: normalizeEmail(parsed.data.email) } });
  if (!user) throw notFound("user");
  if (user.authSource !== "local") throw new ApiError(409, "already_sso", `${user.email} already signs in through single sign-on.`);
  const localAdmins = await db.user.count({ where: { role: "admin", authSource: "local", disabledAt: null } });
  if (user.role === "admin" && !user.disabledAt && localAdmins <= 1) {
    throw new ApiError(409, "last_local_admin", "Keep at least one enabled administrator with a password, for when the identity provider is down.");
  }
  return db.$transaction(async (tx) => {
    await clearSecondFactor(tx, user.id);
    const after = await tx.user.update({
      where: { id: user.id },
      data: { authSource: "sso", ssoIssuer: null, ssoSubject: null, passwordHash: null, mustChangePassword: false },
      select: publicUserSelect,
    });
    const ended = await revokeUserSessions(tx, user.id, "password-reset");
    await audit(tx, { actor, action: "user.sso.convert", targetType: "user", targetId: user.id, before: { authSource: "local" }, after: { authSource: "sso", sessionsEnded: ended } });
    return after;
  });
}
