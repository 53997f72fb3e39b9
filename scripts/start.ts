// npm start: apply migrations, make sure of a session secret and a first administrator, build if
// the sources changed since the last build, then serve on PORT (default 3000).
// npm run dev: the same, with `next dev` instead of a production build.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { databaseConfig, describeDatabase } from "../lib/db/config";
import { createDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrations";
import { ensureFirstAdmin, ensureSessionSecret } from "../lib/commands/first-start";
import { buildIsCurrent, writeBuildStamp } from "./lib/build-stamp";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");

async function prepare() {
  const config = databaseConfig();
  const applied = await applyMigrations(config);
  console.log(`database: ${describeDatabase(config)}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`);
  const db = createDb(config);
  try {
    const secret = await ensureSessionSecret(db);
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
  if (!dev && !buildIsCurrent()) {
    console.log("building the dashboard (sources changed since the last build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
    writeBuildStamp();
  }
  run(dev ? ["dev", "-p", port] : ["start", "-p", port], env);
}

main().catch((error: unknown) => {
  console.error(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
