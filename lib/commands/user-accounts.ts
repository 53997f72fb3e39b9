// Users and roles: creation (UI, API, CLI), role changes and disabling, password change and
// reset, signing a user out everywhere; each audited. Whatever changes who someone is or how they
// prove it ends their sessions at once (sessions.ts).
import { z } from "zod";
import { audit, type AuditActor } from "../db/audit-trail";
import { MIN_PASSWORD_LENGTH, generatePassword, hashPassword, verifyPassword } from "../auth/password";
import { reverify } from "../auth/reverify";
import { checkPasswordStrength } from "../auth/password-strength";
import { revokeUserSessions } from "../auth/sessions";
import { ROLES, type Role } from "../auth/roles";
import { normalizeEmail, unlockSignIn } from "../auth/signin";
import type { Db } from "../db/client";
import { publicUserSelect } from "../db/user-select";
import { ApiError, badRequest, conflict, notFound, zodIssues } from "../web/errors";

export const newUserSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email({ message: "Enter a valid e-mail address." })),
  name: z.string().trim().max(120).optional().transform((v) => v || undefined),
  role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}.` }),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.`).max(256),
}).superRefine(strongFor("password"));
export type NewUser = z.input<typeof newUserSchema>;

/** The strength rule (password-strength.ts) as a zod refinement on the field `field`, knowing the person's e-mail and name. */
function strongFor<K extends string>(field: K) {
  return (value: Record<K, string> & { email?: string; name?: string | null }, ctx: z.RefinementCtx) => {
    const verdict = checkPasswordStrength(value[field], value);
    if (!verdict.ok) ctx.addIssue({ code: "custom", path: [field], message: verdict.message });
  };
}

export async function createUser(db: Db, input: unknown, actor: AuditActor) {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_user", "The user could not be created.", zodIssues(parsed.error));
  const { email, name, role, password } = parsed.data;
  const normalized = normalizeEmail(email);
  if (await db.user.findUnique({ where: { email: normalized } })) throw conflict(`A user with e-mail ${normalized} exists already.`);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: normalized, name, role, passwordHash }, select: publicUserSelect });
    await audit(tx, { actor, action: "user.create", targetType: "user", targetId: user.id, after: { email: user.email, role } });
    return user;
  });
}

const roleChangeSchema = z.object({ role: z.enum(ROLES), disabled: z.boolean().optional() });

/** Changes a user's role or disables them; the last enabled administrator cannot be removed. */
export async function updateUser(db: Db, id: string, input: unknown, actor: AuditActor) {
  const parsed = roleChangeSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_user", "The change is not valid.", zodIssues(parsed.error));
  const before = await db.user.findUnique({ where: { id }, select: publicUserSelect });
  if (!before) throw notFound("user");
  const role: Role = parsed.data.role;
  const disabledAt = parsed.data.disabled ? (before.disabledAt ?? new Date()) : null;
  const losesAdmin = before.role === "admin" && !before.disabledAt && (role !== "admin" || disabledAt);
  if (losesAdmin && (await db.user.count({ where: { role: "admin", disabledAt: null } })) <= 1) {
    throw new ApiError(409, "last_admin", "At least one enabled administrator must remain.");
  }
  // A disabled user or a changed role ends every session at once, not at the cookie's expiry.
  const ends = disabledAt && !before.disabledAt ? "disabled" : role !== before.role ? "role-change" : null;
  return db.$transaction(async (tx) => {
    const after = await tx.user.update({ where: { id }, data: { role, disabledAt }, select: publicUserSelect });
    const sessionsEnded = ends ? await revokeUserSessions(tx, id, ends) : 0;
    await audit(tx, {
      actor,
      action: "user.update",
      targetType: "user",
      targetId: id,
      before: { role: before.role, disabled: !!before.disabledAt },
      after: { role: after.role, disabled: !!after.disabledAt, ...(sessionsEnded ? { sessionsEnded } : {}) },
    });
    return after;
  });
}

/**
 * Lifts every sign-in pause and lock on a user's account (by id, or by e-mail for the CLI), and
 * says how many there were. Audited as user.unlock. Per-address locks stay: they are no one
 * account's, and end on their own.
 */
