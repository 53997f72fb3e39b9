// npm run backup -- <file>   an online, consistent copy of the SQLite database (see README, Operations)
import { databaseConfig } from "../lib/db/config";
import { backupDatabase } from "../lib/db/sqlite-backup";

const destination = process.argv[2];
if (!destination) {
  console.error("usage: npm run backup -- <file>");
  process.exit(2);
}
backupDatabase(databaseConfig(), destination).then(
  (r) => console.log(`backed up ${r.pages} pages (${(r.bytes / 2 ** 20).toFixed(1)} MiB) to ${r.file}`),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
