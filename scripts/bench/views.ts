// npm run bench:views -- --devices 1000000 [--db sqlite|postgres]   seed a scratch database first
// npm run bench:views -- --existing                                   use DATABASE_URL as it is
// npm run bench:views -- … --with-ingest 4 [--ingest-rate 2000]       the same, while 4 agents report
// Server response times of each view and API list at scale, through a production server signed in
// as an administrator: warm-up 3, then 30 sequential requests per URL, each body read to its end.
// With --with-ingest N, N enrolled agents post reports at a steady R observations/s in all
// (--ingest-rate, default 2000), each over its own 5,000 devices, and the server runs its background
// jobs, as a hospital's does (without it they are off, as before). The views are timed from 10 s
// after every agent's first round (which creates its devices) until the last; the ingest figures
// (achieved rate, report p95) cover that same window.
// Prints p50 / p95 / max per view, the ingest achieved, the server's resident memory (its whole
// process tree after the measurements and at its highest during them, sampled each second, and
// the Next.js server process alone after them), then one JSON line:
// {"bench":"views","db":…,"devices":…,"p95Ms":{"inventory":…,"inventoryDeep":…,"search":…,"risk":…,"unauthorized":…,"overview":…,"report":…,"fleets":…,"searchWords":…,"assetsShadow":…,…},
//  "rssMb":…,"rssPeakMb":…,"serverRssMb":…,"ingest":{"agents","targetObsPerSec","obsPerSec","reportsPerSec","reportP95Ms","reportMaxMs","errors"},  (ingest only with --with-ingest)
//  "cpu":{"coresBusy","cores","serverThread","serverOtherThreads","database","bench","other"}}  (while the views were timed, in cores: machine-cpu.ts)
// Goal: every p95 under 300 ms at 1,000,000 devices. A view that does not answer 200 is an error,
// not a timing (a page that does not exist in this checkout yet is recorded as null).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createDb, providerOf, type Db } from "../../lib/db/client";
import { databaseConfig } from "../../lib/db/config";
import { applyMigrations } from "../../lib/db/migrations";
import { scratchDatabase, type ScratchDatabase } from "../../lib/db/scratch";
import { hashPassword } from "../../lib/auth/password";
import { createApiKey } from "../../lib/commands/api-keys";
import { enrolAgent } from "../../lib/commands/agent-enrolment";
import { seedLarge } from "../../lib/tools/seed/large-estate";
import { refreshTally } from "../../lib/jobs/tally";
import { serverPids, sleep, startServer, type Server } from "../lib/server-process";
import { progressBar } from "../lib/progress";
import { describeIngest, startIngestLoad, type IngestResult } from "./ingest-load";
import { cpuReading, cpuShare, describeCpu, type CpuShare } from "./machine-cpu";
import { percentile } from "./percentile";
import { nextServerPid, residentMb, sampleResidentPeak } from "./server";

const { values } = parseArgs({
  options: {
    devices: { type: "string" },
    db: { type: "string", default: "sqlite" },
    existing: { type: "boolean", default: false },
    port: { type: "string", default: "3341" },
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
    "with-ingest": { type: "string", default: "0" },
    "ingest-rate": { type: "string", default: "2000" },
  },
});

const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
const INGEST_AGENTS = Number(values["with-ingest"]);
const INGEST_RATE = Number(values["ingest-rate"]);
/** Each load agent's own devices: after its first round, its reports update known devices. */
const DEVICES_PER_AGENT = 5000;
/** How long the load runs before the first view is timed, so the views meet it in steady state. */
const INGEST_WARMUP_MS = 10_000;
const ADMIN = { email: "bench-views@example.invalid", password: randomBytes(18).toString("base64url") };

/** The inventory's cursor for a device, encoded as lib/queries/devices.ts encodes it. */
const cursorFor = (v: string | number, id: string) => Buffer.from(JSON.stringify({ v, id })).toString("base64url");

