// npm run bench:soak -- --minutes 10 [--db sqlite|postgres] [--agents 8] [--devices-per-agent 500]
//                       [--interval 1] [--snapshot-every 0] [--port 3295]
// Sustained agent load against a production server (started as `npm start` does) on a scratch
// database: every agent keeps a fixed fleet of simulated devices and posts one report every
// --interval seconds (a snapshot first, then deltas; --snapshot-every n: a snapshot every n-th
// report too), for --minutes (fractions work). No retries: every report not answered 2xx within
// 30 s is an error, 429 included (the rate limit is set well above the pace).
// Memory: VmRSS of Next's server process, read after a warm-up (the first minute, or 10% of the
// run if shorter) and at the end, sampled every 10 s; a progress line on stderr every minute.
// Last line: {"bench":"soak","db","minutes","reports","errors","rssStartMb","rssEndMb",…};
// exits 1 on any error or when the end RSS is more than 20% above the start (130 on Ctrl-C).
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { parseArgs } from "node:util";
import { enrolAgent } from "../../lib/commands/agent-enrolment";
import { createDb } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrations";
import { scratchDatabase, type ScratchDatabase } from "../../lib/db/scratch";
import { buildHospital, type Hospital } from "../../lib/tools/simulator/hospital";
import { abortableSleep, postReport, type PostOutcome } from "../../lib/tools/simulator/post";
import { buildReports } from "../../lib/tools/simulator/reports";
import { serverPids, sleep, startServer, type Server } from "../lib/server-process";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    db: { type: "string", default: "sqlite" },
    agents: { type: "string", default: "8" },
    "devices-per-agent": { type: "string", default: "500" },
    interval: { type: "string", default: "1" },
    "snapshot-every": { type: "string", default: "0" },
    port: { type: "string", default: "3295" },
  },
});

function number(name: string, min: number, integer: boolean): number {
  const n = Number(values[name as keyof typeof values]);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be ${integer ? "a whole number" : "a number"} of at least ${min}`);
  return n;
}

const MINUTES = number("minutes", 0.05, false);
const AGENTS = number("agents", 1, true);
const PER_AGENT = number("devices-per-agent", 1, true);
const INTERVAL_MS = number("interval", 0.05, false) * 1000;
const SNAPSHOT_EVERY = number("snapshot-every", 0, true);
const PORT = number("port", 1, true);
const DB = values.db!;
if (DB !== "sqlite" && DB !== "postgres") throw new Error("--db must be sqlite or postgres");

const DURATION_MS = MINUTES * 60_000;
const WARMUP_MS = Math.min(60_000, DURATION_MS * 0.1);
const SAMPLE_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_RSS_GROWTH = 0.2;

const scratch = () => scratchDatabase(DB, "iomt_soak");

/**
 * A simulated hospital of AGENTS × PER_AGENT devices. It hands whole segments to agents, so its
 * sensors see very different numbers of devices; a soak wants the same load from each, so the
 * devices are dealt out round robin (a segment then spans several sensors, as with a SPAN port).
 */
function fleets(): Hospital {
  const hospital = buildHospital({ devices: AGENTS * PER_AGENT, agents: AGENTS });
  return { ...hospital, devices: hospital.devices.map((d, i) => ({ ...d, agent: i % AGENTS })) };
}

/** Another `next build` in this checkout (someone else's server start) writes the same .next. */
function buildRunning(): boolean {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .some((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`) === process.cwd() && /next\0build(\0|$)/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
      } catch {
        return false; // gone, or not ours to read
      }
    });
}

/** A stale build is rebuilt by the server's start script (its errors on stderr; stdout stays clean). */
async function awaitBuild() {
  if (buildRunning()) console.error("soak: a build of this checkout is running; waiting for it to finish");
  while (buildRunning()) await sleep(2000);
}

/** Next's own server process (titled "next-server (v…)"), not the start script or the CLI around it. */
function nextServerPid(server: Server): number {
  for (const pid of serverPids(server)) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith("next-server")) return pid;
    } catch {
      // exited
    }
  }
  throw new Error(`no next-server process among the server's processes (${serverPids(server).join(", ")})`);
}

