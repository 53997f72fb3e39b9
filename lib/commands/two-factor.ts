// A person's second factor (TOTP): start enrolment, confirm it with a code, turn it off, new
// recovery codes; and an administrator lifting a lost one. Each audited as user.two-factor.*;
// no secret or code ever reaches the audit log.
import { z } from "zod";
import { audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { secondFactorEnrolmentRequired } from "../auth/identity-config";
import { verifyPassword } from "../auth/password";
import { newRecoveryCodes, recoveryCodeHash } from "../auth/recovery-codes";
import { reverify } from "../auth/reverify";
import { isRole } from "../auth/roles";
import { seal, secondFactorKey } from "../auth/secret-box";
import { spendSecondFactor, spendTotpCode } from "../auth/second-factor";
import { normalizeEmail } from "../auth/signin";
import { newTotpSecret } from "../auth/totp";
import { ApiError, badRequest, conflict, notFound, zodIssues } from "../web/errors";

type Env = Record<string, string | undefined>;
const twoFactorSelect = { id: true, email: true, role: true, authSource: true, passwordHash: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true } as const;

const codeSchema = z.string().trim().min(1, "Enter a code.").max(32, "Codes are six digits, or a recovery code.");
const confirmSchema = z.object({ code: codeSchema });
const disableSchema = z.object({ code: codeSchema, password: z.string().min(1, "Enter your password.").max(256) });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_code", "Some fields are not valid.", zodIssues(parsed.error));
  return parsed.data;
}

const wrongCode = () => badRequest("wrong_code", "The code was not accepted.", [{ path: "code", message: "Wrong code, or already used: wait for the next one from the app." }]);

async function account(db: Db, userId: string) {
  const user = await db.user.findUnique({ where: { id: String(userId).slice(0, 64) }, select: twoFactorSelect });
  if (!user || !isRole(user.role)) throw notFound("user");
  return { ...user, role: user.role };
}

/** Deletes an account's second factor: the sealed secret, its last step and every recovery code. Answers how many codes there were. */
export async function clearSecondFactor(db: Pick<Db, "user" | "recoveryCode">, userId: string): Promise<number> {
  await db.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
  const { count } = await db.recoveryCode.deleteMany({ where: { userId } });
  return count;
}

/** Replaces the account's recovery codes with ten new ones; answers them, to be shown once. */
async function replaceRecoveryCodes(db: Pick<Db, "recoveryCode">, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.recoveryCode.deleteMany({ where: { userId } });
  await db.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code)! })) });
  return codes;
}

/**
 * Starts enrolment: a new secret, kept sealed in the account until a code from the app confirms
 * it (the second factor is not on until then). Starting again replaces a pending secret.
 */
export async function startTwoFactor(db: Db, userId: string, actor: AuditActor): Promise<{ secret: string }> {
  const user = await account(db, userId);
  if (user.authSource !== "local") throw conflict("Accounts that sign in through single sign-on use the identity provider's second factor.");
  if (user.totpEnabledAt) throw conflict("The second factor is on already. Turn it off first to enrol another app.");
  const secret = newTotpSecret();
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpSecret: seal(secret, secondFactorKey()), totpEnabledAt: null, totpLastStep: null } });
    await audit(tx, { actor, action: "user.two-factor.start", targetType: "user", targetId: user.id });
  });
  return { secret };
}

/** Confirms enrolment with a current code from the app: the second factor is on; answers the recovery codes, shown this once. */
export async function confirmTwoFactor(db: Db, userId: string, input: unknown, actor: AuditActor, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  const { code } = parse(confirmSchema, input);
  const user = await account(db, userId);
  if (user.totpEnabledAt) throw conflict("The second factor is on already.");
  if (!user.totpSecret) throw conflict("Start the enrolment first: no authenticator app is waiting to be confirmed.");
  if (!(await spendTotpCode(db, user, code, now))) throw wrongCode();
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpEnabledAt: now } });
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await audit(tx, { actor, action: "user.two-factor.enable", targetType: "user", targetId: user.id, before: { enabled: false }, after: { enabled: true, recoveryCodes: recoveryCodes.length } });
    return { recoveryCodes };
  });
}

/**
 * Turns the second factor off: needs a current code (or a recovery code) and the password, so a
 * session left open is not enough. Refused for an administrator who must have one.
 */
export async function disableTwoFactor(db: Db, userId: string, input: unknown, actor: AuditActor, now = new Date(), env: Env = process.env): Promise<void> {
  const { code, password } = parse(disableSchema, input);
  const user = await account(db, userId);
  if (!user.totpEnabledAt) throw conflict("The second factor is off already.");
  if (secondFactorEnrolmentRequired({ role: user.role, authSource: user.authSource, totpEnabledAt: null }, env)) {
    throw new ApiError(409, "second_factor_required", "Administrators must keep a second factor while local sign-in is on. Another administrator can reset it if the phone is lost.");
  }
  const hash = user.passwordHash;
  if (!hash || !(await reverify(db, user.id, () => verifyPassword(password, hash), now))) {
    throw badRequest("wrong_password", "The password is not right.", [{ path: "password", message: "Wrong password." }]);
  }
  if (!(await reverify(db, user.id, async () => (await spendSecondFactor(db, user, code, now)) !== null, now))) throw wrongCode();
  await db.$transaction(async (tx) => {
    await clearSecondFactor(tx, user.id);
    await audit(tx, { actor, action: "user.two-factor.disable", targetType: "user", targetId: user.id, before: { enabled: true }, after: { enabled: false } });
  });
}

/** Ten new recovery codes in place of all the old ones, for a current code (or a recovery code); shown this once. */
export async function regenerateRecoveryCodes(db: Db, userId: string, input: unknown, actor: AuditActor, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  const { code } = parse(confirmSchema, input);
  const user = await account(db, userId);
  if (!user.totpEnabledAt) throw conflict("Turn the second factor on first.");
  if (!(await reverify(db, user.id, async () => (await spendSecondFactor(db, user, code, now)) !== null, now))) throw wrongCode();
  return db.$transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await audit(tx, { actor, action: "user.two-factor.recovery-codes", targetType: "user", targetId: user.id, after: { recoveryCodes: recoveryCodes.length } });
    return { recoveryCodes };
  });
}

/**
 * An administrator lifts a lost second factor (by id, or by e-mail for the CLI): the secret and
 * recovery codes are deleted, so the next sign-in takes the password alone (and an administrator
 * is then asked to enrol again). Ends nothing else: sessions, password and locks stay.
 */
export async function resetSecondFactor(db: Db, who: { id: string } | { email: string }, actor: AuditActor) {
  const where = "id" in who ? { id: String(who.id).slice(0, 64) } : { email: normalizeEmail(String(who.email).slice(0, 254)) };
  const user = await db.user.findUnique({ where, select: { id: true, email: true, totpSecret: true, totpEnabledAt: true } });
  if (!user) throw notFound("user");
  const had = Boolean(user.totpEnabledAt);
  await db.$transaction(async (tx) => {
    const count = await clearSecondFactor(tx, user.id);
    await audit(tx, { actor, action: "user.two-factor.reset", targetType: "user", targetId: user.id, before: { enabled: had, recoveryCodes: count }, after: { enabled: false } });
  });
  return { user: { id: user.id, email: user.email }, had };
}
