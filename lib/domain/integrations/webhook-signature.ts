// The webhook signature: HMAC-SHA256 under the subscription's secret of "<timestamp>.<raw body>",
// sent as x-iomt-signature: sha256=<hex> with x-iomt-timestamp: <unix seconds>. The timestamp is
// signed so that a captured request cannot be replayed later than the receiver's tolerance.
// verifyWebhook is what a receiver runs (README "Webhooks" has it in Node and Python).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-iomt-signature";
export const TIMESTAMP_HEADER = "x-iomt-timestamp";

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: "missing_headers" | "bad_timestamp" | "too_old_or_new" | "bad_signature" };

/**
 * `headers`: the request's headers (names lower-case, as Node gives them, or a Headers object);
 * `body`: the raw body, exactly as received (re-serialised JSON would not match); `now`: unix
 * seconds. Refuses a timestamp more than `toleranceSeconds` away (a replay) and any other signature.
 */
export function verifyWebhook(secret: string, headers: Headers | Record<string, string | string[] | undefined>, body: string, now: number, toleranceSeconds = 300): VerifyResult {
  const get = (name: string) => {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    return Array.isArray(value) ? value[0] : value ?? undefined;
  };
  const signature = get(SIGNATURE_HEADER);
  const stamp = get(TIMESTAMP_HEADER);
  if (!signature || !stamp) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(stamp)) return { ok: false, reason: "bad_timestamp" };
  if (Math.abs(now - Number(stamp)) > toleranceSeconds) return { ok: false, reason: "too_old_or_new" };
  const expected = Buffer.from(signWebhook(secret, Number(stamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: "bad_signature" };
}
