// npm run agent:revoke -- <id|name>
import { revokeAgent } from "../lib/commands/agent-enrolment";
import { runCli } from "./lib/cli";

runCli(async (db) => {
  const target = process.argv[2];
  if (!target) throw new Error("usage: npm run agent:revoke -- <agent id or name>");
  const agent = await revokeAgent(db, target, { system: "cli" });
  console.log(`revoked ${agent.name} (${agent.id}); its token is refused from now on`);
});