const cisco = (mac: string) => {
  const hex = mac.replace(/:/g, "");
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`.toUpperCase();
};

async function probes(db: Db) {
  const devices = await db.device.count();
  const sqlite = providerOf(db) === "sqlite";
  // The device at rank ~90 % in the inventory's default order (risk high to low, then id).
  const offset = Math.floor(devices * 0.9);
  const deep = await db.$queryRawUnsafe<{ id: string; riskScore: number | bigint }[]>(
    `SELECT "id", "riskScore" FROM "Device" ORDER BY "riskScore" DESC, "id" ASC LIMIT 1 OFFSET ${sqlite ? "?" : "$1"}`,
    offset,
  );
  const middle = await db.device.findFirst({ where: { claimedMac: { not: null }, claimedHostname: { not: null }, claimedIp: { not: null } }, skip: Math.floor(devices / 2), select: { id: true, claimedMac: true, claimedHostname: true, claimedIp: true } });
  // The simulator numbers a segment's block 10.<segment>.x.y; past 255 segments that is no IPv4
  // address, so the IP probe takes a device of one of the first segments.
  const withIp = await db.device.findFirst({ where: { claimedIp: { startsWith: "10.2." } }, select: { claimedIp: true } });
  const pump = await db.device.findFirst({ where: { category: "infusion_pump", model: { not: null } }, select: { model: true } });
  const site = await db.site.findFirst({ orderBy: { name: "asc" }, select: { id: true } });
  return {
    devices,
    siteId: site?.id ?? "",
    deepCursor: deep[0] ? cursorFor(Number(deep[0].riskScore), deep[0].id) : undefined,
    deviceId: middle?.id,
    hostname: middle?.claimedHostname ?? "",
    mac: middle?.claimedMac ?? "",
    ip: withIp?.claimedIp ?? middle?.claimedIp ?? "",
    model: pump?.model ?? "monitor",
  };
}

async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password, json: "true" }),
  });
  const cookies = [...jar, ...res.headers.getSetCookie().map((c) => c.split(";")[0])];
  const session = cookies.find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in failed (${res.status})`);
  return cookies.join("; ");
}

type Result = { name: string; url: string; p50: number; p95: number; max: number } | { name: string; url: string; missing: string };

async function measure(base: string, name: string, url: string, headers: Record<string, string>, optional: boolean): Promise<Result> {
  const once = async () => {
    const started = performance.now();
    const res = await fetch(`${base}${url}`, { headers, redirect: "manual" });
    await res.arrayBuffer();
    return { ms: performance.now() - started, status: res.status };
  };
  const first = await once();
  if (first.status === 404 && optional) return { name, url, missing: "404: not in this checkout" };
  if (first.status !== 200) throw new Error(`${name} (${url}) answered ${first.status}`);
  for (let i = 1; i < WARMUP; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await once();
    if (r.status !== 200) throw new Error(`${name} (${url}) answered ${r.status} on run ${i + 1}`);
    times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { name, url, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times.at(-1)!) };
}

type Scratch = { scratch?: ScratchDatabase; url: string };

async function seedScratch(): Promise<Scratch> {
  if (values.existing) return { url: process.env.DATABASE_URL ?? "file:data/iomt.db" };
  const devices = Number(values.devices ?? "100000");
  const scratch = await scratchDatabase(values.db, "iomt_views");
  await applyMigrations(scratch.config);
  const db = createDb(scratch.config);
  const bar = progressBar("seeding");
  const summary = await seedLarge(db, { devices, tally: (d) => refreshTally(d), onProgress: (phase, done, total) => bar.update(done, total, phase) });
  bar.stop();
  console.error(`seeded ${summary.devices} devices (${summary.totalRows} rows, ${summary.rowsPerSec} rows/s)`);
  await db.$disconnect();
  return { scratch, url: scratch.url };
}

