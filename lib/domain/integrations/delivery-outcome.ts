// What the delivery job does after a try: delivered, try again later, or dead. Pure, so the rule
// ("a receiver that refused the event will refuse it again") is tested in milliseconds.
import { nextRetryDelayMs, type RetryPolicy } from "./backoff";

export type TryResult = { ok: boolean; statusCode?: number; error?: string };
export type Outcome =
  | { status: "delivered" }
  | { status: "pending"; retryInMs: number; why: string }
  | { status: "dead"; why: string };

/** 408 (timeout) and 429 (slow down) are the receiver's "not now"; any other 4xx is "never". */
export function retryableStatus(statusCode: number): boolean {
  return statusCode >= 500 || statusCode === 408 || statusCode === 429;
}

/** `attempts`: the tries made, this one included. Syslog tries have no status code: a failure there is the network's, so retried. */
export function deliveryOutcome(result: TryResult, attempts: number, policy: RetryPolicy, random = Math.random()): Outcome {
  if (result.ok) return { status: "delivered" };
  const code = result.statusCode;
  if (code !== undefined && !retryableStatus(code)) {
    return { status: "dead", why: `the receiver refused it (HTTP ${code}): sending it again cannot help, so it is not retried; fix the receiver, then redeliver` };
  }
  const why = code !== undefined ? `HTTP ${code}` : result.error ?? "failed";
  const wait = nextRetryDelayMs(attempts, policy, random);
  if (wait === null) return { status: "dead", why: `${why}; gave up after ${attempts} ${attempts === 1 ? "try" : "tries"}` };
  return { status: "pending", retryInMs: wait, why };
}
