import { describe, expect, it } from "vitest";
import { checkSignIn, signInHolds, SIGNIN_LIMITS } from "@/lib/auth/signin";
import { getDb } from "@/lib/db/client";
import { deleteIdleBuckets } from "@/lib/db/rate-limit";
import { unlockUser, updateUser } from "@/lib/commands/user-accounts";
import { applyRetention } from "@/lib/jobs/retention";
import { makeUser, TEST_PASSWORD } from "./helpers";

const at = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);
/** `n` wrong passwords for `email`, each at `address(i)`, one every `step` seconds from `start`, each tried after any pause ended. */
async function guess(email: string, n: number, address: (i: number) => string, start: Date, step = 31) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await checkSignIn(getDb(), email, `guess-${i}`, address(i), at(start, i * step)));
  return results;
}

describe("sign-in", () => {
  it("accepts the right password (any e-mail case) and records the time", async () => {
    const user = await makeUser("analyst", "carol@test.local");
    const result = await checkSignIn(getDb(), "Carol@Test.local", TEST_PASSWORD, "10.0.0.1");
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "analyst" } });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).not.toBeNull();
  });

  it("refuses a wrong password and an unknown e-mail alike", async () => {
    await makeUser("viewer", "dave@test.local");
    expect(await checkSignIn(getDb(), "dave@test.local", "wrong password!", "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkSignIn(getDb(), "nobody@test.local", "wrong password!", "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled user", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser("viewer", "frank@test.local");
    await updateUser(getDb(), user.id, { role: "viewer", disabled: true }, { id: admin.id, email: admin.email });
    expect(await checkSignIn(getDb(), "frank@test.local", TEST_PASSWORD, "10.0.0.3")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("a lockout that cannot be turned against the owner", () => {
  it("five wrong passwords from one address lock that address out of the account, not the owner elsewhere", async () => {
    await makeUser("admin", "boss@test.local");
    const start = new Date();
    const tries = await guess("boss@test.local", SIGNIN_LIMITS.perAccountAddress.limit + 1, () => "203.0.113.9", start);
    expect(tries.slice(0, SIGNIN_LIMITS.perAccountAddress.limit).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(tries.at(-1)).toMatchObject({ ok: false, reason: "locked" });
    const later = at(start, tries.length * 31);
    // The guesser's address stays locked out of this account, the right password included, for 15 minutes.
    const guesser = await checkSignIn(getDb(), "boss@test.local", TEST_PASSWORD, "203.0.113.9", later);
    expect(guesser).toMatchObject({ ok: false, reason: "locked" });
    expect(guesser.ok === false && guesser.retryAfterSeconds).toBeGreaterThan(800);
    // The owner, at their own workstation, signs in (it used to be locked for 15 minutes, restart or not).
    expect(await checkSignIn(getDb(), "boss@test.local", TEST_PASSWORD, "10.20.30.40", later)).toMatchObject({ ok: true, user: { role: "admin" } });
  });

  it("failures from many addresses only slow the account: a pause doubling from 1 s, never over 30 s, the password not checked meanwhile", async () => {
    await makeUser("admin", "chief@test.local");
    const start = new Date();
    const free = SIGNIN_LIMITS.perAccount.free;
    const tries = await guess("chief@test.local", 40, (i) => `198.51.100.${i}`, start, 0);
    // Two free failures, then paused: every attempt in the pause is answered "slowed", uncounted.
    expect(tries.slice(0, free + 1).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(tries.slice(free + 1).every((r) => !r.ok && r.reason === "slowed" && r.retryAfterSeconds === 1)).toBe(true);
    // An attacker who waits out every pause: 1, 2, 4… 30 s, and no more.
    const pauses: number[] = [];
    let t = at(start, 1);
    for (let i = 0; i < 10; i++) {
      await checkSignIn(getDb(), "chief@test.local", `again-${i}`, `192.0.2.${i}`, t);
      const held = await checkSignIn(getDb(), "chief@test.local", TEST_PASSWORD, "10.20.30.41", t);
      pauses.push(held.ok ? 0 : (held.retryAfterSeconds ?? 0));
      t = at(t, pauses.at(-1)!);
    }
    expect(pauses).toEqual([2, 4, 8, 16, 30, 30, 30, 30, 30, 30]);
    // The owner waits out the pause (30 s at most) and is in.
    expect(await checkSignIn(getDb(), "chief@test.local", TEST_PASSWORD, "10.20.30.41", t)).toMatchObject({ ok: true });
  });

  it("the per-address limit refuses the right password too once it is reached (the header cannot choose the address)", async () => {
    await makeUser("engineer", "erin@test.local");
    const start = new Date();
    // 30 failures from one address, each on another account (so no account pause gets in the way).
    for (let i = 0; i < SIGNIN_LIMITS.perAddress.limit; i++) {
      expect(await checkSignIn(getDb(), `spray-${i}@test.local`, "wrong", "192.0.2.77", at(start, i))).toMatchObject({ ok: false, reason: "invalid" });
    }
    expect(await checkSignIn(getDb(), "spray-x@test.local", "wrong", "192.0.2.77", at(start, 31))).toMatchObject({ ok: false, reason: "locked" });
    // It used to let this one in: the lock was counted but never looked at.
    expect(await checkSignIn(getDb(), "erin@test.local", TEST_PASSWORD, "192.0.2.77", at(start, 32))).toMatchObject({ ok: false, reason: "locked" });
    expect(await checkSignIn(getDb(), "erin@test.local", TEST_PASSWORD, "10.9.9.9", at(start, 33))).toMatchObject({ ok: true });
    // It ends on its own after 15 minutes.
    expect(await checkSignIn(getDb(), "erin@test.local", TEST_PASSWORD, "192.0.2.77", at(start, 31 + 15 * 60 + 1))).toMatchObject({ ok: true });
  });

  it("an administrator (or the CLI) unlocks an account: pauses and per-address locks lifted, audited", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser("viewer", "gina@test.local");
    const start = new Date();
    await guess("gina@test.local", 6, () => "203.0.113.50", start);
    await guess("gina@test.local", 3, (i) => `203.0.113.${60 + i}`, at(start, 400), 0);
    const holds = await signInHolds(getDb(), at(start, 401));
    expect(holds.get("gina@test.local")).toMatchObject({ kind: "locked", addresses: 1 });
    expect(await checkSignIn(getDb(), "gina@test.local", TEST_PASSWORD, "203.0.113.50", at(start, 401))).toMatchObject({ ok: false });

    // Two holds running: the pair lock at .50 and the account's pause.
    const { lifted } = await unlockUser(getDb(), { id: user.id }, { id: admin.id, email: admin.email }, at(start, 400));
    expect(lifted).toBe(2);
    expect((await signInHolds(getDb(), at(start, 401))).has("gina@test.local")).toBe(false);
    expect(await checkSignIn(getDb(), "gina@test.local", TEST_PASSWORD, "203.0.113.50", at(start, 401))).toMatchObject({ ok: true });
    const entry = await getDb().auditLog.findFirstOrThrow({ where: { action: "user.unlock", targetId: user.id } });
    expect(entry.actorId).toBe(admin.id);
    // By e-mail, as npm run user:unlock does; an unknown account is a 404, not a silent success.
    expect((await unlockUser(getDb(), { email: "GINA@test.local" }, { system: "cli" })).lifted).toBe(0);
    await expect(unlockUser(getDb(), { email: "nobody@test.local" }, { system: "cli" })).rejects.toMatchObject({ status: 404 });
  });

  it("counters expire: the retention job deletes those idle for a day, never a running lock", async () => {
    const db = getDb();
    const old = new Date(Date.now() - 2 * 86_400_000);
    await db.rateLimitBucket.createMany({
      data: [
        { key: "signin:account:idle@test.local", windowStart: old, count: 3, updatedAt: old },
        { key: "signin:pair:held@test.local|192.0.2.1", windowStart: old, count: 9, lockedUntil: new Date(Date.now() + 60_000), updatedAt: old },
        { key: "signin:account:fresh@test.local", windowStart: new Date(), count: 1, updatedAt: new Date() },
      ],
    });
    await applyRetention(db);
    const left = (await db.rateLimitBucket.findMany({ where: { key: { in: ["signin:account:idle@test.local", "signin:pair:held@test.local|192.0.2.1", "signin:account:fresh@test.local"] } } })).map((b) => b.key).sort();
    expect(left).toEqual(["signin:account:fresh@test.local", "signin:pair:held@test.local|192.0.2.1"]);
    expect(await deleteIdleBuckets(db, 86_400_000, new Date(Date.now() + 3 * 86_400_000))).toBeGreaterThanOrEqual(2);
  });
});
