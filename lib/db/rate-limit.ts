// Fixed-window counters kept in the database, so every app instance sees the same counts.
import { parameters, sqlTimestamp } from "./bulk";
import { providerOf, type Db } from "./client";

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
 * the window ends (or for lockMs, when given). One atomic statement (insert, or reset or
 * increment the window), so concurrent requests on any number of instances count exactly.
 */
export async function hit(db: Db, key: string, rule: WindowRule, now = new Date()): Promise<Verdict> {
  const provider = providerOf(db);
  const at = (d: Date) => sqlTimestamp(d, provider);
  const { values: params, bind } = parameters(provider);
  const [nowAt, cutoff] = [at(now), at(new Date(now.getTime() - rule.windowMs))];
  const ts = "::timestamp(3)";
  const t = `"RateLimitBucket"`;
  const sql = `INSERT INTO ${t} ("key", "windowStart", "count", "lockedUntil", "updatedAt") VALUES (${bind(key)}, ${bind(nowAt, ts)}, 1, NULL, ${bind(nowAt, ts)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN ${t}."windowStart" <= ${bind(cutoff, ts)} THEN 1 ELSE ${t}."count" + 1 END,
      "windowStart" = CASE WHEN ${t}."windowStart" <= ${bind(cutoff, ts)} THEN ${bind(nowAt, ts)} ELSE ${t}."windowStart" END,
      "lockedUntil" = CASE WHEN ${t}."lockedUntil" > ${bind(nowAt, ts)} THEN ${t}."lockedUntil" ELSE NULL END,
      "updatedAt" = ${bind(nowAt, ts)}
    RETURNING "count", "windowStart"`;
  const [saved] = await db.$queryRawUnsafe<{ count: number | bigint; windowStart: Date | string }[]>(sql, ...params);
  if (Number(saved.count) <= rule.limit) return { allowed: true };
  const windowStart = new Date(saved.windowStart);
  const until = new Date(rule.lockMs ? now.getTime() + rule.lockMs : windowStart.getTime() + rule.windowMs);
  if (rule.lockMs) await db.rateLimitBucket.update({ where: { key }, data: { lockedUntil: until } });
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) };
}

export async function clear(db: Db, key: string) {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}
