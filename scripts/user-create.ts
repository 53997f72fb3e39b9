// npm run user:create -- --email alice@example.org --role engineer [--name "Alice"] [--password …]
// Without --password a strong one is generated and printed once.
import { parseArgs } from "node:util";
import { generatePassword } from "../lib/auth/password";
import { createDb } from "../lib/db/client";
import { databaseConfig } from "../lib/db/config";
import { applyMigrations } from "../lib/db/migrations";
import { ApiError } from "../lib/http/errors";
import { createUser } from "../lib/users";

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
  });
  if (!values.email || !values.role) throw new Error("usage: npm run user:create -- --email <e-mail> --role admin|analyst|engineer|viewer [--name <name>] [--password <password>]");
  const config = databaseConfig();
  await applyMigrations(config);
  const db = createDb(config);
  try {
    const password = values.password ?? generatePassword();
    const user = await createUser(db, { email: values.email, role: values.role, name: values.name, password }, { system: "cli" });
    console.log(`created ${user.email} (${user.role})`);
    if (!values.password) console.log(`password (shown only once): ${password}`);
  } finally {
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof ApiError) {
      console.error(`error: ${error.message}`);
      for (const issue of error.issues ?? []) console.error(`  ${issue.path}: ${issue.message}`);
    } else console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
