// Rate limits are counted in the database, atomically: concurrent requests on any number of app
// instances (here, two clients on one database) count exactly.
import { describe, expect, it } from "vitest";
import { createDb, getDb } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { hit, lockState } from "@/lib/db/rate-limit";

const rule = { limit: 10, windowMs: 60_000 };

describe("hit", () => {
  it("allows exactly the limit when 40 requests race on a fresh key from two instances", async () => {
    const other = createDb(databaseConfig());
    try {
      const now = new Date();
      const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => hit(i % 2 ? other : getDb(), "race:fresh", rule, now)));
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(10);
      expect((await getDb().rateLimitBucket.findUniqueOrThrow({ where: { key: "race:fresh" } })).count).toBe(40);
    } finally {
      await other.$disconnect();
    }
  });

  it("starts a new window once the old one has passed, and says when to retry", async () => {
    const start = new Date("2026-01-01T00:00:00Z");
    for (let i = 0; i < 10; i++) expect((await hit(getDb(), "window", rule, start)).allowed).toBe(true);
    expect(await hit(getDb(), "window", rule, new Date(start.getTime() + 20_000))).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(await hit(getDb(), "window", rule, new Date(start.getTime() + 60_000))).toEqual({ allowed: true });
  });

  it("locks a key for lockMs past the limit, across windows", async () => {
    const start = new Date("2026-01-01T00:00:00Z");
    const locking = { limit: 2, windowMs: 1_000, lockMs: 300_000 };
    await hit(getDb(), "lock", locking, start);
    await hit(getDb(), "lock", locking, start);
    expect(await hit(getDb(), "lock", locking, start)).toEqual({ allowed: false, retryAfterSeconds: 300 });
    expect(await lockState(getDb(), "lock", new Date(start.getTime() + 10_000))).toEqual({ allowed: false, retryAfterSeconds: 290 });
    expect(await lockState(getDb(), "lock", new Date(start.getTime() + 301_000))).toEqual({ allowed: true });
  });
});
