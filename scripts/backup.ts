// npm run backup -- <file>   an online, consistent copy of the database while the dashboard serves:
// SQLite with its backup API, PostgreSQL with pg_dump (custom format). See README, Operations.
import { databaseConfig } from "../lib/db/config";
import { backupPostgres } from "../lib/db/postgres-backup";
import { backupDatabase } from "../lib/db/sqlite-backup";

const MiB = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

async function main(destination: string): Promise<string> {
  const config = databaseConfig();
  if (config.provider === "postgresql") {
    const r = await backupPostgres(config, destination);
    return `backed up ${r.entries} objects (${MiB(r.bytes)} MiB, pg_dump custom format) to ${r.file}; restore with pg_restore`;
  }
  const r = await backupDatabase(config, destination);
  return `backed up ${r.pages} pages (${MiB(r.bytes)} MiB) to ${r.file}`;
}

const destination = process.argv[2];
if (!destination) {
  console.error("usage: npm run backup -- <file>");
  process.exit(2);
}
main(destination).then(
  (line) => console.log(line),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
