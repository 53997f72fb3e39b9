// Server-side sessions. The session cookie is a signed token that names a UserSession row (its
// `sid`); every use of the cookie checks that row, so a session ends at once when it is signed out,
// revoked (user disabled, role or password changed, "sign out everywhere"), past its absolute
// lifetime or idle too long, whatever the cookie itself still says. Renewal cannot extend a row's
// expiresAt: it is set once, at sign-in.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { sessionLimits } from "./identity-config";

type SessionStore = Pick<Db, "userSession">;

export type SessionMethod = "password" | "sso";
export type SessionRow = { id: string; userId: string; expiresAt: Date; lastSeenAt: Date; revokedAt: Date | null };
export type SessionState = "live" | "missing" | "revoked" | "expired" | "idle";
export type RevokeReason = "sign-out" | "sign-out-everywhere" | "disabled" | "role-change" | "password-change" | "password-reset" | "groups-unmapped";

/** lastSeenAt is written at most this often: a session's idle clock is precise to a minute, at no write per request. */
export const TOUCH_INTERVAL_MS = 60_000;

/** Is this session still usable at `now`? Pure: the rule, apart from the database. */
export function sessionState(row: SessionRow | null, now: Date, idleMs: number): SessionState {
  if (!row) return "missing";
  if (row.revokedAt) return "revoked";
  if (now.getTime() >= row.expiresAt.getTime()) return "expired";
  if (now.getTime() - row.lastSeenAt.getTime() > idleMs) return "idle";
  return "live";
}

/** Should this use of a live session be written down as its last? */
export function dueForTouch(row: SessionRow, now: Date): boolean {
  return now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}

export class SessionEnded extends Error {
  constructor(readonly state: Exclude<SessionState, "live">) {
    super(`session ${state}`);
  }
}

export async function createSession(
  db: SessionStore,
  input: { userId: string; method: SessionMethod; address?: string | null; userAgent?: string | null },
  now = new Date(),
): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.userSession.create({
    data: {
      id,
      userId: input.userId,
      method: input.method,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + sessionLimits().maxAgeMs),
      address: input.address?.slice(0, 64) ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    },
  });
  return id;
}

/** The session's row if it is live (touched when due), or throws SessionEnded. */
export async function checkSession(db: SessionStore, id: string | undefined, now = new Date()): Promise<SessionRow> {
  const row = id ? await db.userSession.findUnique({ where: { id: id.slice(0, 64) } }) : null;
  const state = sessionState(row, now, sessionLimits().idleMs);
  if (state !== "live") throw new SessionEnded(state);
  if (dueForTouch(row!, now)) await db.userSession.update({ where: { id: row!.id }, data: { lastSeenAt: now } });
  return row!;
}

/** Ends one session (sign-out). A session already ended keeps its first reason. */
export async function revokeSession(db: SessionStore, id: string, reason: RevokeReason, now = new Date()): Promise<boolean> {
  const { count } = await db.userSession.updateMany({ where: { id: id.slice(0, 64), revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  return count > 0;
}

/** Ends every open session of a user, but `except` (the one a person keeps while changing their own password). Says how many. */
export async function revokeUserSessions(db: SessionStore, userId: string, reason: RevokeReason, options: { except?: string; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const { count } = await db.userSession.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, ...(options.except ? { id: { not: options.except } } : {}) },
    data: { revokedAt: now, revokedReason: reason },
  });
  return count;
}

export type SessionListItem = { id: string; method: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; address: string | null; userAgent: string | null };

/** A user's live sessions, newest use first (idle ones are left out: they can no longer be used). */
export async function listSessions(db: SessionStore, userId: string, now = new Date()): Promise<SessionListItem[]> {
  const rows = await db.userSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - sessionLimits().idleMs) } },
    orderBy: { lastSeenAt: "desc" },
    take: 100,
    select: { id: true, method: true, createdAt: true, lastSeenAt: true, expiresAt: true, address: true, userAgent: true },
  });
  return rows;
}

/** Session rows that ended (revoked or expired) before `before`: the retention job deletes them. */
export async function deleteEndedSessions(db: SessionStore, before: Date): Promise<number> {
  const { count } = await db.userSession.deleteMany({ where: { OR: [{ revokedAt: { lt: before } }, { expiresAt: { lt: before } }] } });
  return count;
}
