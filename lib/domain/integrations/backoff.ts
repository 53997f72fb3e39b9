// When to try a failed delivery again: exponential (30 s, 1, 2, 4 … minutes), capped, with
// jitter so that a receiver that comes back is not hit by every queued message in the same second.

export type RetryPolicy = { firstDelayMs: number; maxDelayMs: number; maxAttempts: number };

export const DEFAULT_RETRY: RetryPolicy = { firstDelayMs: 30_000, maxDelayMs: 60 * 60_000, maxAttempts: 8 };

/**
 * The wait after the `attempts`-th failed try (1 = after the first), or null when that was the last
 * try and the message is dead. `random` in [0, 1): the jitter takes off up to a fifth of the wait.
 */
export function nextRetryDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY, random = Math.random()): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const base = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(0, Math.round(base * (1 - 0.2 * Math.min(Math.max(random, 0), 1))));
}

/** Overrides from the environment (tests shorten the waits): OUTBOUND_RETRY_FIRST_MS, _MAX_MS, OUTBOUND_MAX_ATTEMPTS. */
export function retryPolicyFrom(env: Record<string, string | undefined>): RetryPolicy {
  const positive = (value: string | undefined, fallback: number, max: number) => {
    const n = Number(value);
    return value && Number.isInteger(n) && n > 0 && n <= max ? n : fallback;
  };
  return {
    firstDelayMs: positive(env.OUTBOUND_RETRY_FIRST_MS, DEFAULT_RETRY.firstDelayMs, 86_400_000),
    maxDelayMs: positive(env.OUTBOUND_RETRY_MAX_MS, DEFAULT_RETRY.maxDelayMs, 86_400_000),
    maxAttempts: positive(env.OUTBOUND_MAX_ATTEMPTS, DEFAULT_RETRY.maxAttempts, 50),
  };
}
