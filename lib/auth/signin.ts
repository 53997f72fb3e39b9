// Checks an e-mail and password, with limits on failures that an attacker cannot turn against
// the account's owner. Counted in the database, so they hold across instances and restarts:
//
// - per account and client address: 5 failures in 15 minutes lock that pair for 15 minutes (a
//   guesser at one address is stopped; the owner, elsewhere, is not);
// - per account, from anywhere: past two failures (a typo, then another) each failure pauses the
//   account for a delay that doubles, 1 s up to 30 s. During the pause every attempt is answered "try again in N s" without checking the
//   password, so guessing from many addresses is slowed to two tries a minute, and the worst an
//   attacker can do to the owner is make them wait 30 seconds, never lock them out;
// - per client address: 30 failures in 15 minutes (any accounts) lock the address for 15 minutes,
//   the right password included.
// The address is the real peer, or from X-Forwarded-For only behind TRUSTED_PROXIES (client-address.ts).
// Counters idle for a day are deleted by the retention job (deleteIdleBuckets).
// An administrator lifts an account's pauses and locks with unlockAccount (Settings → Users, npm run user:unlock).
//
// An account with a second factor needs a code too (from the app, or a recovery code). The right
// password without a code is answered "second-factor" and counts as nothing (the form then asks
// for the code); a wrong code counts exactly as a wrong password, so codes are guessed no faster.
import type { Db } from "../db/client";
import { clear, clearWithPrefix, delay, hit, lockedKeys, lockState } from "../db/rate-limit";
import { decoyHash, verifyPassword } from "./password";
import { isRole, type Role } from "./roles";
import { spendSecondFactor } from "./second-factor";
import { log } from "../ops/log";

const MINUTE = 60_000;
export const SIGNIN_LIMITS = {
  perAccountAddress: { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  perAccount: { windowMs: 15 * MINUTE, free: 2, firstMs: 1_000, maxMs: 30_000 },
  perAddress: { limit: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
};

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null; role: Role } }
  | { ok: false; reason: "invalid" | "locked" | "slowed" | "second-factor"; retryAfterSeconds?: number };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const PREFIX = "signin:";
const accountKey = (email: string) => `${PREFIX}account:${email}`;
const pairPrefix = (email: string) => `${PREFIX}pair:${email}|`;
const addressKey = (address: string) => `${PREFIX}address:${address}`;

type SignInKeys = { address: string; pair: string; account: string };

/** A failed attempt (wrong password or wrong code): counted against the address, the pair and the account. */
async function refuse(db: Db, keys: SignInKeys, email: string, address: string, now: Date): Promise<SignInResult> {
  const byAddress = await hit(db, keys.address, SIGNIN_LIMITS.perAddress, now);
  const byPair = await hit(db, keys.pair, SIGNIN_LIMITS.perAccountAddress, now);
  await delay(db, keys.account, SIGNIN_LIMITS.perAccount, now);
  const refused = [byAddress, byPair].find((v) => !v.allowed);
  log.warn("sign-in refused", { email, address, lockedNow: Boolean(refused) });
  return refused && !refused.allowed
    ? { ok: false, reason: "locked", retryAfterSeconds: refused.retryAfterSeconds }
    : { ok: false, reason: "invalid" };
}

/** `code`: the second factor (a code from the app or a recovery code), for accounts that have one. */
export async function checkSignIn(db: Db, emailInput: string, password: string, address: string, now = new Date(), code?: string): Promise<SignInResult> {
  const email = normalizeEmail(emailInput);
  const keys = { address: addressKey(address), pair: `${pairPrefix(email)}${address}`, account: accountKey(email) };
  for (const [kind, key] of [["address", keys.address], ["pair", keys.pair], ["account", keys.account]] as const) {
    const state = await lockState(db, key, now);
    if (!state.allowed) {
      log.warn("sign-in refused: held", { email, address, by: kind });
      return { ok: false, reason: kind === "account" ? "slowed" : "locked", retryAfterSeconds: state.retryAfterSeconds };
    }
  }
  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !valid || user.disabledAt || !isRole(user.role)) return refuse(db, keys, email, address, now);
  if (user.totpEnabledAt) {
    // The counters are not cleared here: the right password alone must not reset the count of wrong codes.
    if (!code?.trim()) return { ok: false, reason: "second-factor" };
    const via = await spendSecondFactor(db, user, code, now);
    if (!via) return refuse(db, keys, email, address, now);
    log.info("second factor accepted", { userId: user.id, via });
  }
  await clear(db, keys.pair);
  await clear(db, keys.account);
  log.info("signed in", { userId: user.id, email, role: user.role, address });
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/**
 * Lifts every pause and lock on the account's sign-in, and its counts, and says how many pauses and
 * locks were running (per-address locks stay: they are no one account's).
 */
export async function unlockSignIn(db: Db, emailInput: string, now = new Date()): Promise<number> {
  const email = normalizeEmail(emailInput);
  return clearWithPrefix(db, accountKey(email), pairPrefix(email), now);
}

export type SignInHold = { kind: "slowed" | "locked"; until: Date; addresses: number };

/** The accounts whose sign-in is paused (slowed) or locked from some address now, by e-mail. */
export async function signInHolds(db: Db, now = new Date()): Promise<Map<string, SignInHold>> {
  const holds = new Map<string, SignInHold>();
  for (const { key, lockedUntil } of await lockedKeys(db, PREFIX, now)) {
    const pair = key.startsWith(`${PREFIX}pair:`) ? key.slice(`${PREFIX}pair:`.length) : null;
    const email = pair !== null ? pair.slice(0, pair.lastIndexOf("|")) : key.startsWith(`${PREFIX}account:`) ? key.slice(`${PREFIX}account:`.length) : null;
    if (email === null) continue;
    const held = holds.get(email);
    const kind = pair !== null || held?.kind === "locked" ? "locked" : "slowed";
    holds.set(email, {
      kind,
      until: held && held.until > lockedUntil ? held.until : lockedUntil,
      addresses: (held?.addresses ?? 0) + (pair !== null ? 1 : 0),
    });
  }
  return holds;
}
