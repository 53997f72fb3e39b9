// Checks a second-factor code for an account that has one: a code from the authenticator app
// (newer than the last one accepted) or an unused recovery code. Each is spent in one
// conditional write, so two requests racing with the same code cannot both pass.
import type { Db } from "../db/client";
import { log } from "../ops/log";
import { recoveryCodeHash } from "./recovery-codes";
import { open, secondFactorKey } from "./secret-box";
import { acceptedTotpStep, looksLikeTotpCode } from "./totp";

export type SecondFactorHolder = { id: string; totpSecret: string | null; totpLastStep: number | null };

/** The account's TOTP secret, opened with the key kept outside the database. */
export function openTotpSecret(sealed: string): string {
  return open(sealed, secondFactorKey());
}

/** Spends a code from the app; true if it was right and newer than any accepted before. */
export async function spendTotpCode(db: Db, user: SecondFactorHolder, code: string, now: Date): Promise<boolean> {
  if (!user.totpSecret || !looksLikeTotpCode(code)) return false;
  let secret: string;
  try {
    secret = openTotpSecret(user.totpSecret);
  } catch (error) {
    // The session secret changed (or the value was altered): no app code can pass; recovery codes still do.
    log.error("second-factor secret cannot be opened", { userId: user.id, error: String(error) });
    return false;
  }
  const step = acceptedTotpStep(secret, code, now, user.totpLastStep);
  if (step === null) return false;
  const { count } = await db.user.updateMany({ where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } });
  return count === 1;
}

/** Spends an unused recovery code; true if it was one of the account's. */
export async function spendRecoveryCode(db: Db, userId: string, code: string, now: Date): Promise<boolean> {
  const codeHash = recoveryCodeHash(code);
  if (!codeHash) return false;
  const { count } = await db.recoveryCode.updateMany({ where: { userId, codeHash, usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

/** A code from the app or a recovery code, whichever it looks like: how it was proven, or null. */
export async function spendSecondFactor(db: Db, user: SecondFactorHolder, input: string, now: Date): Promise<"app" | "recovery-code" | null> {
  const code = input.trim().slice(0, 32);
  if (looksLikeTotpCode(code)) return (await spendTotpCode(db, user, code, now)) ? "app" : null;
  return (await spendRecoveryCode(db, user.id, code, now)) ? "recovery-code" : null;
}
