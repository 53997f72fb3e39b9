// Fixed-window counters kept in the database, so every app instance sees the same counts.
import type { Db } from "./db/client";

export type WindowRule = { limit: number; windowMs: number; lockMs?: number };
export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Is the key currently locked out (without counting anything)? */
export async function lockState(db: Db, key: string, now = new Date()): Promise<Verdict> {
  const bucket = await db.rateLimitBucket.findUnique({ where: { key } });
  if (bucket?.lockedUntil && bucket.lockedUntil > now) {
    return { allowed: false, retryAfterSeconds: Math.ceil((bucket.lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  return { allowed: true };
}

/**
 * Counts one event against the key. Past the limit within the window the key is refused until
 * the window ends (or for lockMs, when given).
 */
export async function hit(db: Db, key: string, rule: WindowRule, now = new Date()): Promise<Verdict> {
  const bucket = await db.rateLimitBucket.findUnique({ where: { key } });
  const fresh = !bucket || now.getTime() - bucket.windowStart.getTime() >= rule.windowMs;
  const saved = fresh
    ? await db.rateLimitBucket.upsert({
        where: { key },
        create: { key, windowStart: now, count: 1 },
        update: { windowStart: now, count: 1, lockedUntil: bucket?.lockedUntil && bucket.lockedUntil > now ? bucket.lockedUntil : null },
      })
    : await db.rateLimitBucket.update({ where: { key }, data: { count: { increment: 1 } } });
  if (saved.count <= rule.limit) return { allowed: true };
  const until = new Date(rule.lockMs ? now.getTime() + rule.lockMs : saved.windowStart.getTime() + rule.windowMs);
  if (rule.lockMs) await db.rateLimitBucket.update({ where: { key }, data: { lockedUntil: until } });
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) };
}

export async function clear(db: Db, key: string) {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}
