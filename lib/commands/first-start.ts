// First start: a session secret that survives restarts and a first administrator.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import type { Env } from "../db/config";
import { generatePassword } from "../auth/password";
import { createUser } from "./user-accounts";

const SECRET_KEY = "nextauth.secret";
export const DEFAULT_ADMIN_EMAIL = "admin@iomt.local";

/**
 * NEXTAUTH_SECRET when configured; otherwise one generated once and kept in the database, so
 * sessions survive restarts and every instance on the same database signs alike.
 */
export async function ensureSessionSecret(db: Db, env: Env = process.env): Promise<string> {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const existing = await db.setting.findUnique({ where: { key: SECRET_KEY } });
  if (existing) return existing.value;
  const value = randomBytes(32).toString("base64url");
  // Two instances starting together: the first insert wins and both read it back.
  await db.setting.upsert({ where: { key: SECRET_KEY }, create: { key: SECRET_KEY, value }, update: {} });
  return (await db.setting.findUniqueOrThrow({ where: { key: SECRET_KEY } })).value;
}

export type FirstAdmin = { email: string; generatedPassword?: string } | null;

/** Creates the first administrator when there is no user at all. */
export async function ensureFirstAdmin(db: Db, env: Env = process.env): Promise<FirstAdmin> {
  if ((await db.user.count()) > 0) return null;
  const email = env.ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL;
  const generated = env.ADMIN_PASSWORD ? undefined : generatePassword();
  await createUser(db, { email, role: "admin", name: "Administrator", password: env.ADMIN_PASSWORD ?? generated }, { system: "setup" });
  return { email, generatedPassword: generated };
}
