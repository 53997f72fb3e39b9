import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, nextRetryDelayMs, retryPolicyFrom } from "./backoff";
import { deliveryOutcome, retryableStatus } from "./delivery-outcome";

describe("retry backoff", () => {
  it("doubles from 30 s (no jitter at random 0), capped at an hour", () => {
    expect([1, 2, 3, 4, 5].map((n) => nextRetryDelayMs(n, DEFAULT_RETRY, 0))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(nextRetryDelayMs(7, { ...DEFAULT_RETRY, maxAttempts: 20 }, 0)).toBe(1_920_000);
    expect(nextRetryDelayMs(12, { ...DEFAULT_RETRY, maxAttempts: 20 }, 0)).toBe(3_600_000);
  });

  it("takes off up to a fifth as jitter", () => {
    expect(nextRetryDelayMs(1, DEFAULT_RETRY, 0.5)).toBe(27_000);
    expect(nextRetryDelayMs(1, DEFAULT_RETRY, 0.999_999)).toBeGreaterThanOrEqual(24_000);
  });

  it("gives up after the last of 8 tries", () => {
    expect(nextRetryDelayMs(7, DEFAULT_RETRY, 0)).not.toBeNull();
    expect(nextRetryDelayMs(8, DEFAULT_RETRY, 0)).toBeNull();
  });

  it("reads overrides from the environment, ignoring nonsense", () => {
    expect(retryPolicyFrom({ OUTBOUND_RETRY_FIRST_MS: "10", OUTBOUND_RETRY_MAX_MS: "50", OUTBOUND_MAX_ATTEMPTS: "3" })).toEqual({ firstDelayMs: 10, maxDelayMs: 50, maxAttempts: 3 });
    expect(retryPolicyFrom({ OUTBOUND_RETRY_FIRST_MS: "-1", OUTBOUND_MAX_ATTEMPTS: "many" })).toEqual(DEFAULT_RETRY);
  });
});

describe("delivery outcome", () => {
  const policy = { firstDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 3 };
  it("delivers on 2xx", () => expect(deliveryOutcome({ ok: true, statusCode: 204 }, 1, policy)).toEqual({ status: "delivered" }));

  it("retries 5xx, 408, 429 and network failures; dead after the last try", () => {
    for (const code of [500, 503, 408, 429]) expect(retryableStatus(code)).toBe(true);
    expect(deliveryOutcome({ ok: false, statusCode: 503 }, 1, policy, 0)).toEqual({ status: "pending", retryInMs: 1000, why: "HTTP 503" });
    expect(deliveryOutcome({ ok: false, error: "timeout" }, 2, policy, 0)).toEqual({ status: "pending", retryInMs: 2000, why: "timeout" });
    expect(deliveryOutcome({ ok: false, statusCode: 500 }, 3, policy, 0)).toMatchObject({ status: "dead", why: "HTTP 500; gave up after 3 tries" });
  });

  it("gives up at once on any other 4xx: the receiver refused it", () => {
    for (const code of [400, 401, 403, 404, 410, 422]) expect(deliveryOutcome({ ok: false, statusCode: code }, 1, policy).status).toBe("dead");
    expect(deliveryOutcome({ ok: false, statusCode: 400 }, 1, policy)).toMatchObject({ why: expect.stringContaining("refused") });
  });
});
