// npm run user:convert-sso -- <e-mail>: converts a local (password) account to single
// sign-on; the person's next sign-in through the identity provider, with that e-mail, claims it.
// Audited as user.sso.convert, by "cli". Works while the dashboard serves (scripts/lib/cli.ts).
import { convertToSso } from "../lib/commands/sso-conversion";
import { runCli } from "./lib/cli";

runCli(async (db) => {
  const email = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (!email) throw new Error("usage: npm run user:convert-sso -- <e-mail>");
  const user = await convertToSso(db, { email }, { system: "cli" });
  console.log(`${user.email} now signs in through single sign-on only (password, second factor and sessions removed); their next single sign-on claims the account`);
});