function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb ? Math.round(Number(kb[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

/** Least-squares slope of the samples after the warm-up, in MB per minute. */
function trendMbPerMin(samples: { s: number; mb: number }[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((a, x) => a + x.s, 0) / n;
  const my = samples.reduce((a, x) => a + x.mb, 0) / n;
  const sxx = samples.reduce((a, x) => a + (x.s - mx) ** 2, 0);
  return sxx ? (samples.reduce((a, x) => a + (x.s - mx) * (x.mb - my), 0) / sxx) * 60 : 0;
}

/**
 * RSS saws up and down by a hundred MB between major collections, so two single readings can
 * differ by 20% with no leak at all; the lowest readings of the first and last third after the
 * warm-up (just after a collection) show what memory is really kept.
 */
function floors(samples: { s: number; mb: number }[]) {
  const third = Math.floor(samples.length / 3);
  if (third < 2) return {};
  const min = (xs: { mb: number }[]) => Math.min(...xs.map((x) => x.mb));
  return { rssFloorFirstMb: min(samples.slice(0, third)), rssFloorLastMb: min(samples.slice(-third)) };
}

type Tally = { reports: number; errors: number; observations: number; duplicates: number; late: number; latencies: number[]; errorKinds: Record<string, number> };

function record(t: Tally, outcome: PostOutcome, ms: number) {
  t.reports += 1;
  t.latencies.push(ms);
  if (outcome.kind === "stored") {
    t.observations += outcome.answer.accepted;
    if (outcome.answer.duplicate) t.duplicates += 1;
    return;
  }
  t.errors += 1;
  const kind = outcome.kind === "refused" ? String(outcome.status) : outcome.kind === "undelivered" ? outcome.reason : "interrupted";
  t.errorKinds[kind] = (t.errorKinds[kind] ?? 0) + 1;
  if (t.errors <= 5) console.error(`soak: error ${kind}: ${outcome.kind === "refused" ? outcome.message : outcome.kind === "undelivered" ? outcome.detail : ""}`);
}

const timedFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

type Load = { hospital: Hospital; base: string; tokens: string[]; runTag: string; startAt: number; endAt: number; tally: Tally; signal: AbortSignal };

/** One agent on a fixed schedule, offset from the others so that the total stays steady; a late report goes out at once. */
async function agentLoop(load: Load, agent: number) {
  const offset = (agent / AGENTS) * INTERVAL_MS;
  for (let round = 0; ; round++) {
    const due = load.startAt + offset + round * INTERVAL_MS;
    if (due >= load.endAt || load.signal.aborted) return;
    if (Date.now() - due > INTERVAL_MS) load.tally.late += 1;
    await abortableSleep(due - Date.now(), load.signal);
    if (load.signal.aborted) return;
    const mode = round === 0 || (SNAPSHOT_EVERY > 0 && round % SNAPSHOT_EVERY === 0) ? "snapshot" : "delta";
    for (const report of buildReports(load.hospital, { agent, round, mode, runTag: load.runTag })) {
      const started = performance.now();
      const outcome = await postReport(report, { url: load.base, token: load.tokens[agent], maxAttempts: 1, fetch: timedFetch });
      record(load.tally, outcome, performance.now() - started);
    }
  }
}

async function enrol(config: ScratchDatabase["config"]): Promise<string[]> {
  await applyMigrations(config);
  const db = createDb(config);
  try {
    const tokens: string[] = [];
    const expectedIntervalSeconds = Math.max(10, Math.ceil(INTERVAL_MS / 1000));
    for (let i = 0; i < AGENTS; i++) tokens.push((await enrolAgent(db, { name: `soak-agent-${i + 1}`, expectedIntervalSeconds }, { system: "bench" })).token);
    return tokens;
  } finally {
    await db.$disconnect();
  }
}

async function stop(server: Server) {
  server.signal("SIGTERM");
  const stopped = await Promise.race([server.exited().then(() => true, () => false), sleep(30_000).then(() => false)]);
  if (!stopped) server.signal("SIGKILL");
}

async function soak(server: Server, hospital: Hospital, tokens: string[], signal: AbortSignal) {
  const pid = nextServerPid(server);
  const tally: Tally = { reports: 0, errors: 0, observations: 0, duplicates: 0, late: 0, latencies: [], errorKinds: {} };
  const startAt = Date.now();
  const load: Load = { hospital, base: server.base, tokens, runTag: `soak${startAt.toString(36)}`, startAt, endAt: startAt + DURATION_MS, tally, signal };
  const samples: { s: number; mb: number }[] = [];
  const sample = () => {
    const mb = rssMb(pid);
    if (mb !== null) samples.push({ s: (Date.now() - startAt) / 1000, mb });
    return mb;
  };
  let rssStartMb: number | null = null;
  let shown = { at: startAt, reports: 0, errors: 0, latencies: 0 };
  const progress = () => {
    const now = Date.now();
    const reports = tally.reports - shown.reports;
    const latest = tally.latencies.slice(shown.latencies).sort((a, b) => a - b);
    console.error(
      `soak ${((now - startAt) / 60_000).toFixed(1)}/${MINUTES} min: ${reports} reports (${(reports / ((now - shown.at) / 1000)).toFixed(1)}/s), ${tally.errors - shown.errors} errors, p95 ${Math.round(percentile(latest, 95))} ms, max ${Math.round(latest.at(-1) ?? 0)} ms, RSS ${samples.at(-1)?.mb ?? "?"} MB (start ${rssStartMb ?? "after warm-up"})`,
    );
    shown = { at: now, reports: tally.reports, errors: tally.errors, latencies: tally.latencies.length };
  };
  sample();
  const timers = [setInterval(sample, SAMPLE_MS), setInterval(progress, 60_000)];
  const warmup = setTimeout(() => (rssStartMb = sample()), WARMUP_MS);
  try {
    await Promise.all(tokens.map((_, agent) => agentLoop(load, agent)));
  } finally {
    for (const t of timers) clearInterval(t);
    clearTimeout(warmup);
  }
  const seconds = (Date.now() - startAt) / 1000;
  const rssEndMb = sample();
  if (tally.reports > shown.reports) progress(); // the last, partial minute
  const afterWarmup = samples.filter((x) => x.s * 1000 >= WARMUP_MS);
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  return {
    reports: tally.reports,
    errors: tally.errors,
    rssStartMb,
    rssEndMb,
    rssPeakMb: afterWarmup.length ? Math.max(...afterWarmup.map((x) => x.mb)) : null,
    rssTrendMbPerMin: Number(trendMbPerMin(afterWarmup).toFixed(2)),
    ...floors(afterWarmup),
    reportsPerSec: Number((tally.reports / seconds).toFixed(2)),
    p50Ms: Math.round(percentile(sorted, 50)),
    p95Ms: Math.round(percentile(sorted, 95)),
    maxMs: Math.round(sorted.at(-1) ?? 0),
    observations: tally.observations,
    duplicates: tally.duplicates,
    lateReports: tally.late,
    errorKinds: tally.errorKinds,
  };
}

async function main(): Promise<number> {
  const abort = new AbortController();
  // The server runs detached: Ctrl-C (which the tsx wrapper relays once more) stops the load and
  // always leads to the cleanup, however often it is pressed.
  process.on("SIGINT", () => {
    if (abort.signal.aborted) return;
    console.error("soak: interrupted; stopping the load and cleaning up");
    abort.abort();
  });
  // The enrolment lines of this script would drown the progress lines.
  process.env.LOG_LEVEL ??= "warn";
  const hospital = fleets();
  console.error(`soak on ${DB}: ${AGENTS} agents × ${PER_AGENT} devices, one report per agent every ${INTERVAL_MS / 1000} s, ${MINUTES} min on port ${PORT}`);
  await awaitBuild();
  const db = await scratch();
  let server: Server | undefined;
  try {
    const tokens = await enrol(db.config);
    // Ten times the pace, so that a late agent catching up is never refused.
    const perMinute = Math.max(600, Math.ceil((60_000 / INTERVAL_MS) * 10));
    server = await startServer(PORT, db.url, { AGENT_REPORTS_PER_MINUTE: String(perMinute) });
    const result = await soak(server, hospital, tokens, abort.signal);
    const growth = result.rssStartMb && result.rssEndMb ? result.rssEndMb / result.rssStartMb - 1 : null;
    console.error(`soak done: ${result.reports} reports, ${result.errors} errors, RSS ${result.rssStartMb} → ${result.rssEndMb} MB (${growth === null ? "?" : `${(growth * 100).toFixed(1)}%`}), p95 ${result.p95Ms} ms`);
    const { reports, errors, rssStartMb, rssEndMb, ...rest } = result;
    const growthPct = growth === null ? null : Number((growth * 100).toFixed(1));
    console.log(JSON.stringify({ bench: "soak", db: DB, minutes: MINUTES, reports, errors, rssStartMb, rssEndMb, rssGrowthPct: growthPct, ...rest, agents: AGENTS, devicesPerAgent: PER_AGENT, intervalSeconds: INTERVAL_MS / 1000 }));
    if (abort.signal.aborted) return 130;
    return errors > 0 || growth === null || growth > MAX_RSS_GROWTH ? 1 : 0;
  } finally {
    if (server) await stop(server);
    await db.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
