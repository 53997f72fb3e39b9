// Sessions end with the shift: a session token signed now is refused 8 hours later.
import { decode, encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sessionLimits } from "./identity-config";
import { authOptions, SESSION_MAX_AGE_SECONDS } from "./options";

const secret = "a-test-secret-of-reasonable-length";

afterEach(() => {
  vi.useRealTimers();
});

describe("session expiry", () => {
  it("is configured for the session and its token alike", () => {
    expect(SESSION_MAX_AGE_SECONDS).toBe(8 * 3600);
    expect(SESSION_MAX_AGE_SECONDS * 1000, "the cookie lives as long as the session row may").toBe(sessionLimits().maxAgeMs);
    expect(authOptions.session?.maxAge).toBe(SESSION_MAX_AGE_SECONDS);
    expect(authOptions.jwt?.maxAge).toBe(SESSION_MAX_AGE_SECONDS);
  });

  it("a token is accepted during the shift and refused after it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-29T07:00:00Z");
    vi.setSystemTime(start);
    const token = await encode({ token: { uid: "u1", role: "engineer", email: "e@h.org" }, secret, maxAge: authOptions.jwt!.maxAge });
    vi.setSystemTime(new Date(start.getTime() + 7.9 * 3600_000));
    expect(await decode({ token, secret })).toMatchObject({ uid: "u1", role: "engineer" });
    vi.setSystemTime(new Date(start.getTime() + 8 * 3600_000 + 60_000));
    await expect(decode({ token, secret })).rejects.toThrow(/exp/);
  });
});
