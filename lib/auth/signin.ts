// Checks an e-mail and password. Failed sign-ins are throttled per e-mail (temporary lockout)
// and per client address, in the database so the limit holds across instances.
import type { Db } from "../db/client";
import { clear, hit, lockState } from "../db/rate-limit";
import { decoyHash, verifyPassword } from "./password";
import { isRole, type Role } from "./roles";
import { log } from "../ops/log";

export const SIGNIN_LIMITS = {
  perEmail: { limit: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  perAddress: { limit: 30, windowMs: 15 * 60_000 },
};

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null; role: Role } }
  | { ok: false; reason: "invalid" | "locked"; retryAfterSeconds?: number };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function checkSignIn(db: Db, emailInput: string, password: string, address: string): Promise<SignInResult> {
  const email = normalizeEmail(emailInput);
  const emailKey = `signin:email:${email}`;
  const addressKey = `signin:address:${address}`;
  for (const key of [emailKey, addressKey]) {
    const state = await lockState(db, key);
    if (!state.allowed) {
      log.warn("sign-in refused: locked out", { email, address });
      return { ok: false, reason: "locked", retryAfterSeconds: state.retryAfterSeconds };
    }
  }
  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !valid || user.disabledAt || !isRole(user.role)) {
    const byEmail = await hit(db, emailKey, SIGNIN_LIMITS.perEmail);
    const byAddress = await hit(db, addressKey, SIGNIN_LIMITS.perAddress);
    const refused = [byEmail, byAddress].find((v) => !v.allowed);
    log.warn("sign-in refused", { email, address, lockedNow: Boolean(refused) });
    return refused && !refused.allowed
      ? { ok: false, reason: "locked", retryAfterSeconds: refused.retryAfterSeconds }
      : { ok: false, reason: "invalid" };
  }
  await clear(db, emailKey);
  log.info("signed in", { userId: user.id, email, role: user.role, address });
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
