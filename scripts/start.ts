// npm start: apply migrations, make sure of a session secret and a first administrator, build if
// the sources changed since the last build, then serve on PORT (default 3000).
// npm run dev: the same, with `next dev` instead of a production build.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { databaseConfig, describeDatabase } from "../lib/db/config";
import { createDb } from "../lib/db/client";
import { migrateIfNeeded } from "../lib/db/migrate-if-needed";
import { ensureFirstAdmin, ensureSessionSecret, sessionSecretFile } from "../lib/commands/first-start";
import { trustedProxies } from "../lib/auth/client-address";
import { checkSignInConfig } from "../lib/auth/sso-config";
import { buildIsCurrent, writeBuildStamp } from "./lib/build-stamp";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
// Appends each connection's peer address to X-Forwarded-For (see the file for why).
const peerAddressHook = pathToFileURL(require.resolve("./peer-address.mjs")).href;

async function prepare() {
  // A malformed TRUSTED_PROXIES stops the start here, not at the first sign-in.
  trustedProxies(process.env.TRUSTED_PROXIES);
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

function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env });
  // Let the server drain in-flight requests on SIGTERM / Ctrl-C instead of dying under it.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const dev = process.argv.includes("--dev");
  const port = process.env.PORT || "3000";
  const secret = await prepare();
  const env = {
    ...process.env,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const serveEnv = { ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${JSON.stringify(peerAddressHook)}`.trim() };
  if (!dev && !buildIsCurrent()) {
    console.log("building the dashboard (sources changed since the last build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
    writeBuildStamp();
  }
  run(dev ? ["dev", "-p", port] : ["start", "-p", port], serveEnv);
}

main().catch((error: unknown) => {
  console.error(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
