// Fixed-window counters kept in the database, so every app instance sees the same counts.
import { parameters, sqlTimestamp } from "./bulk";
import { providerOf, type Db } from "./client";

export type WindowRule = { limit: number; windowMs: number; lockMs?: number };
/** A growing pause after each event past the first `free` in a window: firstMs, doubling, at most maxMs. */
export type DelayRule = { windowMs: number; free: number; firstMs: number; maxMs: number };
export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/** Is the key currently locked out (without counting anything)? */
export async function lockState(db: Db, key: string, now = new Date()): Promise<Verdict> {
  const bucket = await db.rateLimitBucket.findUnique({ where: { key } });
  if (bucket?.lockedUntil && bucket.lockedUntil > now) return { allowed: false, retryAfterSeconds: secondsUntil(bucket.lockedUntil, now) };
  return { allowed: true };
}

/**
 * Counts one event against the key, in one atomic statement (insert, or reset or increment the
 * window), so concurrent requests on any number of instances count exactly. A lock still running
 * is kept; an ended one is cleared.
 */
async function count(db: Db, key: string, windowMs: number, now: Date): Promise<{ count: number; windowStart: Date }> {
  const provider = providerOf(db);
  const at = (d: Date) => sqlTimestamp(d, provider);
  const { values: params, bind } = parameters(provider);
  const [nowAt, cutoff] = [at(now), at(new Date(now.getTime() - windowMs))];
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
  return { count: Number(saved.count), windowStart: new Date(saved.windowStart) };
}

/**
 * Counts one event against the key. Past the limit within the window the key is refused until
 * the window ends (or for lockMs, when given: then lockState sees the lock too).
 */
export async function hit(db: Db, key: string, rule: WindowRule, now = new Date()): Promise<Verdict> {
  const { count: n, windowStart } = await count(db, key, rule.windowMs, now);
  if (n <= rule.limit) return { allowed: true };
  const until = new Date(rule.lockMs ? now.getTime() + rule.lockMs : windowStart.getTime() + rule.windowMs);
  if (rule.lockMs) await db.rateLimitBucket.update({ where: { key }, data: { lockedUntil: until } });
  return { allowed: false, retryAfterSeconds: secondsUntil(until, now) };
}

/**
 * Counts one event and, past the first rule.free in the window, pauses the key for a delay that
 * doubles with each event (rule.firstMs, 2×, 4×… at most rule.maxMs): lockState refuses it until
 * the pause ends. Bounded: events alone can never hold the key for longer than maxMs.
 */
export async function delay(db: Db, key: string, rule: DelayRule, now = new Date()): Promise<Verdict> {
  const { count: n } = await count(db, key, rule.windowMs, now);
  if (n <= rule.free) return { allowed: true };
  const ms = Math.min(rule.maxMs, rule.firstMs * 2 ** Math.min(n - rule.free - 1, 30));
  const until = new Date(now.getTime() + ms);
  await db.rateLimitBucket.update({ where: { key }, data: { lockedUntil: until } });
  return { allowed: false, retryAfterSeconds: secondsUntil(until, now) };
}

export async function clear(db: Db, key: string) {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}

/**
 * Deletes the key and every key that starts with `prefix` (compared exactly: LIKE would read % and
 * _ in it as wildcards), and says how many of them were locked at `now`.
 */
export async function clearWithPrefix(db: Db, key: string, prefix: string, now = new Date()): Promise<number> {
  const candidates = await db.rateLimitBucket.findMany({ where: { OR: [{ key }, { key: { startsWith: prefix } }] }, select: { key: true, lockedUntil: true }, take: 10_000 });
  const cleared = candidates.filter((c) => c.key === key || c.key.startsWith(prefix));
  await db.rateLimitBucket.deleteMany({ where: { key: { in: cleared.map((c) => c.key) } } });
  return cleared.filter((c) => c.lockedUntil && c.lockedUntil > now).length;
}

/** Keys starting with `prefix` that are locked or paused now, with when that ends. */
export async function lockedKeys(db: Db, prefix: string, now = new Date()): Promise<{ key: string; lockedUntil: Date }[]> {
  const rows = await db.rateLimitBucket.findMany({ where: { key: { startsWith: prefix }, lockedUntil: { gt: now } }, select: { key: true, lockedUntil: true }, take: 10_000 });
  return rows.flatMap((r) => (r.lockedUntil && r.key.startsWith(prefix) ? [{ key: r.key, lockedUntil: r.lockedUntil }] : []));
}

/** Longer than every rule's window: a counter idle this long would restart at 1 anyway. */
export const IDLE_BUCKET_MS = 24 * 60 * 60_000;

/** Deletes counters nobody needs any more: no event for `idleMs` and no lock running (the retention job, hourly). */
export async function deleteIdleBuckets(db: Db, idleMs = IDLE_BUCKET_MS, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - idleMs);
  const { count: n } = await db.rateLimitBucket.deleteMany({
    where: { updatedAt: { lt: before }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
  });
  return n;
}
