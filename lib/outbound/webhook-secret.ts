// Webhook secrets are encrypted at rest, not hashed: the dashboard must read a secret back to sign
// every delivery with it (a hash could only check a secret, never sign). AES-256-GCM under a key
// derived from NEXTAUTH_SECRET for this purpose alone (lib/auth/secret-box.ts), so a database
// backup by itself does not reveal the secrets.
import { randomBytes } from "node:crypto";
import { deriveKey, open, seal } from "../auth/secret-box";

export const WEBHOOK_SECRET_PREFIX = "whsec_";

function webhookKey(env: Record<string, string | undefined> = process.env): Buffer {
  const secret = env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: start the dashboard with npm start, which reads or creates the session secret");
  return deriveKey(secret, "webhook-secret");
}

/** A new secret (32 random bytes), its sealed form for the database, and a prefix to recognise it by. */
export function newWebhookSecret(): { secret: string; sealed: string; prefix: string } {
  const secret = WEBHOOK_SECRET_PREFIX + randomBytes(32).toString("base64url");
  return { secret, sealed: seal(secret, webhookKey()), prefix: secret.slice(0, WEBHOOK_SECRET_PREFIX.length + 4) };
}

export function openWebhookSecret(sealed: string): string {
  return open(sealed, webhookKey());
}
