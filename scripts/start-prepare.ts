// The first half of `npm start`, run by scripts/start.ts as a process of its own: check the
// sign-in settings, apply migrations, make sure of a session secret and a first administrator.
// It hands the secret back on file descriptor 3 and exits, so the database client, the migration
// engine and everything else it loaded (about 150 MiB) do not stay resident beside the server.
import { writeSync } from "node:fs";
import { databaseConfig, describeDatabase } from "../lib/db/config";
import { createDb } from "../lib/db/client";
import { migrateIfNeeded } from "../lib/db/migrate-if-needed";
import { ensureFirstAdmin, ensureSessionSecret, sessionSecretFile } from "../lib/commands/first-start";
import { trustedProxies } from "../lib/auth/client-address";
import { checkSignInConfig } from "../lib/auth/sso-config";
import { heapGrowthPercent } from "./lib/server-hooks";

/** The descriptor scripts/start.ts reads the secret from. */
const SECRET_FD = 3;

async function prepare(): Promise<string> {
  // A malformed TRUSTED_PROXIES stops the start here, not at the first sign-in.
  trustedProxies(process.env.TRUSTED_PROXIES);
  // Likewise the server's heap growth, which the launcher passes on to the server.
  heapGrowthPercent(process.env);
  // Likewise single sign-on settings, and LOCAL_SIGNIN=off without single sign-on.
  const signIn = checkSignInConfig();
  if (signIn.sso) console.log(`single sign-on: ${signIn.sso.issuer}${signIn.local ? "" : " (local passwords off)"}`);
  const config = databaseConfig();
  // Nothing pending (a restart, a second instance): the migration engine is not even opened.
  const applied = await migrateIfNeeded(config, { starting: true });
  console.log(`database: ${describeDatabase(config)}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`);
  const db = createDb(config);
  try {
    const secret = await ensureSessionSecret(db);
    console.log(`session secret: ${process.env.NEXTAUTH_SECRET ? "NEXTAUTH_SECRET" : sessionSecretFile()} (not in the database: back it up apart)`);
    const admin = await ensureFirstAdmin(db);
    if (admin?.generatedPassword) {
      console.log("\n  First administrator created. This password is shown only once:");
      console.log(`    e-mail:   ${admin.email}\n    password: ${admin.generatedPassword}\n`);
    } else if (admin) {
      console.log(`first administrator created: ${admin.email} (password from ADMIN_PASSWORD)`);
    }
    return secret;
  } finally {
    await db.$disconnect();
  }
}

prepare().then(
  (secret) => {
    writeSync(SECRET_FD, secret);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