/** The tally, the probes, the administrator, an API key and the load's agent tokens, before the server starts. */
async function prepare(db: Db) {
  // The overview and report read today's tally: make sure it exists before timing them.
  const tally = await refreshTally(db);
  console.error(`tally refreshed in ${tally.ms} ms (${tally.rows} rows)`);
  const p = await probes(db);
  await db.user.upsert({
    where: { email: ADMIN.email },
    create: { email: ADMIN.email, name: "Benchmark", role: "admin", passwordHash: await hashPassword(ADMIN.password) },
    update: { passwordHash: await hashPassword(ADMIN.password), disabledAt: null, role: "admin" },
  });
  const admin = await db.user.findUniqueOrThrow({ where: { email: ADMIN.email }, select: { id: true, email: true } });
  const key = await createApiKey(db, { name: `bench views ${Date.now()}` }, admin);
  const tokens: string[] = [];
  // Names unique per run: with --existing the agents of an earlier run are still enrolled.
  for (let i = 0; i < INGEST_AGENTS; i++) tokens.push((await enrolAgent(db, { name: `bench-views-${Date.now()}-${i}` }, { system: "bench" })).token);
  return { p, apiKey: key.secret, tokens };
}

/** Under ingest the server runs its background jobs, as a hospital's does, and takes every report. */
function serverEnv(): Record<string, string> {
  const env = { ADMIN_TWO_FACTOR: process.env.ADMIN_TWO_FACTOR ?? "optional" };
  return INGEST_AGENTS > 0 ? { ...env, AGENT_REPORTS_PER_MINUTE: "1000000" } : { ...env, BACKGROUND_JOBS: "off" };
}

type Plan = [string, string, Record<string, string>, boolean][];

function viewPlan(p: Awaited<ReturnType<typeof probes>>, cookie: string, apiKey: string): Plan {
  const page = { cookie };
  const api = { authorization: `Bearer ${apiKey}` };
  const q = encodeURIComponent;
  return [
    ["inventory", "/inventory", page, false],
    ["inventoryDeep", `/inventory?cursor=${p.deepCursor}`, page, false],
    ["search", `/inventory?q=${q(p.model)}&status=authorized`, page, false],
    ["risk", "/risk", page, false],
    ["unauthorized", "/unauthorized", page, false],
    ["overview", "/", page, false],
    ["report", "/reports?days=30", page, true],
    ["searchRare", `/inventory?q=${q(p.hostname)}`, page, false],
    ["searchMac", `/inventory?q=${q(cisco(p.mac))}`, page, false],
    ["searchIp", `/inventory?q=${q(p.ip)}`, page, false],
    ["searchCommon", `/inventory?q=${q(p.model)}`, page, false],
    ["deviceDetail", `/devices/${p.deviceId}`, page, false],
    ["alerts", "/alerts", page, true],
    ["inventoryLast", `/inventory?cursor=${Buffer.from(JSON.stringify({ last: 1 })).toString("base64url")}`, page, false],
    ["inventoryByName", "/inventory?sort=name&dir=desc&size=200", page, false],
    ["searchWords", `/inventory?q=${q("alaris 8015")}`, page, false],
    ["fleets", "/fleets", page, true],
    ["fleetsByRisk", "/fleets?sort=risk&size=100", page, true],
    ["assetsShadow", "/assets", page, true],
    ["assetsShadowSite", `/assets?site=${q(p.siteId)}`, page, true],
    ["assetsMissing", "/assets?tab=missing", page, true],
    ["assetsMismatched", "/assets?tab=mismatched", page, true],
    ["assetsReconciled", "/assets?tab=reconciled", page, true],
    ["apiDevices", "/api/v1/devices", api, true],
    ["apiDevicesSearch", `/api/v1/devices?q=${q(p.hostname)}`, api, true],
    ["apiAlerts", "/api/v1/alerts", api, true],
  ];
}

async function measureAll(base: string, plan: Plan): Promise<Result[]> {
  const results: Result[] = [];
  for (const [name, path, headers, optional] of plan) {
    const r = await measure(base, name, path, headers, optional);
    results.push(r);
    console.error("p95" in r ? `${name.padEnd(18)} ${String(r.p95).padStart(8)} ms` : `${name.padEnd(18)} ${r.missing}`);
  }
  return results;
}

