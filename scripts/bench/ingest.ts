// npm run bench:ingest [-- --db sqlite|postgres] [--devices 8000] [--agents 4] [--batch 1000] [--seconds 30]
// 1. the ceiling: raw driver inserts of the same observation rows into the same database;
// 2. HTTP ingestion through a production server with concurrent agents, in steady state.
// Last line: {"bench":"ingest","db","rawRowsPerSec","httpObsPerSec","ratio","p95Ms","rssMb",…,"createSeconds","createMaxMs",
// "serverThreadMsPer1k","serverProcessMsPer1k"}: createSeconds and createMaxMs time the warm-up, whose reports create
// every device (first contact); the last two are the server's CPU per 1,000 observations in steady state (Linux).
// "cpu": the machine's cores busy in steady state and whose time it was, in cores (machine-cpu.ts).
import { parseArgs } from "node:util";
import { enrolAgent } from "../../lib/commands/agent-enrolment";
import { createDb } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrations";
import { scratchDatabase } from "../../lib/db/scratch";
import { benchObservation } from "./observations";
import { rawInsertRate } from "./raw-insert";
import { cpuReading, cpuShare, describeCpu } from "./machine-cpu";
import { ensureBuild, rssMb, startServer } from "./server";

const { values } = parseArgs({
  options: { db: { type: "string", default: "sqlite" }, devices: { type: "string", default: "8000" }, agents: { type: "string", default: "4" }, batch: { type: "string", default: "1000" }, seconds: { type: "string", default: "30" }, port: { type: "string", default: "3290" } },
});
const DEVICES = Number(values.devices);
const AGENTS = Number(values.agents);
const BATCH = Math.min(5000, Number(values.batch));
const SECONDS = Number(values.seconds);

const scratch = () => scratchDatabase(values.db, "iomt_bench");

