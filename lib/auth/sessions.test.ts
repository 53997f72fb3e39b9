import { describe, expect, it } from "vitest";
import { dueForTouch, sessionState, type SessionRow } from "./sessions";

const MIN = 60_000;
const start = new Date("2026-12-01T07:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * MIN);
const row = (over: Partial<SessionRow> = {}): SessionRow => ({ id: "s", userId: "u", expiresAt: at(8 * 60), lastSeenAt: start, revokedAt: null, ...over });
const IDLE = 30 * MIN;

describe("session state", () => {
  it("is live while used within the idle time and before the absolute end", () => {
    expect(sessionState(row(), at(29), IDLE)).toBe("live");
    expect(sessionState(row({ lastSeenAt: at(7 * 60 + 50) }), at(7 * 60 + 59), IDLE)).toBe("live");
  });

  it("ends at the absolute lifetime however recently it was used", () => {
    expect(sessionState(row({ lastSeenAt: at(8 * 60 - 1) }), at(8 * 60), IDLE)).toBe("expired");
  });

  it("ends when unused longer than the idle time", () => {
    expect(sessionState(row(), at(30), IDLE)).toBe("live");
    expect(sessionState(row(), at(31), IDLE)).toBe("idle");
  });

  it("a revoked or unknown session is never live", () => {
    expect(sessionState(row({ revokedAt: at(1) }), at(2), IDLE)).toBe("revoked");
    expect(sessionState(null, at(2), IDLE)).toBe("missing");
  });

  it("is written down as used at most once a minute", () => {
    expect(dueForTouch(row(), new Date(start.getTime() + 59_999))).toBe(false);
    expect(dueForTouch(row(), at(1))).toBe(true);
  });
});
