// Proving it is still you, inside a session: the current password to change it, the password and a
// code to turn the second factor off, a code for new recovery codes. A stolen session must not be
// able to guess these freely, so failures are counted per user in the database (every instance
// sees them): 5 in 15 minutes hold these checks for 15 minutes. Sign-in itself is not affected.
import type { Db } from "../db/client";
import { hit, lockState } from "../db/rate-limit";
import { ApiError } from "../web/errors";

export const REVERIFY_LIMIT = { limit: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

const key = (userId: string) => `reverify:${userId}`;

function held(retryAfterSeconds: number): ApiError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new ApiError(429, "too_many_attempts", `Too many wrong passwords or codes: try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, undefined, { "Retry-After": String(retryAfterSeconds) });
}

/**
 * Runs `check` (true: the password or code was right) unless the user's checks are held; counts a
 * failure, and answers 429 once the limit is passed.
 */
export async function reverify(db: Db, userId: string, check: () => Promise<boolean>, now = new Date()): Promise<boolean> {
  const state = await lockState(db, key(userId), now);
  if (!state.allowed) throw held(state.retryAfterSeconds);
  if (await check()) return true;
  const verdict = await hit(db, key(userId), REVERIFY_LIMIT, now);
  if (!verdict.allowed) throw held(verdict.retryAfterSeconds);
  return false;
}
