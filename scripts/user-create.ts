// npm run user:create -- --email alice@example.org --role engineer [--name "Alice"] [--password …]
// Without --password a strong one is generated and printed once; a given one must pass the
// strength rule (lib/auth/password-strength.ts), or nothing is created.
import { parseArgs } from "node:util";
import { generatePassword } from "../lib/auth/password";
import { createUser } from "../lib/commands/user-accounts";
import { runCli } from "./lib/cli";

runCli(async (db) => {
  const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, password: { type: "string" } } });
  if (!values.email || !values.role) throw new Error("usage: npm run user:create -- --email <e-mail> --role admin|analyst|engineer|viewer [--name <name>] [--password <password>]");
  const password = values.password ?? generatePassword();
  const user = await createUser(db, { email: values.email, role: values.role, name: values.name, password }, { system: "cli" });
  console.log(`created ${user.email} (${user.role})`);
  if (!values.password) console.log(`password (shown only once): ${password}`);
});
