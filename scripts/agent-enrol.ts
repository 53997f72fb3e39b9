// npm run agent:enrol -- --name sensor-icu-01 --site "Main Campus" [--segment ICU-VLAN-20 ...] [--interval 300] [--json]
// The site (a name, or "default") and the segments are the agent's lane: it may create or update
// devices only there. Prints the agent's token once; only its hash is stored.
import { parseArgs } from "node:util";
import { enrolAgent, enrolFormSchema } from "../lib/commands/agent-enrolment";
import { runCli } from "./lib/cli";

const USAGE = 'usage: npm run agent:enrol -- --name <name> --site "<site name or default>" [--segment <reported segment> ...] [--interval <seconds>] [--json]';

runCli(async (db) => {
  const { values } = parseArgs({ options: { name: { type: "string" }, site: { type: "string" }, segment: { type: "string", multiple: true }, interval: { type: "string" }, json: { type: "boolean" } } });
  if (!values.name || !values.site) throw new Error(USAGE);
  const agent = await enrolAgent(db, { name: values.name, site: values.site, segments: values.segment, expectedIntervalSeconds: values.interval }, { system: "cli" }, enrolFormSchema);
  if (values.json) console.log(JSON.stringify(agent));
  else console.log(`enrolled ${agent.name} (${agent.id})\ntoken (shown only once): ${agent.token}`);
});
