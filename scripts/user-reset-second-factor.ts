// npm run user:reset-second-factor -- --email <e-mail>: lifts a lost second factor (the secret
// and recovery codes are deleted; audited as user.two-factor.reset, by "cli"). The next sign-in
// takes the password alone, and an administrator is asked to enrol again. Works while the
// dashboard serves (scripts/lib/cli.ts).
import { resetSecondFactor } from "../lib/commands/two-factor";
import { runCli } from "./lib/cli";

runCli(async (db) => {
  const args = process.argv.slice(2);
  const flag = args.indexOf("--email");
  const email = flag >= 0 ? args[flag + 1] : args.find((a) => !a.startsWith("-"));
  if (!email || email.startsWith("-")) throw new Error("usage: npm run user:reset-second-factor -- --email <e-mail>");
  const { user, had } = await resetSecondFactor(db, { email }, { system: "cli" });
  console.log(had ? `second factor reset for ${user.email}: the next sign-in takes the password alone` : `${user.email} had no second factor (any unfinished enrolment was cleared)`);
});
