// Started by Playwright: a fresh database, one user per role made with the real CLI
// (npm run user:create), then the same start path as `npm start` (secret generated and kept).
import { spawn, spawnSync } from "node:child_process";
import { E2E_PASSWORD, E2E_USERS } from "../e2e/users";
import { databaseConfig } from "../lib/db/config";
import { scratchPostgres, scratchSqlite } from "../lib/db/scratch";

async function main() {
  const configured = databaseConfig();
  const scratch = configured.provider === "postgresql" ? await scratchPostgres(configured.url, "iomt_e2e") : scratchSqlite();
  const env = {
    ...process.env,
    DATABASE_URL: scratch.url,
    NEXTAUTH_SECRET: "",
  };
  let stopping = false;
  const cleanup = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await scratch.drop().catch(() => undefined);
    process.exit(code);
  };
  const tsx = ["--no-install", "tsx"];
  for (const role of ["admin", "analyst", "engineer", "viewer"] as const) {
    const made = spawnSync("npx", [...tsx, "scripts/user-create.ts", "--email", E2E_USERS[role], "--role", role, "--password", E2E_PASSWORD], { env, stdio: "inherit" });
    if (made.status !== 0) return cleanup(1);
  }
  const server = spawn("npx", [...tsx, "scripts/start.ts"], { env, stdio: "inherit" });
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => void cleanup(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
