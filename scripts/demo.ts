// npm run demo: starts the dashboard and fills it with a demo hospital through the agent API,
// so a newcomer sees a living dashboard in one command. Uses its own database (data/demo/), so
// it never mixes demo devices into a real inventory.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { importRegister } from "../lib/commands/asset-import";
import { enrolAgent, rotateAgentToken } from "../lib/commands/agent-enrolment";
import { createDb } from "../lib/db/client";
import { databaseConfig, dataDir } from "../lib/db/config";
import { migrateIfNeeded } from "../lib/db/migrate-if-needed";
import { BUNDLED_FEEDS_DIR } from "../lib/reference/bundled-feeds";
import { importRealFeeds } from "../lib/tools/seed/estate-places";
import type { UpdateOptions } from "../lib/tools/simulator/planned-update";
import { runSimulation } from "../lib/tools/simulator/run";
import { demoUpdate, planDemoUpdate } from "./demo-change-plan";
import { DEMO_HOSPITAL, DEMO_REGISTER_FILE, DEMO_REGISTER_MAPPING, DEMO_REGISTER_SOURCE } from "./demo-hospital";

const port = process.env.PORT || "3000";
const url = `http://localhost:${port}`;
const AGENTS = ["sensor-icu-01", "sensor-radiology-01", "sensor-wards-01", "host-agent-nursing-ws"];

/**
 * The demo database gets the feeds the project carries (KEV and the CISA medical advisories) once,
 * so its hospital's pumps and monitors match real advisories and the risk views have something
 * to rank; then its agents, enrolled afresh; and where its planned firmware update stands.
 */
async function prepareDemo(): Promise<{ tokens: string[]; update: UpdateOptions }> {
  const config = databaseConfig();
  // Said first, so a person knows where the demo lives (and which database a CLI must be pointed at).
  console.log(`demo database: ${config.provider === "sqlite" ? config.file : "the PostgreSQL database DATABASE_URL names"}`);
  await migrateIfNeeded(config);
  const db = createDb(config);
  try {
    const files = await importRealFeeds(db, BUNDLED_FEEDS_DIR, "demo");
    if (files) console.log(`imported the bundled feeds: ${files} files (KEV catalog and CISA medical advisories)`);
    const tokens = [];
    for (const name of AGENTS) tokens.push((await demoAgent(db, name)).token);
    return { tokens, update: await demoUpdate(db) };
  } finally {
    await db.$disconnect();
  }
}

/** The same four agents on every run: an enrolled one gets a new token (tokens are stored only hashed); a missing or revoked one is enrolled. */
async function demoAgent(db: ReturnType<typeof createDb>, name: string) {
  const actor = { system: "demo" };
  const existing = await db.agent.findUnique({ where: { name }, select: { revokedAt: true } });
  if (existing && !existing.revokedAt) return rotateAgentToken(db, name, actor);
  const free = existing ? `${name}-${Date.now().toString(36)}` : name;
  return enrolAgent(db, { name: free, site: "Demo General Hospital", expectedIntervalSeconds: 60 }, actor);
}

/**
 * The demo hospital's asset register (scripts/demo-asset-register.csv), imported as the source
 * "Demo CMMS" once the devices have reported, so the reconciliation has something to link:
 * re-running the demo updates the same entries in place. Prints the counts.
 */
async function importDemoRegister() {
  const db = createDb(databaseConfig());
  try {
    const result = await importRegister(db, { source: DEMO_REGISTER_SOURCE, mapping: DEMO_REGISTER_MAPPING, csv: readFileSync(DEMO_REGISTER_FILE, "utf8") }, { system: "demo" });
    const r = result.reconciliation;
    console.log(`asset register "${DEMO_REGISTER_SOURCE}": ${result.rows} entries (${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.retired} retired)`);
    if (r) console.log(`reconciled: ${r.reconciled} reconciled, ${r.mismatched} mismatched, ${r.missing} missing, ${r.shadow} shadow devices (see /assets)`);
  } finally {
    await db.$disconnect();
  }
}

/** The pumps' firmware update, planned and approved once they have reported; without a plan, the pumps keep their firmware. */
async function planUpdate(update: UpdateOptions): Promise<UpdateOptions | undefined> {
  const db = createDb(databaseConfig());
  try {
    console.log(await planDemoUpdate(db));
    return update;
  } catch (error) {
    console.error(`the demo change plan was not made: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    await db.$disconnect();
  }
}

async function waitForServer() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the dashboard did not start within 4 minutes");
}

async function main() {
  process.env.DATA_DIR ||= path.join(dataDir(), "demo");
  const { tokens, update } = await prepareDemo();
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { stdio: "inherit", env: { ...process.env, PORT: port } });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
  await waitForServer();
  console.log(`\nfilling the demo hospital through the agent API at ${url} …`);
  const totals = await runSimulation({ url, tokens, ...DEMO_HOSPITAL, update, agents: AGENTS.length, once: true });
  console.log(`demo hospital reported: ${JSON.stringify(totals)}`);
  await importDemoRegister().catch((error: unknown) => console.error(`the demo asset register was not imported: ${error instanceof Error ? error.message : String(error)}`));
  const planned = await planUpdate(update);
  console.log(`\nOpen ${url} and sign in (the first administrator's password was printed above on first start).`);
  // Keep reporting, as real sensors do, so the dashboard stays alive.
  void runSimulation({ url, tokens, ...DEMO_HOSPITAL, update: planned, agents: AGENTS.length, once: false, interval: 60 });
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
