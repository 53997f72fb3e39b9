// npm run test:cli-beside-server [-- --db sqlite|postgres|both] [--agents 4]   (default: both)
// Operators run the command-line tools while the dashboard serves. This starts a production
// server on a scratch database, puts it under agent load, and runs every tool that touches the
// database through npm, as an operator would: agent:enrol, agent:revoke, user:create, user:unlock,
// user:reset-second-factor, user:convert-sso,
// enforcement:usbguard, vuln:import, risk:recompute, backup, feeds:update (against a local feed mirror) and db:status.
// Each must succeed, and no agent report may be refused or lost meanwhile. Then a migration is made to look
// pending, and a tool must stop with one line saying what to do, not an engine error.
// Exits 1 on any failure. Needs a build (`npm start` makes one).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { enrolAgent } from "../lib/commands/agent-enrolment";
import { chunked } from "../lib/db/bulk";
import { createDb, SQLITE_IN_LIST_MAX } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrations";
import { scratchDatabase, type ScratchDatabase } from "../lib/db/scratch";
import { startFeedFixtureServer } from "../tests/support/feed-fixture-server";
import { agentLoad, type LoadAgent, type Sent } from "./lib/agent-load";
import { startServer, type Server } from "./lib/server-process";

const { values } = parseArgs({ options: { db: { type: "string", default: "both" }, agents: { type: "string", default: "4" }, port: { type: "string", default: "3291" } } });
const PORT = Number(values.port);
const base = `http://127.0.0.1:${PORT}`;

type Ran = { code: number; stdout: string; stderr: string; ms: number };
type Step = { tool: string; ok: boolean; ms: number; detail: string };

/** `npm run <script> -- <args>` with the scratch database, as an operator types it. */
function npmRun(script: string, args: string[], env: Record<string, string>): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const ENGINE_WORDS = /WASM_ERROR|SocketTimeout|underlying connector|database is locked/i;

function check(tool: string, ran: Ran, expect: (r: Ran) => string | null): Step {
  const problem = ran.code !== 0 ? `exit ${ran.code}: ${(ran.stderr || ran.stdout).trim().split("\n").slice(-3).join(" | ")}` : ENGINE_WORDS.test(ran.stderr) ? `engine error in its output: ${ran.stderr.trim().slice(0, 300)}` : expect(ran);
  return { tool, ok: problem === null, ms: ran.ms, detail: problem ?? ran.stdout.trim().split("\n").at(-1)?.slice(0, 160) ?? "" };
}

