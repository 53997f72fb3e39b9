import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "./webhook-signature";

const secret = "whsec_test-secret";
const body = JSON.stringify({ id: "alert:1", kind: "spoof" });
const now = 1_800_000_000;
const signed = (ts = now, b = body, s = secret) => ({ "x-iomt-timestamp": String(ts), "x-iomt-signature": signWebhook(s, ts, b) });

describe("webhook signature", () => {
  it("is HMAC-SHA256 of '<timestamp>.<body>' in hex, as the README tells receivers", () => {
    const expected = createHmac("sha256", secret).update(`${now}.${body}`).digest("hex");
    expect(signWebhook(secret, now, body)).toBe(`sha256=${expected}`);
  });

  it("verifies what it signed, from plain headers or a Headers object", () => {
    expect(verifyWebhook(secret, signed(), body, now)).toEqual({ ok: true });
    expect(verifyWebhook(secret, new Headers(signed()), body, now + 299)).toEqual({ ok: true });
  });

  it("refuses a tampered body, another secret, a tampered timestamp", () => {
    expect(verifyWebhook(secret, signed(), body.replace("spoof", "risk_jump"), now)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyWebhook("whsec_other", signed(), body, now)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyWebhook(secret, { ...signed(), "x-iomt-timestamp": String(now + 1) }, body, now)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyWebhook(secret, { ...signed(), "x-iomt-signature": "sha256=00" }, body, now)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a replay outside the window, either way, and honours a custom tolerance", () => {
    expect(verifyWebhook(secret, signed(now - 301), body, now)).toEqual({ ok: false, reason: "too_old_or_new" });
    expect(verifyWebhook(secret, signed(now + 301), body, now)).toEqual({ ok: false, reason: "too_old_or_new" });
    expect(verifyWebhook(secret, signed(now - 301), body, now, 600)).toEqual({ ok: true });
    expect(verifyWebhook(secret, signed(now - 31), body, now, 30)).toEqual({ ok: false, reason: "too_old_or_new" });
  });

  it("refuses missing or malformed headers", () => {
    expect(verifyWebhook(secret, {}, body, now)).toEqual({ ok: false, reason: "missing_headers" });
    expect(verifyWebhook(secret, { "x-iomt-signature": "sha256=ab" }, body, now)).toEqual({ ok: false, reason: "missing_headers" });
    expect(verifyWebhook(secret, { ...signed(), "x-iomt-timestamp": "12.5" }, body, now)).toEqual({ ok: false, reason: "bad_timestamp" });
  });
});
