// npm run user:unlock -- <e-mail>: lifts the sign-in pauses and locks on an account (audited as
// user.unlock, by "cli"). Works while the dashboard serves (scripts/lib/cli.ts).
import { unlockUser } from "../lib/commands/user-accounts";
import { runCli } from "./lib/cli";

runCli(async (db) => {
  const email = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (!email) throw new Error("usage: npm run user:unlock -- <e-mail>");
  const { user, lifted } = await unlockUser(db, { email }, { system: "cli" });
  console.log(lifted ? `unlocked sign-in for ${user.email} (${lifted} running ${lifted === 1 ? "pause or lock" : "pauses and locks"} lifted)` : `${user.email} had no sign-in lock`);
});