async function runTools(target: ScratchDatabase, env: Record<string, string>, workDir: string): Promise<Step[]> {
  const steps: Step[] = [];
  const enrol = await npmRun("agent:enrol", ["--name", "sensor-icu-cli", "--site", "Main Campus", "--json"], env);
  steps.push(check("agent:enrol", enrol, (r) => (/"token":"/.test(r.stdout) ? null : "no token printed")));
  const enrolled = enrol.code === 0 ? (JSON.parse(enrol.stdout.trim().split("\n").at(-1)!) as { id: string; token: string }) : null;
  if (enrolled) {
    const newAgent = agentLoad(base, "cli-enrolled");
    const status = await newAgent.send(enrolled, newAgent.makeReport(0));
    steps.push({ tool: "the new agent reports", ok: status === 202, ms: 0, detail: `answered ${status}` });
  }
  steps.push(check("enforcement:usbguard", await npmRun("enforcement:usbguard", ["--agent", "sensor-icu-cli", "--mode", "allow_listed"], env), (r) => (/^allow with-interface equals \{ 09:\*:\* \}$/m.test(r.stdout) ? null : "no USBGuard rules printed")));
  steps.push(check("agent:revoke", await npmRun("agent:revoke", ["sensor-icu-cli"], env), () => null));
  steps.push(check("user:create", await npmRun("user:create", ["--email", "night.nurse@example.org", "--role", "viewer", "--password", "a-long-enough-password-42"], env), () => null));
  steps.push(check("user:unlock", await npmRun("user:unlock", ["night.nurse@example.org"], env), () => null));
  steps.push(check("user:reset-second-factor", await npmRun("user:reset-second-factor", ["--email", "night.nurse@example.org"], env), () => null));
  steps.push(check("user:convert-sso", await npmRun("user:convert-sso", ["night.nurse@example.org"], env), () => null));
  steps.push(check("vuln:import", await npmRun("vuln:import", ["lib/reference/kev/known_exploited_vulnerabilities.json"], env), () => null));
  steps.push(check("risk:recompute", await npmRun("risk:recompute", [], env), () => null));
  const backupFile = path.join(workDir, target.config.provider === "sqlite" ? "backup.db" : "backup.dump");
  steps.push(check("backup", await npmRun("backup", [backupFile], env), () => (existsSync(backupFile) ? null : "no backup file written")));
  steps.push(check("feeds:update", await npmRun("feeds:update", [], env), () => null));
  steps.push(check("db:status", await npmRun("db:status", [], env), (r) => (/up to date/.test(r.stdout) ? null : "not reported up to date")));
  return steps;
}

/** Hides the newest migration from the applied list, runs a tool, and puts the row back. */
async function pendingMigrationStep(target: ScratchDatabase, env: Record<string, string>): Promise<Step> {
  const db = createDb(target.config);
  try {
    const newest = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "_prisma_migrations" ORDER BY "migration_name" DESC LIMIT 1`);
    const row = newest[0];
    await db.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET "migration_name" = 'hidden_' || "migration_name" WHERE "id" = '${String(row.id)}'`);
    try {
      const ran = await npmRun("agent:enrol", ["--name", "sensor-while-pending", "--site", "default"], env);
      const lines = ran.stderr.trim().split("\n").filter(Boolean);
      const problem =
        ran.code === 0 ? "the tool ran with a migration pending" :
        ENGINE_WORDS.test(ran.stderr) ? `engine error: ${ran.stderr.slice(0, 200)}` :
        lines.length !== 1 || !/pending/.test(lines[0]) || !/npm run db:migrate/.test(lines[0]) ? `not one clear line: ${ran.stderr.slice(0, 300)}` :
        (await db.agent.count({ where: { name: "sensor-while-pending" } })) !== 0 ? "it enrolled the agent anyway" : null;
      return { tool: "a tool with a migration pending", ok: problem === null, ms: ran.ms, detail: problem ?? lines[0] };
    } finally {
      await db.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET "migration_name" = substr("migration_name", 8) WHERE "id" = '${String(row.id)}'`);
    }
  } finally {
    await db.$disconnect();
  }
}

function loadProblems(sent: Sent[]): string[] {
  const refused = sent.filter((r) => r.answer !== undefined && r.answer !== 202 && r.answer !== 200);
  const unanswered = sent.filter((r) => r.answer === undefined);
  return [
    ...(refused.length ? [`${refused.length} agent reports were refused: ${[...new Set(refused.map((r) => `${r.answer} ${r.error ?? ""}`))].slice(0, 3).join("; ")}`] : []),
    ...(unanswered.length ? [`${unanswered.length} agent reports went unanswered`] : []),
  ];
}

async function storedReports(target: ScratchDatabase, sent: Sent[]): Promise<string[]> {
  const db = createDb(target.config);
  try {
    // In slices the ORM binds on SQLite: a faster server gets more than 999 reports in.
    let stored = 0;
    for (const ids of chunked(sent.map((r) => r.reportId), SQLITE_IN_LIST_MAX)) stored += await db.report.count({ where: { reportId: { in: ids } } });
    const accepted = sent.filter((r) => r.answer === 202).length;
    return stored === accepted ? [] : [`${accepted} reports were accepted but ${stored} are stored`];
  } finally {
    await db.$disconnect();
  }
}

async function run(kind: "sqlite" | "postgres") {
  const target = await scratchDatabase(kind, "iomt_cli");
  const workDir = mkdtempSync(path.join(os.tmpdir(), "iomt-cli-"));
  const mirror = await startFeedFixtureServer();
  const env = { DATABASE_URL: target.url, ...mirror.env };
  let server: Server | undefined;
  try {
    await applyMigrations(target.config);
    const setup = createDb(target.config);
    const agents: LoadAgent[] = [];
    for (let i = 0; i < Number(values.agents); i++) agents.push(await enrolAgent(setup, { name: `load-${i}`, expectedIntervalSeconds: 60 }, { system: "cli-beside-server" }));
    await setup.$disconnect();
    server = await startServer(PORT, target.url, { AGENT_REPORTS_PER_MINUTE: "100000" });
    const sent: Sent[] = [];
    const traffic = agentLoad(base, "beside").load(agents, sent);
    const steps = await runTools(target, env, workDir);
    steps.push(await pendingMigrationStep(target, env));
    await traffic.stop();
    const problems = [...steps.filter((s) => !s.ok).map((s) => `${s.tool}: ${s.detail}`), ...loadProblems(sent), ...(await storedReports(target, sent))];
    for (const s of steps) console.error(`  ${s.ok ? "ok  " : "FAIL"} ${s.tool.padEnd(32)} ${String(s.ms).padStart(6)} ms  ${s.detail}`);
    console.log(JSON.stringify({ test: "cli-beside-server", db: kind, agentReports: sent.length, accepted: sent.filter((r) => r.answer === 202).length, problems }));
    if (problems.length) process.exitCode = 1;
  } finally {
    server?.signal("SIGTERM");
    await server?.exited();
    await mirror.close();
    await target.drop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main() {
  const kinds: ("sqlite" | "postgres")[] = values.db === "both" ? ["sqlite", "postgres"] : values.db === "sqlite" || values.db === "postgres" ? [values.db] : [];
  if (!kinds.length) throw new Error("--db must be sqlite, postgres or both");
  for (const kind of kinds) await run(kind);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
