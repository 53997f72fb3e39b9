import { describe, expect, it } from "vitest";
import { checkSignIn } from "@/lib/auth/signin";
import { getDb } from "@/lib/db/client";
import { DEFAULT_ADMIN_EMAIL, ensureFirstAdmin, ensureSessionSecret } from "@/lib/commands/first-start";

describe("first start", () => {
  it("generates a session secret once and keeps it", async () => {
    const first = await ensureSessionSecret(getDb(), {});
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(await ensureSessionSecret(getDb(), {})).toBe(first);
    expect(await ensureSessionSecret(getDb(), { NEXTAUTH_SECRET: "configured" })).toBe("configured");
  });

  it("creates one administrator with a generated password, printed once, that signs in", async () => {
    const created = await ensureFirstAdmin(getDb(), {});
    expect(created?.email).toBe(DEFAULT_ADMIN_EMAIL);
    expect(created?.generatedPassword?.length).toBeGreaterThanOrEqual(24);
    expect(await checkSignIn(getDb(), DEFAULT_ADMIN_EMAIL, created!.generatedPassword!, "127.0.0.1")).toMatchObject({ ok: true, user: { role: "admin" } });
    // Second start: nothing created, nothing printed.
    expect(await ensureFirstAdmin(getDb(), { ADMIN_EMAIL: "other@test.local", ADMIN_PASSWORD: "another-password-1" })).toBeNull();
    expect(await getDb().user.count()).toBe(1);
  });
});
