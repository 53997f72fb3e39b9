// Shared frame of the CLIs: the configured database (migrated first when nothing serves it, see
// lib/db/migrate-if-needed.ts), clear errors, exit codes.
import { createDb, type Db } from "../../lib/db/client";
import { databaseConfig } from "../../lib/db/config";
import { migrateIfNeeded } from "../../lib/db/migrate-if-needed";
import { ApiError } from "../../lib/web/errors";

/** A mistake in how the command was called (a missing or unknown argument): exit code 2. */
export class UsageError extends Error {}

export function runCli(work: (db: Db) => Promise<void>) {
  const main = async () => {
    const config = databaseConfig();
    await migrateIfNeeded(config);
    const db = createDb(config, { tool: true });
    try {
      await work(db);
    } finally {
      await db.$disconnect();
    }
  };
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      if (error instanceof ApiError) for (const issue of error.issues ?? []) console.error(`  ${issue.path}: ${issue.message}`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
