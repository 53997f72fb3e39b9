// Recovery codes: ten single-use codes that stand in for the authenticator app when the phone is
// lost. Shown once; only their SHA-256 hashes are kept (50 random bits each, so a slow hash adds
// nothing: the sign-in limits stop guessing long before).
import { createHash, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32: no I, L, O or U, so a code read off paper is not mistyped.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 10;

/** One code, "ABCDE-FGHJK": two groups of five characters, 50 bits. */
function newRecoveryCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, newRecoveryCode);
}

/** What a person typed, as it was made: case, spaces and dashes ignored, O read as 0, I and L as 1. */
export function normalizeRecoveryCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return chars.length === LENGTH && [...chars].every((c) => ALPHABET.includes(c)) ? chars : null;
}

/** The stored form of a code (made or typed): SHA-256 of its normalized characters. Null if it cannot be a code. */
export function recoveryCodeHash(input: string): string | null {
  const code = normalizeRecoveryCode(input);
  return code && createHash("sha256").update(code).digest("hex");
}
