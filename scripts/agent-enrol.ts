// npm run agent:enrol -- --name sensor-icu-01 [--site "Main Campus"] [--interval 300] [--json]
// Prints the agent's token once; only its hash is stored.
import { parseArgs } from "node:util";
import { enrolAgent } from "../lib/commands/agent-enrolment";
import { runCli } from "./lib/cli";

runCli(async (db) => {
  const { values } = parseArgs({ options: { name: { type: "string" }, site: { type: "string" }, interval: { type: "string" }, json: { type: "boolean" } } });
  if (!values.name) throw new Error('usage: npm run agent:enrol -- --name <name> [--site "<site>"] [--interval <seconds>] [--json]');
  const agent = await enrolAgent(db, { name: values.name, site: values.site, expectedIntervalSeconds: values.interval }, { system: "cli" });
  if (values.json) console.log(JSON.stringify(agent));
  else console.log(`enrolled ${agent.name} (${agent.id})\ntoken (shown only once): ${agent.token}`);
});
