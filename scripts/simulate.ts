// npm run simulate -- --url http://localhost:3000 --token <token> [--token …] --devices 5000 --agents 4
//                     [--rogues 10] [--interval 60] [--once] [--seed 42] [--gzip] [--snapshot-every 10]
//                     [--scenario planned-update [--update-round 5]]
// A hospital network posting real-looking reports (and, with --rogues, attacks) to the agent API.
// --token may be repeated or comma-separated: one per agent, reused round robin when fewer.
// Exit code 1 when any report was refused (a 4xx other than 429) or could not be delivered.
import { parseArgs } from "node:util";
import { SCENARIOS } from "../lib/tools/simulator/hospital";
import { UPDATE_SCENARIOS, type UpdateScenario } from "../lib/tools/simulator/planned-update";
import { runSimulation } from "../lib/tools/simulator/run";

const USAGE =
  "usage: npm run simulate -- --url <url> --token <agent token> [--token …] [--devices 5000] [--agents 4] [--rogues 0] [--interval 60] [--once] [--seed 42] [--gzip] [--snapshot-every 10] [--scenario planned-update] [--update-round 5]";

function options() {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: "http://localhost:3000" },
      token: { type: "string", multiple: true },
      devices: { type: "string", default: "5000" },
      agents: { type: "string", default: "4" },
      rogues: { type: "string", default: "0" },
      interval: { type: "string", default: "60" },
      seed: { type: "string", default: "42" },
      "snapshot-every": { type: "string", default: "10" },
      scenario: { type: "string" },
      "update-round": { type: "string", default: "5" },
      once: { type: "boolean", default: false },
      gzip: { type: "boolean", default: false },
    },
  });
  const tokens = (values.token ?? []).flatMap((t) => t.split(",")).map((t) => t.trim()).filter(Boolean);
  if (tokens.length === 0) throw new Error(USAGE);
  const numbers = {
    devices: Number(values.devices),
    agents: Number(values.agents),
    rogues: Number(values.rogues),
    interval: Number(values.interval),
    seed: Number(values.seed),
    snapshotEvery: Number(values["snapshot-every"]),
    updateRound: Number(values["update-round"]),
  };
  for (const [name, n] of Object.entries(numbers)) {
    const min = name === "agents" || name === "snapshotEvery" ? 1 : 0;
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be a whole number of at least ${min}\n${USAGE}`);
  }
  const scenario = values.scenario;
  if (scenario !== undefined && !Object.hasOwn(UPDATE_SCENARIOS, scenario)) throw new Error(`--scenario must be one of ${Object.keys(UPDATE_SCENARIOS).join(", ")}\n${USAGE}`);
  const update = scenario ? { scenario: scenario as UpdateScenario, fromRound: numbers.updateRound } : undefined;
  return { url: values.url!, tokens, ...numbers, update, once: values.once!, gzip: values.gzip! };
}

async function main() {
  const opts = options();
  const abort = new AbortController();
  let firstInterrupt = 0;
  process.on("SIGINT", () => {
    // First Ctrl-C: finish the reports in flight and stop; a later one: stop now. A signal
    // within a second of the first is the same Ctrl-C, relayed by the tsx wrapper.
    if (firstInterrupt && Date.now() - firstInterrupt > 1000) process.exit(130);
    if (firstInterrupt) return;
    firstInterrupt = Date.now();
    console.log("stopping after the reports in flight (Ctrl-C again to quit now)");
    abort.abort();
  });
  console.log(`simulating ${opts.devices} devices behind ${opts.agents} agents (seed ${opts.seed}) → ${opts.url}`);
  if (opts.rogues > 0) for (const [name, what] of Object.entries(SCENARIOS)) console.log(`  attack ${name}: ${what}`);
  if (opts.update) console.log(`  ${opts.update.scenario} from round ${opts.update.fromRound + 1}: ${UPDATE_SCENARIOS[opts.update.scenario]}`);
  const totals = await runSimulation({ ...opts, signal: abort.signal, log: (line) => console.log(line) });
  console.log(JSON.stringify(totals));
  return totals.rejected > 0 || totals.undelivered > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
