// Started by Playwright: a fresh database, one user per role made with the real CLI
// (npm run user:create), then the same start path as `npm start` (secret generated and kept),
// with single sign-on against a real OpenID Connect provider started here on 127.0.0.1
// (tests/support/oidc-fixture.ts; e2e/sso-idp.ts says where).
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { SERVER_LOG } from "../e2e/users";
import { E2E_PASSWORD, E2E_USERS } from "../e2e/users";
import { databaseConfig } from "../lib/db/config";
import { scratchPostgres, scratchSqlite } from "../lib/db/scratch";
import { E2E_OIDC_NAME, E2E_OIDC_PORT } from "../e2e/sso-idp";
import { startOidcFixture } from "../tests/support/oidc-fixture";

async function main() {
  const configured = databaseConfig();
  const scratch = configured.provider === "postgresql" ? await scratchPostgres(configured.url, "iomt_e2e") : scratchSqlite();
  const dashboard = `http://localhost:${process.env.PORT || 3210}`;
  const idp = await startOidcFixture({ port: E2E_OIDC_PORT, redirectUris: [`${dashboard}/api/auth/callback/oidc`] });
  const env = {
    ...process.env,
    DATABASE_URL: scratch.url,
    NEXTAUTH_SECRET: "",
    // The suite signs in as every role many times: administrators' second factor is enrolled and
    // required in e2e/two-factor.spec.ts and the integration tests, not at every sign-in here.
    ADMIN_TWO_FACTOR: "optional",
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_DISPLAY_NAME: E2E_OIDC_NAME,
    // Everything logged, so the secrets check at the end reads as much as the server can write.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "debug",
  };
  let stopping = false;
  const cleanup = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await idp.close().catch(() => undefined);
    await scratch.drop().catch(() => undefined);
    process.exit(code);
  };
  const tsx = ["--no-install", "tsx"];
  for (const role of ["admin", "analyst", "engineer", "viewer"] as const) {
    const made = spawnSync("npx", [...tsx, "scripts/user-create.ts", "--email", E2E_USERS[role], "--role", role, "--password", E2E_PASSWORD], { env, stdio: "inherit" });
    if (made.status !== 0) return cleanup(1);
  }
  // Everything the server writes is also kept in a file: e2e/zz-secrets.spec.ts reads it at the
  // end of the run and fails if any secret reached a log line.
  mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
  const log = createWriteStream(SERVER_LOG, { flags: "w" });
  const server = spawn("npx", [...tsx, "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout.on("data", (chunk: Buffer) => (process.stdout.write(chunk), log.write(chunk)));
  server.stderr.on("data", (chunk: Buffer) => (process.stderr.write(chunk), log.write(chunk)));
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => void cleanup(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
