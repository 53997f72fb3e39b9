// How people sign in, read from the environment once per call (pure: pass the environment in).
// One place, so the sign-in flow, the pages that enforce it and the README agree:
//
//   LOCAL_SIGNIN=off              only single sign-on (the e-mail and password form is gone)
//   ADMIN_TWO_FACTOR=optional     administrators with a local password need not enrol a second
//                                 factor (default: required while local sign-in is on)
//   SESSION_MAX_AGE_HOURS=8       absolute session lifetime; renewal cannot extend it
//   SESSION_IDLE_MINUTES=30       a session unused this long ends
import type { Role } from "./roles";

type Env = Record<string, string | undefined>;

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number from ${min} to ${max}, not "${raw}"`);
  return value;
}

/** Is the e-mail and password form on? It is unless LOCAL_SIGNIN=off. */
export function localSignInEnabled(env: Env = process.env): boolean {
  return (env.LOCAL_SIGNIN ?? "on").trim().toLowerCase() !== "off";
}

/** Session lifetime: absolute (from sign-in, never extended) and idle (since the last request). */
export function sessionLimits(env: Env = process.env): { maxAgeMs: number; idleMs: number } {
  return {
    maxAgeMs: number(env, "SESSION_MAX_AGE_HOURS", 8, 0.25, 24 * 7) * HOUR,
    idleMs: number(env, "SESSION_IDLE_MINUTES", 30, 1, 24 * 60) * MINUTE,
  };
}

export type SecondFactorSubject = { role: Role; authSource: string; totpEnabledAt: Date | null };

/**
 * Must this person enrol a second factor before using the dashboard? Administrators who sign in
 * with a local password do, while local sign-in is on (single sign-on leaves the second factor
 * to the identity provider), unless ADMIN_TWO_FACTOR=optional.
 */
export function secondFactorEnrolmentRequired(user: SecondFactorSubject, env: Env = process.env): boolean {
  if (user.totpEnabledAt) return false;
  if (user.role !== "admin" || user.authSource !== "local") return false;
  if (!localSignInEnabled(env)) return false;
  return (env.ADMIN_TWO_FACTOR ?? "required").trim().toLowerCase() !== "optional";
}
