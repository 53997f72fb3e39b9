// npm start: apply migrations, make sure of a session secret and a first administrator, build if
// the sources changed since the last build, then serve on PORT (default 3000).
// npm run dev: the same, with `next dev` instead of a production build.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { createRequire } from "node:module";
import { buildIsCurrent, writeBuildStamp } from "./lib/build-stamp";
import { serverEnv } from "./lib/server-hooks";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const SECRET_FD = 3; // scripts/start-prepare.ts writes the session secret there

/**
 * Migrations, the session secret and the first administrator, in a process of its own
 * (scripts/start-prepare.ts): this one stays alive beside the server to pass signals on, and
 * would otherwise keep the database client and the migration engine resident (225 MiB where
 * it now holds about 70).
 */
function prepare(): string {
  const stdio: ("inherit" | "pipe")[] = ["inherit", "inherit", "inherit", "pipe"];
  const done = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "start-prepare.ts")], { stdio });
  if (done.status !== 0) process.exit(done.status ?? 1);
  const secret = String(done.output[SECRET_FD] ?? "");
  if (!secret) {
    console.error("cannot start: the preparation step handed back no session secret");
    process.exit(1);
  }
  return secret;
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env });
  // Let the server drain in-flight requests on SIGTERM / Ctrl-C instead of dying under it.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  const dev = process.argv.includes("--dev");
  const port = process.env.PORT || "3000";
  const secret = prepare();
  const env = {
    ...process.env,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const serveEnv = serverEnv(env);
  if (!dev && !buildIsCurrent()) {
    console.log("building the dashboard (sources changed since the last build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
    if (build.status !== 0) process.exit(build.status ?? 1);
    writeBuildStamp();
  }
  run(dev ? ["dev", "-p", port] : ["start", "-p", port], serveEnv);
}

main();
