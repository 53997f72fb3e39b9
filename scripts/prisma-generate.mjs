// Generates the Prisma client for both providers. The native schema engine cannot be downloaded
// on air-gapped machines, and generate does not need it: pointing it at /bin/false stops the
// download attempt (see docs in README, "Databases").
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  const run = spawnSync("npx", ["--no-install", "prisma", "generate", "--schema", schema], { stdio: "inherit", env });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
