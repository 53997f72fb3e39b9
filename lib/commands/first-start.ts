// First start: a session secret that survives restarts and a first administrator.
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../db/client";
import { dataDir, databaseConfig, type Env } from "../db/config";
import { generatePassword } from "../auth/password";
import { createUser } from "./user-accounts";

/** Where versions before 0.2 kept the generated secret: in the database, so a backup could mint sessions. */
const LEGACY_SECRET_KEY = "nextauth.secret";
export const DEFAULT_ADMIN_EMAIL = "admin@iomt.local";

/**
 * The file that holds the generated session secret, outside the database: SESSION_SECRET_FILE,
 * else `session-secret` beside the SQLite file (data/session-secret by default), else, on
 * PostgreSQL, data/session-secret (DATA_DIR).
 */
export function sessionSecretFile(env: Env = process.env): string {
  if (env.SESSION_SECRET_FILE?.trim()) return path.resolve(/*turbopackIgnore: true*/ env.SESSION_SECRET_FILE.trim());
  const config = databaseConfig(env);
  return path.join(config.provider === "sqlite" ? path.dirname(config.file) : dataDir(env), "session-secret");
}

function readSecret(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < 32) throw new Error(`the session secret in ${file} is shorter than 32 characters: put a long random value there, or delete the file to have one generated`);
  return secret;
}

/** Writes the secret with mode 0600 unless the file exists already (another instance got there first): link() is atomic. */
function writeSecret(file: string, secret: string) {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, `${secret}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/**
 * NEXTAUTH_SECRET when configured; otherwise the one in sessionSecretFile(), generated on first
 * start (mode 0600). A secret an older version kept in the database is moved to the file once,
 * so sessions survive the upgrade, and deleted from the database: a database backup must not be
 * able to sign sessions.
 */
export async function ensureSessionSecret(db: Db, env: Env = process.env): Promise<string> {
  const legacy = await db.setting.findUnique({ where: { key: LEGACY_SECRET_KEY } });
  let secret = env.NEXTAUTH_SECRET || null;
  if (!secret) {
    const file = sessionSecretFile(env);
    secret = readSecret(file);
    if (!secret) {
      writeSecret(file, legacy?.value ?? randomBytes(32).toString("base64url"));
      secret = readSecret(file)!;
    }
  }
  if (legacy) await db.setting.deleteMany({ where: { key: LEGACY_SECRET_KEY } });
  return secret;
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
