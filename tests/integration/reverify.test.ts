// Inside a session, the checks that prove it is still you (the current password to change it, the
// password and a code to turn the second factor off, a code for new recovery codes) cannot be
// guessed freely: 5 failures in 15 minutes hold them, for that user only; sign-in is unaffected.
import { beforeAll, describe, expect, it } from "vitest";
import { REVERIFY_LIMIT } from "@/lib/auth/reverify";
import { checkSignIn } from "@/lib/auth/signin";
import { totpCode } from "@/lib/auth/totp";
import { changeOwnPassword } from "@/lib/commands/user-accounts";
import { confirmTwoFactor, regenerateRecoveryCodes, startTwoFactor } from "@/lib/commands/two-factor";
import { getDb } from "@/lib/db/client";
import { makeUser, TEST_PASSWORD } from "./helpers";

const NEW_PASSWORD = "violet-harbour-stapler-92";

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ||= "reverify-test-session-secret-0123456789";
});

describe("changing the password with a wrong current one", () => {
  it(`is held after ${REVERIFY_LIMIT.limit} failures, the right one included, for that user only; sign-in still works`, async () => {
    const user = await makeUser("viewer");
    const other = await makeUser("viewer");
    const attempt = (userId: string, currentPassword: string) => changeOwnPassword(getDb(), userId, { currentPassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    for (let i = 0; i < REVERIFY_LIMIT.limit; i++) await expect(attempt(user.id, `guess-${i}`)).rejects.toMatchObject({ status: 400 });
    await expect(attempt(user.id, "guess-last")).rejects.toMatchObject({ status: 429, message: expect.stringMatching(/try again in 15 minutes/) });
    await expect(attempt(user.id, TEST_PASSWORD)).rejects.toMatchObject({ status: 429 });
    expect(await checkSignIn(getDb(), user.email, NEW_PASSWORD, "10.7.0.1")).toMatchObject({ ok: false });
    expect(await checkSignIn(getDb(), user.email, TEST_PASSWORD, "10.7.0.1")).toMatchObject({ ok: true });
    await expect(attempt(other.id, TEST_PASSWORD)).resolves.toMatchObject({ sessionsEnded: 0 });
  });
});

describe("new recovery codes with wrong codes", () => {
  it(`are held after ${REVERIFY_LIMIT.limit} failures`, async () => {
    const user = await makeUser("viewer");
    const now = new Date();
    const { secret } = await startTwoFactor(getDb(), user.id, { system: "test" });
    await confirmTwoFactor(getDb(), user.id, { code: totpCode(secret, new Date(now.getTime() - 60_000)) }, { system: "test" }, new Date(now.getTime() - 60_000));
    const right = totpCode(secret, now);
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < REVERIFY_LIMIT.limit; i++) await expect(regenerateRecoveryCodes(getDb(), user.id, { code: wrong }, { system: "test" }, now)).rejects.toMatchObject({ status: 400 });
    await expect(regenerateRecoveryCodes(getDb(), user.id, { code: wrong }, { system: "test" }, now)).rejects.toMatchObject({ status: 429 });
    await expect(regenerateRecoveryCodes(getDb(), user.id, { code: right }, { system: "test" }, now)).rejects.toMatchObject({ status: 429 });
    expect(await getDb().recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(10);
  });
});
