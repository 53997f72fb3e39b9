// npm run simulate -- --url http://localhost:3000 --token <token> [--token …] --devices 5000 --agents 4
//                     [--rogues 10] [--interval 60] [--once] [--seed 42] [--gzip]
// A hospital network posting real-looking reports (and, with --rogues, attacks) to the agent API.
import { parseArgs } from "node:util";
import { runSimulation } from "../lib/simulator/run";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    token: { type: "string", multiple: true },
    devices: { type: "string", default: "5000" },
    agents: { type: "string", default: "4" },
    rogues: { type: "string", default: "0" },
    interval: { type: "string", default: "60" },
    seed: { type: "string", default: "42" },
    once: { type: "boolean", default: false },
    gzip: { type: "boolean", default: false },
  },
});

const tokens = (values.token ?? []).flatMap((t) => t.split(",")).map((t) => t.trim()).filter(Boolean);
if (tokens.length === 0) {
  console.error("usage: npm run simulate -- --url <url> --token <agent token> [--token …] [--devices 5000] [--agents 4] [--rogues 10] [--interval 60] [--once]");
  process.exit(2);
}
const numbers = { devices: Number(values.devices), agents: Number(values.agents), rogues: Number(values.rogues), interval: Number(values.interval), seed: Number(values.seed) };
for (const [name, n] of Object.entries(numbers)) {
  if (!Number.isInteger(n) || n < 0 || (name === "agents" && n < 1)) {
    console.error(`--${name} must be a whole number${name === "agents" ? " of at least 1" : ""}`);
    process.exit(2);
  }
}

const abort = new AbortController();
process.on("SIGINT", () => abort.abort());

runSimulation({ url: values.url!, tokens, ...numbers, once: values.once, gzip: values.gzip, signal: abort.signal, log: (line) => console.log(line) }).then(
  (totals) => {
    console.log(JSON.stringify(totals));
    // A refused report (other than rate limiting, which is retried) is a failure of the run.
    process.exit(Object.keys(totals.errors).length ? 1 : 0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