export async function unlockUser(db: Db, who: { id: string } | { email: string }, actor: AuditActor, now = new Date()) {
  const where = "id" in who ? { id: String(who.id).slice(0, 64) } : { email: normalizeEmail(String(who.email).slice(0, 254)) };
  const user = await db.user.findUnique({ where, select: publicUserSelect });
  if (!user) throw notFound("user");
  const lifted = await unlockSignIn(db, user.email, now);
  await audit(db, { actor, action: "user.unlock", targetType: "user", targetId: user.id, before: { holds: lifted }, after: { holds: 0 } });
  return { user, lifted };
}

const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(256),
  newPassword: z.string().min(MIN_PASSWORD_LENGTH, `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.`).max(256),
});

const SSO_PASSWORD = "This account signs in through your organisation's identity provider: its password is changed there.";

/**
 * A person changes their own password, proving the current one. Their other sessions end; the one
 * they are using (`keepSession`) stays. Clears a pending forced change. Audited as user.password-change.
 */
export async function changeOwnPassword(db: Db, userId: string, input: unknown, options: { keepSession?: string | null } = {}) {
  const parsed = passwordChangeSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_password", "The password was not changed.", zodIssues(parsed.error));
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, passwordHash: true } });
  if (!user) throw notFound("user");
  if (!user.passwordHash) throw conflict(SSO_PASSWORD);
  const { currentPassword, newPassword } = parsed.data;
  const hash = user.passwordHash;
  if (!(await reverify(db, userId, () => verifyPassword(currentPassword, hash)))) {
    throw badRequest("invalid_password", "The password was not changed.", [{ path: "currentPassword", message: "This is not your current password." }]);
  }
  const refused = (message: string) => badRequest("invalid_password", "The password was not changed.", [{ path: "newPassword", message }]);
  if (newPassword === currentPassword) throw refused("Choose a password different from the current one.");
  const verdict = checkPasswordStrength(newPassword, user);
  if (!verdict.ok) throw refused(verdict.message);
  const passwordHash = await hashPassword(newPassword);
  const now = new Date();
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false, passwordChangedAt: now } });
    const sessionsEnded = await revokeUserSessions(tx, userId, "password-change", { except: options.keepSession ?? undefined, now });
    await audit(tx, { actor: { id: user.id, email: user.email }, action: "user.password-change", targetType: "user", targetId: userId, after: { sessionsEnded } });
    return { sessionsEnded };
  });
}

/**
 * An administrator resets a user's password: a generated temporary one, shown once, that must be
 * changed at the next sign-in; every session of the user ends. Audited as user.password-reset
 * (never with the password).
 */
export async function resetPassword(db: Db, id: string, actor: AuditActor) {
  const user = await db.user.findUnique({ where: { id: String(id).slice(0, 64) }, select: { ...publicUserSelect, passwordHash: true } });
  if (!user) throw notFound("user");
  if (!user.passwordHash) throw conflict(SSO_PASSWORD);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: true, passwordChangedAt: new Date() } });
    const sessionsEnded = await revokeUserSessions(tx, user.id, "password-reset");
    await audit(tx, { actor, action: "user.password-reset", targetType: "user", targetId: user.id, after: { mustChangePassword: true, sessionsEnded } });
    return { user: { id: user.id, email: user.email }, password };
  });
}

/**
 * Ends a user's sessions: all of them, or all but `except` (the session of a person signing their
 * other devices out). Audited as user.sign-out-everywhere.
 */
export async function signOutEverywhere(db: Db, id: string, actor: AuditActor, options: { except?: string | null } = {}) {
  const user = await db.user.findUnique({ where: { id: String(id).slice(0, 64) }, select: { id: true, email: true } });
  if (!user) throw notFound("user");
  return db.$transaction(async (tx) => {
    const sessionsEnded = await revokeUserSessions(tx, user.id, "sign-out-everywhere", { except: options.except ?? undefined });
    await audit(tx, { actor, action: "user.sign-out-everywhere", targetType: "user", targetId: user.id, after: { sessionsEnded, keptCurrent: Boolean(options.except) } });
    return { user, sessionsEnded };
  });
}
