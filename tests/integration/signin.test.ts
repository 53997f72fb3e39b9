import { describe, expect, it } from "vitest";
import { checkSignIn, SIGNIN_LIMITS } from "@/lib/auth/signin";
import { getDb } from "@/lib/db/client";
import { updateUser } from "@/lib/commands/user-accounts";
import { makeUser, TEST_PASSWORD } from "./helpers";

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

  it("locks an e-mail after repeated failures, even for the right password, until the lock ends", async () => {
    await makeUser("engineer", "erin@test.local");
    const results = [];
    for (let i = 0; i < SIGNIN_LIMITS.perEmail.limit + 1; i++) results.push(await checkSignIn(getDb(), "erin@test.local", `guess-${i}`, `10.1.0.${i}`));
    expect(results.slice(0, SIGNIN_LIMITS.perEmail.limit).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: "locked" });
    const locked = await checkSignIn(getDb(), "erin@test.local", TEST_PASSWORD, "10.9.9.9");
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    expect(locked.ok === false && locked.retryAfterSeconds).toBeGreaterThan(800);
    // The lock is shared state in the database, not process memory: lift it there.
    await getDb().rateLimitBucket.deleteMany({ where: { key: "signin:email:erin@test.local" } });
    expect((await checkSignIn(getDb(), "erin@test.local", TEST_PASSWORD, "10.9.9.9")).ok).toBe(true);
  });

  it("refuses a disabled user", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser("viewer", "frank@test.local");
    await updateUser(getDb(), user.id, { role: "viewer", disabled: true }, { id: admin.id, email: admin.email });
    expect(await checkSignIn(getDb(), "frank@test.local", TEST_PASSWORD, "10.0.0.3")).toEqual({ ok: false, reason: "invalid" });
  });
});
