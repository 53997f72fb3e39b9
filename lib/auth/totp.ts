// Time-based one-time passwords (RFC 6238) as every authenticator app reads them: SHA-1, six
// digits, 30-second steps. Pure apart from the random secret: the time is passed in.
import { Secret, TOTP } from "otpauth";

export const TOTP_ISSUER = "IoMT Risk";
const PERIOD_SECONDS = 30;
/** A code from the step before or after is accepted too: phones' clocks drift, people type slowly. */
const WINDOW = 1;

function totp(secretBase32: string, label = "") {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A new random secret (160 bits, the RFC's recommendation), base32 as apps take it typed in. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI the QR code carries: issuer "IoMT Risk", the person's e-mail as the label. */
export function otpauthUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, "$1 ");
}

/** The 30-second step a time falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
}

/** Six digits, spaces allowed ("123 456"): is this what a person typed from an app? */
export function looksLikeTotpCode(input: string): boolean {
  return /^\d{6}$/.test(input.replace(/\s/g, ""));
}

/** The code for a time (tests, and nothing else, need to make codes). */
export function totpCode(secretBase32: string, now: Date): string {
  return totp(secretBase32).generate({ timestamp: now.getTime() });
}

/**
 * The step a code was made for, if it is right for `now` (±1 step) and newer than the last step
 * accepted for this account: a code seen once (over a shoulder, in a proxy log) cannot be used
 * again. Null otherwise.
 */
export function acceptedTotpStep(secretBase32: string, input: string, now: Date, lastStep: number | null): number | null {
  const code = input.replace(/\s/g, "");
  if (!looksLikeTotpCode(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