async function rawCeiling(): Promise<number> {
  const db = await scratch();
  try {
    await applyMigrations(db.config);
    const client = createDb(db.config);
    const agent = await client.agent.create({ data: { name: "raw", tokenHash: "raw", tokenPrefix: "raw" } });
    const report = await client.report.create({ data: { agentId: agent.id, reportId: "raw-report", sentAt: new Date(), mode: "delta", observationCount: 0, answer: {} } });
    const deviceIds = Array.from({ length: 1000 }, (_, i) => `raw-device-${i}`);
    await client.device.createMany({ data: deviceIds.map((id) => ({ id, displayName: id })) });
    await client.$disconnect();
    return await rawInsertRate(db.config, { agentId: agent.id, reportId: report.id, deviceIds }, 200_000);
  } finally {
    await db.drop();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

type Counters = { obs: number; reports: number; errors: number; latencies: number[] };
let sequence = 0;

async function postOnce(url: string, token: string, agentIndex: number, offset: number, counters: Counters) {
  const perAgent = Math.ceil(DEVICES / AGENTS);
  const now = new Date();
  const observations = Array.from({ length: BATCH }, (_, i) => benchObservation(agentIndex, (offset + i) % perAgent, now));
  sequence += 1;
  const body = JSON.stringify({ schema: "iomt.agent-report/v1", reportId: `bench-${agentIndex}-${sequence}-${Date.now()}`, sentAt: now.toISOString(), agent: { version: "bench", hostname: `bench-${agentIndex}` }, mode: "delta", observations });
  const start = performance.now();
  const res = await fetch(`${url}/api/v1/reports`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body });
  await res.arrayBuffer();
  if (res.status !== 202) {
    counters.errors += 1;
    return;
  }
  counters.latencies.push(performance.now() - start);
  counters.obs += BATCH;
  counters.reports += 1;
}

/** One agent posting back to back, cycling through its devices, until the deadline. */
async function agentLoop(url: string, token: string, agentIndex: number, until: number, counters: Counters) {
  const perAgent = Math.ceil(DEVICES / AGENTS);
  for (let offset = 0; Date.now() < until; offset = (offset + BATCH) % perAgent) await postOnce(url, token, agentIndex, offset, counters);
}

async function httpRate() {
  ensureBuild();
  const db = await scratch();
  try {
    await applyMigrations(db.config);
    const client = createDb(db.config);
    const tokens: string[] = [];
    for (let i = 0; i < AGENTS; i++) tokens.push((await enrolAgent(client, { name: `bench-agent-${i}` }, { system: "bench" })).token);
    await client.$disconnect();
    const server = await startServer(Number(values.port), { DATABASE_URL: db.url, AGENT_REPORTS_PER_MINUTE: "1000000" });
    try {
      // Warm-up: every device is created once; then the server is measured in steady state.
      const perAgent = Math.ceil(DEVICES / AGENTS);
      const warm: Counters = { obs: 0, reports: 0, errors: 0, latencies: [] };
      const warmStart = performance.now();
      await Promise.all(tokens.map(async (t, i) => {
        for (let offset = 0; offset < perAgent; offset += BATCH) await postOnce(server.url, t, i, offset, warm);
      }));
      // First contact: how long the reports of new devices took (a hospital's first snapshots).
      const created = { seconds: (performance.now() - warmStart) / 1000, maxMs: Math.max(...warm.latencies) };
      const counters: Counters = { obs: 0, reports: 0, errors: 0, latencies: [] };
      const before = cpuReading(server.process.pid!);
      const start = performance.now();
      const until = Date.now() + SECONDS * 1000;
      await Promise.all(tokens.map((t, i) => agentLoop(server.url, t, i, until, counters)));
      const seconds = (performance.now() - start) / 1000;
      const after = cpuReading(server.process.pid!);
      // The server's CPU per 1,000 observations accepted in steady state: its JavaScript thread, and all its threads.
      const per1k = (ms: number) => Math.round(ms / (counters.obs / 1000));
      const [from, to] = [before.server, after.server];
      const cpu = from && to && counters.obs ? { threadMsPer1k: per1k(to.thread - from.thread), processMsPer1k: per1k(to.process - from.process) } : null;
      return { obsPerSec: counters.obs / seconds, reportsPerSec: counters.reports / seconds, p95Ms: percentile(counters.latencies, 95), errors: counters.errors + warm.errors, rssMb: rssMb(server.process.pid!), created, cpu, machine: cpuShare(before, after) };
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}

async function main() {
  console.log(`bench:ingest on ${values.db}: ${DEVICES} devices, ${AGENTS} agents, ${BATCH} observations per report, ${SECONDS} s`);
  const raw = await rawCeiling();
  console.log(`raw driver inserts: ${Math.round(raw)} rows/s`);
  const http = await httpRate();
  console.log(`new devices: ${DEVICES} created in ${http.created.seconds.toFixed(1)} s (slowest report ${Math.round(http.created.maxMs)} ms)`);
  console.log(`HTTP ingestion: ${Math.round(http.obsPerSec)} observations/s, ${http.reportsPerSec.toFixed(1)} reports/s, p95 ${Math.round(http.p95Ms)} ms, ${http.errors} errors, server RSS ${http.rssMb} MiB`);
  if (http.cpu) console.log(`server CPU per 1,000 observations: ${http.cpu.threadMsPer1k} ms on its JavaScript thread, ${http.cpu.processMsPer1k} ms on all its threads`);
  console.log(`the machine in steady state: ${describeCpu(http.machine)}`);
  console.log(
    JSON.stringify({
      bench: "ingest",
      db: values.db,
      rawRowsPerSec: Math.round(raw),
      httpObsPerSec: Math.round(http.obsPerSec),
      ratio: Number((http.obsPerSec / raw).toFixed(3)),
      p95Ms: Math.round(http.p95Ms),
      rssMb: http.rssMb,
      reportsPerSec: Number(http.reportsPerSec.toFixed(1)),
      errors: http.errors,
      createSeconds: Number(http.created.seconds.toFixed(1)),
      createMaxMs: Math.round(http.created.maxMs),
      serverThreadMsPer1k: http.cpu?.threadMsPer1k ?? null,
      serverProcessMsPer1k: http.cpu?.processMsPer1k ?? null,
      cpu: http.machine,
      devices: DEVICES,
      agents: AGENTS,
      batch: BATCH,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