/** The views, timed under the agents' load when there is one (started first, stopped after the last view). */
async function measureUnderLoad(base: string, plan: Plan, tokens: string[], serverPid: number): Promise<{ results: Result[]; ingest?: IngestResult; cpu: CpuShare }> {
  const timed = async () => {
    const before = cpuReading(serverPid);
    const results = await measureAll(base, plan);
    return { results, cpu: cpuShare(before, cpuReading(serverPid)) };
  };
  if (!tokens.length) return await timed();
  console.error(`ingest: ${tokens.length} agents at ${INGEST_RATE} observations/s; their first round, then ${INGEST_WARMUP_MS / 1000} s, before the first view`);
  const load = startIngestLoad({ base, tokens, obsPerSecond: INGEST_RATE, devicesPerAgent: DEVICES_PER_AGENT });
  try {
    // The steady state of a running hospital: every agent's devices known (its first round made them).
    const waited = performance.now();
    await load.firstRound;
    console.error(`every agent's first round done in ${Math.round((performance.now() - waited) / 1000)} s`);
    await sleep(INGEST_WARMUP_MS);
    load.measureFromNow();
    const { results, cpu } = await timed();
    return { results, cpu, ingest: await load.stop() };
  } catch (error) {
    await load.stop();
    throw error;
  }
}

function printTable(results: Result[]) {
  console.log(`\n${"view".padEnd(18)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}  url`);
  for (const r of results) {
    if ("missing" in r) console.log(`${r.name.padEnd(18)} ${"-".padStart(8)} ${"-".padStart(8)} ${"-".padStart(8)}  ${r.url} (${r.missing})`);
    else console.log(`${r.name.padEnd(18)} ${String(r.p50).padStart(8)} ${String(r.p95).padStart(8)} ${String(r.max).padStart(8)}  ${r.url.slice(0, 80)}`);
  }
}

async function main() {
  const { scratch, url } = await seedScratch();
  const kind = values.existing ? databaseConfig().provider : values.db === "postgres" ? "postgresql" : "sqlite";
  let server: Server | undefined;
  const config = scratch?.config ?? databaseConfig();
  await applyMigrations(config);
  const db = createDb(config);
  try {
    const { p, apiKey, tokens } = await prepare(db);
    await db.$disconnect();
    console.error("starting the production server (builds first if the sources changed)…");
    server = await startServer(Number(values.port), url, serverEnv());
    const running = server;
    const peak = sampleResidentPeak(() => serverPids(running));
    const nextPid = nextServerPid(serverPids(running));
    const { results, ingest, cpu } = await measureUnderLoad(server.base, viewPlan(p, await signIn(server.base), apiKey), tokens, nextPid ?? running.child.pid!);
    // After the load has stopped: what the server holds, not what it holds mid-request.
    const [rssPeakMb, rssMb, serverRssMb] = [peak.stop(), residentMb(serverPids(server)), nextPid ? residentMb([nextPid]) : null];
    printTable(results);
    if (ingest) console.log(`\n${describeIngest(ingest)}`);
    console.log(`the machine while the views were timed: ${describeCpu(cpu)}`);
    console.log(`server resident memory: ${rssMb} MiB after the run, ${rssPeakMb} MiB at the highest (the start script and Next's server together); Next's server alone: ${serverRssMb ?? "?"} MiB`);
    const p95Ms = Object.fromEntries(results.map((r) => [r.name, "p95" in r ? r.p95 : null]));
    // The first error's text is printed above, not kept in the JSON line.
    const json = ingest && { ...ingest, firstError: undefined };
    console.log(JSON.stringify({ bench: "views", db: kind === "postgresql" ? "postgres" : "sqlite", devices: p.devices, p95Ms, rssMb, rssPeakMb, serverRssMb, ingest: json, cpu }));
  } finally {
    if (server) {
      server.signal("SIGTERM");
      await server.exited();
    }
    if (scratch && !values.keep) await scratch.drop();
    else if (scratch) console.error(`kept the scratch database: ${scratch.url}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
