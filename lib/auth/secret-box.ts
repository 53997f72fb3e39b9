// Encrypts what must be kept but never read back from a database backup alone (a second factor's
// secret): AES-256-GCM under a key derived by HKDF from the session secret, which lives in the
// environment or a 0600 file outside the database (lib/commands/first-start.ts). Versioned, so
// the key or cipher can change later without guessing what a stored value is.
//   v1:<iv>:<tag>:<ciphertext>   each part base64url
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;

/** A 32-byte key for one purpose, derived from the session secret: the secret itself is never the key. */
export function deriveKey(sessionSecret: string, purpose: string): Buffer {
  if (sessionSecret.length < 16) throw new Error("the session secret is too short to derive a key from");
  return Buffer.from(hkdfSync("sha256", sessionSecret, "iomt-risk secret-box", `${VERSION}:${purpose}`, 32));
}

export function seal(plaintext: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(":");
}

/** The plaintext, or an error if the value was altered, sealed under another key, or is not ours. */
export function open(sealed: string, key: Buffer): string {
  const [version, iv, tag, body, ...rest] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || body === undefined || rest.length) throw new Error("not a sealed value this version can open");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("the sealed value was altered or sealed under another key");
  }
}

/** The key that seals second-factor secrets, from NEXTAUTH_SECRET (scripts/start.ts fills it from the secret file). */
export function secondFactorKey(env: Record<string, string | undefined> = process.env): Buffer {
  const secret = env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: start the dashboard with npm start, which reads or creates the session secret");
  return deriveKey(secret, "totp-secret");
}
