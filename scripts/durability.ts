// npm run test:durability [-- --db sqlite|postgres|both] [--agents 6] [--seconds 6]   (default: both, one after the other)
// Proves that nothing accepted is lost: a production server takes concurrent agent load, is
// killed with SIGKILL mid-load and restarted; agents retry what went unanswered (same reportId,
// as the protocol says); then SIGTERM is sent mid-load and every request in flight must still be
// answered. Finally the database must hold every report answered 202 exactly once, the
// observations of exactly those reports, and nothing else (no partial report, no orphan row).
// Exits 1 on any failure. Needs a build (`npm start` makes one); runs on a scratch database.
import { parseArgs } from "node:util";
import { enrolAgent } from "../lib/commands/agent-enrolment";
import { createDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrations";
import { scratchDatabase, type ScratchDatabase } from "../lib/db/scratch";
import { agentLoad, type LoadAgent, type Sent } from "./lib/agent-load";
import { sleep, startServer, type Server } from "./lib/server-process";

const { values } = parseArgs({ options: { db: { type: "string", default: "both" }, agents: { type: "string", default: "6" }, seconds: { type: "string", default: "6" }, port: { type: "string", default: "3290" } } });
const PORT = Number(values.port);
const base = `http://127.0.0.1:${PORT}`;
const AGENTS = Number(values.agents);
const PHASE_MS = Number(values.seconds) * 1000;

type DbKind = "sqlite" | "postgres";

const scratch = (db: DbKind) => scratchDatabase(db, "iomt_durability");
const { load, retryUnanswered } = agentLoad(base, "durability");
type Agent = LoadAgent;

async function verify(config: ScratchDatabase["config"], sent: Sent[]): Promise<string[]> {
  const db = createDb(config);
  try {
    const problems: string[] = [];
    const answered = sent.filter((r) => r.answer === 202 || r.answer === 200);
    const bad = sent.filter((r) => r.answer !== undefined && r.answer !== 202 && r.answer !== 200);
    if (bad.length) problems.push(`${bad.length} reports were refused: ${[...new Set(bad.map((r) => `${r.answer} ${r.error ?? ""}`))].join("; ")}`);
    const reports = await db.report.findMany({ select: { id: true, reportId: true, observationCount: true } });
    const stored = new Map(reports.map((r) => [r.reportId, r]));
    const missing = answered.filter((r) => !stored.has(r.reportId));
    if (missing.length) problems.push(`${missing.length} answered reports are missing, e.g. ${missing[0].reportId}`);
    const known = new Set(sent.map((r) => r.reportId));
    const strangers = reports.filter((r) => !known.has(r.reportId));
    if (strangers.length) problems.push(`${strangers.length} stored reports were never sent`);
    if (stored.size !== reports.length) problems.push("a report is stored twice");
    const observations = await db.observation.count();
    const expected = reports.reduce((n, r) => n + r.observationCount, 0);
    if (observations !== expected) problems.push(`${observations} observations stored, ${expected} expected from the stored reports`);
    const orphans = await db.observation.count({ where: { reportId: { notIn: reports.map((r) => r.id).slice(0, 30_000) } } });
    if (reports.length <= 30_000 && orphans) problems.push(`${orphans} observations belong to no stored report`);
    const unanswered = sent.filter((r) => r.answer === undefined);
    if (unanswered.length) problems.push(`${unanswered.length} reports were never answered`);
    return problems;
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const kinds: DbKind[] = values.db === "both" ? ["sqlite", "postgres"] : values.db === "sqlite" || values.db === "postgres" ? [values.db] : [];
  if (!kinds.length) throw new Error("--db must be sqlite, postgres or both");
  for (const kind of kinds) await run(kind);
}

async function run(kind: DbKind) {
  const target = await scratch(kind);
  const env = { AGENT_REPORTS_PER_MINUTE: "100000" };
  let server: Server | undefined;
  try {
    await applyMigrations(target.config);
    const setupDb = createDb(target.config);
    const agents: Agent[] = [];
    for (let i = 0; i < AGENTS; i++) agents.push(await enrolAgent(setupDb, { name: `durability-${i}`, expectedIntervalSeconds: 60 }, { system: "durability" }));
    await setupDb.$disconnect();
    const sent: Sent[] = [];

    server = await startServer(PORT, target.url, env);
    console.error(`server ready on ${base} (${kind}); load for ${PHASE_MS / 1000} s, then SIGKILL`);
    let traffic = load(agents, sent);
    await sleep(PHASE_MS);
    server.signal("SIGKILL");
    await server.exited();
    await traffic.stop();
    const cut = sent.filter((r) => r.answer === undefined).length;
    console.error(`killed with SIGKILL: ${sent.length} reports sent, ${cut} unanswered`);

    server = await startServer(PORT, target.url, env);
    await retryUnanswered(agents, sent);
    traffic = load(agents, sent);
    await sleep(PHASE_MS);
    const before = sent.length;
    server.signal("SIGTERM");
    // Agents stop sending; what they have in flight must still be answered while the server drains.
    await traffic.stop();
    await server.exited();
    // Those in flight when SIGTERM arrived must have been answered.
    const inFlightLost = sent.slice(0, before).filter((r) => r.answer === undefined).length;
    server = await startServer(PORT, target.url, env);
    await retryUnanswered(agents, sent);
    server.signal("SIGTERM");
    await server.exited();

    const problems = await verify(target.config, sent);
    if (inFlightLost) problems.push(`${inFlightLost} requests in flight at SIGTERM were not answered (no drain)`);
    const summary = { test: "durability", db: kind, reports: sent.length, answered202: sent.filter((r) => r.answer === 202).length, duplicates200: sent.filter((r) => r.answer === 200).length, unansweredAtKill: cut, problems };
    console.log(JSON.stringify(summary));
    if (problems.length) process.exitCode = 1;
  } finally {
    server?.signal("SIGKILL");
    await target.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
