// Users and roles: creation (UI, API, CLI), role changes and disabling, each audited.
import { z } from "zod";
import { audit, type AuditActor } from "../db/audit-trail";
import { MIN_PASSWORD_LENGTH, hashPassword } from "../auth/password";
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
});
export type NewUser = z.input<typeof newUserSchema>;

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
  return db.$transaction(async (tx) => {
    const after = await tx.user.update({ where: { id }, data: { role, disabledAt }, select: publicUserSelect });
    await audit(tx, {
      actor,
      action: "user.update",
      targetType: "user",
      targetId: id,
      before: { role: before.role, disabled: !!before.disabledAt },
      after: { role: after.role, disabled: !!after.disabledAt },
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
