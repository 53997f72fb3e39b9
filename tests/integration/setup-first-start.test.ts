import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSignIn } from "@/lib/auth/signin";
import { getDb } from "@/lib/db/client";
import { DEFAULT_ADMIN_EMAIL, ensureFirstAdmin, ensureSessionSecret, sessionSecretFile } from "@/lib/commands/first-start";

describe("first start", () => {
  it("generates a session secret once, in a file outside the database (0600), and keeps it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "iomt-secret-"));
    try {
      const env = { SESSION_SECRET_FILE: path.join(dir, "nested", "session-secret") };
      const first = await ensureSessionSecret(getDb(), env);
      expect(first.length).toBeGreaterThanOrEqual(40);
      expect(readFileSync(env.SESSION_SECRET_FILE, "utf8").trim()).toBe(first);
      expect(statSync(env.SESSION_SECRET_FILE).mode & 0o777).toBe(0o600);
      expect(await ensureSessionSecret(getDb(), env)).toBe(first);
      // Nothing in the database can sign a session: a backup of it mints none.
      expect(await getDb().setting.count()).toBe(0);
      expect(await ensureSessionSecret(getDb(), { ...env, NEXTAUTH_SECRET: "configured" })).toBe("configured");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("moves a secret an older version kept in the database to the file once, so sessions survive the upgrade", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "iomt-secret-"));
    try {
      const legacy = "a-secret-generated-by-an-older-version-0123456789";
      await getDb().setting.create({ data: { key: "nextauth.secret", value: legacy } });
      const env = { SESSION_SECRET_FILE: path.join(dir, "session-secret") };
      expect(await ensureSessionSecret(getDb(), env)).toBe(legacy);
      expect(await getDb().setting.findUnique({ where: { key: "nextauth.secret" } })).toBeNull();
      expect(readFileSync(env.SESSION_SECRET_FILE, "utf8").trim()).toBe(legacy);
      expect(await ensureSessionSecret(getDb(), env)).toBe(legacy);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the file beside a SQLite database unless SESSION_SECRET_FILE says where; refuses a file too short to be a secret", async () => {
    expect(sessionSecretFile({ DATABASE_URL: "file:/srv/iomt/iomt.db" })).toBe("/srv/iomt/session-secret");
    expect(sessionSecretFile({ DATABASE_URL: "postgresql://db/iomt", DATA_DIR: "/srv/iomt-data" })).toBe("/srv/iomt-data/session-secret");
    expect(sessionSecretFile({ SESSION_SECRET_FILE: "/run/secrets/iomt", DATABASE_URL: "file:/srv/iomt/iomt.db" })).toBe("/run/secrets/iomt");
    const dir = mkdtempSync(path.join(os.tmpdir(), "iomt-secret-"));
    try {
      writeFileSync(path.join(dir, "short"), "tiny\n");
      await expect(ensureSessionSecret(getDb(), { SESSION_SECRET_FILE: path.join(dir, "short") })).rejects.toThrow(/shorter than 32/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
