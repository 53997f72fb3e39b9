// npm run bench:risk [-- --db sqlite|postgres] [--devices 100000] [--background]
// A full risk recompute (rematch against every advisory, rescore, history) of a scratch estate:
// the 134 real CISA medical advisories and the KEV catalog imported, EPSS scores for their CVEs,
// and devices seeded straight into the database, about half of them models the advisories name
// (at affected, unaffected and unreadable versions), the rest unmatched IT and peripherals.
// Last line: {"bench":"risk","db":…,"devices":…,"seconds":…,"cpuSeconds":…,"devicesPerSec":…,"load":…} and on PostgreSQL
// "deviceUpdates" and "hotUpdates" (Device row updates, and those made in place). Goal: < 10 s for 100k.
// "cpu": the machine's cores busy during the refresh and whose time it was, in cores (machine-cpu.ts;
// "bench" is this process: the refresh's Node.js side, and on SQLite the database engine too).
// --background: the same devices rescored as a server's background pass after ingestion does it
// (5,000 a batch, one at a time, its transactions in slices: lib/db/sqlite-reads.ts, SQLite's log
// copied back by the checkpoint worker: lib/ops/sqlite-checkpoint.ts) instead of an
// operator's full recompute. "heldMaxMs" and "heldP99Ms": the longest the process's thread went
// without its event loop turning (what a page's request waits at worst behind the refresh on a
// server), from node's event-loop delay monitor.
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDb, type Db } from "../../lib/db/client";
import { bulkInsert } from "../../lib/db/bulk";
import { applyMigrations } from "../../lib/db/migrations";
import { scratchDatabase } from "../../lib/db/scratch";
import { postgresFields } from "../../lib/db/config";
import { searchTextFor } from "../../lib/domain/identity/evidence";
import { criticalityForCategory, phiForCategory } from "../../lib/domain/risk/criticality";
import { newRowId } from "../../lib/db/row-ids";
import { refreshRisk } from "../../lib/jobs/risk-refresh";
import { checkpointInBackground } from "../../lib/ops/sqlite-checkpoint";
import { importFeeds } from "../../lib/vulns/import";
import { progressBar } from "../lib/progress";
import { cpuReading, cpuShare, describeCpu } from "./machine-cpu";
import { BUNDLED_CSAF_DIR, BUNDLED_KEV_FILE } from "../../lib/reference/bundled-feeds";

const { values } = parseArgs({ options: { db: { type: "string", default: "sqlite" }, devices: { type: "string", default: "100000" }, background: { type: "boolean", default: false } } });
const actor = { system: "bench" };

// A fixed-seed generator, so every run seeds the same estate.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];

const scratch = () => scratchDatabase(values.db, "iomt_bench");

async function importRealFeeds(db: Db) {
  const csaf = readdirSync(BUNDLED_CSAF_DIR).sort().map((f) => ({ name: f, bytes: readFileSync(join(BUNDLED_CSAF_DIR, f)) }));
  const kev = { name: "kev.json", bytes: readFileSync(BUNDLED_KEV_FILE) };
  await importFeeds(db, [...csaf, kev], { actor });
  // In id order, so both databases draw the same EPSS score for each CVE (and score alike).
  const cves = (await db.vulnerability.findMany({ where: { advisories: { some: {} } }, select: { id: true }, orderBy: { id: "asc" } })).map((v) => v.id);
  const lines = cves.map((cve) => `${cve},${random().toFixed(5)},${random().toFixed(5)}`);
  await importFeeds(db, [{ name: "epss.csv", bytes: Buffer.from(`#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\ncve,epss,percentile\n${lines.join("\n")}\n`) }], { actor });
}

const OTHERS = [
  { category: "printer", vendor: "HP", model: "LaserJet M507" },
  { category: "workstation", vendor: "Dell", model: "OptiPlex 7090" },
  { category: "network_gear", vendor: "Cisco", model: "Catalyst 9300" },
  { category: "usb_peripheral", vendor: "Logitech", model: "K120" },
];

/**
 * A search text as long as a reported device's (name, host name, address, serial, vendor, model,
 * MAC): on PostgreSQL its trigrams were rewritten with every rescored row until they moved to a
 * table of their own, so a short stand-in hid that cost. Draws nothing from `random`, so the
 * estate is the one earlier runs seeded.
 */
function benchSearchText(i: number, vendor: string, model: string): string {
  const mac = `02:00:${[i >> 24, i >> 16, i >> 8, i].map((b) => (b & 255).toString(16).padStart(2, "0")).join(":")}`;
  return searchTextFor([`DEV-${i}`, `dev-${i}.bench.hospital.local`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, `SN-${1_000_000 + i}`, vendor, model], mac);
}

async function seedDevices(db: Db, count: number) {
  const site = await db.site.create({ data: { name: "Bench General" } });
  const segments = await Promise.all(["internet", "general_it", "clinical_segmented", "usb_only"].map((exposure) => db.segment.create({ data: { siteId: site.id, reportedSiteId: site.id, name: `SEG-${exposure}`, exposure } })));
  const products = await db.affectedProduct.findMany({ select: { vendor: true, product: true, versionRange: true }, orderBy: [{ advisoryId: "asc" }, { productRef: "asc" }] });
  const bar = progressBar("seeding devices");
  const now = new Date();
  for (let start = 0; start < count; start += 5000) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 5000); i++) {
      const clinical = random() < 0.5;
      const p = clinical ? pick(products) : null;
      const other = pick(OTHERS);
      // Firmware at the range's own bound (often affected), one past it, or a plain 1.0.
      const bound = p?.versionRange?.match(/\d+(?:\.\d+)*/)?.[0];
      const firmware = bound ? pick([bound, `${bound}.1`, "1.0"]) : "1.0";
      const category = clinical ? pick(["infusion_pump", "ventilator", "patient_monitor", "imaging", "pacs"]) : other.category;
      rows.push({
        id: newRowId(), displayName: `DEV-${i}`, category, claimedVendor: p?.vendor ?? other.vendor, claimedModel: p?.product ?? other.model, firmwareVersion: firmware,
        criticality: criticalityForCategory(category), phi: phiForCategory(category), siteId: site.id, segmentId: pick(segments).id,
        status: random() < 0.03 ? "unauthorized" : "authorized", spoofSuspected: random() < 0.005, searchText: benchSearchText(i, p?.vendor ?? other.vendor, p?.product ?? other.model), createdAt: now, updatedAt: now, firstSeenAt: now, lastSeenAt: now,
      });
    }
    await bulkInsert({ db, provider: values.db === "postgres" ? "postgresql" : "sqlite" }, "Device", {
      id: "text", displayName: "text", category: "text", claimedVendor: "text", claimedModel: "text", firmwareVersion: "text", criticality: "text", phi: "text", siteId: "text", segmentId: "text",
      status: "text", spoofSuspected: "bool", searchText: "text", createdAt: "date", updatedAt: "date", firstSeenAt: "date", lastSeenAt: "date",
    }, rows);
    bar.update(Math.min(count, start + 5000), count);
  }
  bar.stop();
}

async function main() {
  const devices = Number(values.devices);
  if (!Number.isInteger(devices) || devices < 1) throw new Error("--devices must be a positive whole number");
  const target = await scratch();
  try {
    await applyMigrations(target.config);
    const db = createDb(target.config);
    await importRealFeeds(db);
    await seedDevices(db, devices);
    const bar = progressBar("recomputing");
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const machineBefore = cpuReading();
    // As a server runs it: SQLite's log copied back by the checkpoint worker, not inside commits.
    const checkpoints = values.background && target.config.provider === "sqlite" ? await checkpointInBackground(db, target.config.file) : null;
    const held = monitorEventLoopDelay({ resolution: 10 });
    held.enable();
    // Seeded devices are stale: the background pass takes them as it would an agent's new ones.
    const run = values.background ? { trigger: "ingest" as const } : { trigger: "full" as const, all: true };
    const summary = await refreshRisk(db, { ...run, onProgress: (done, total) => bar.update(done, total) });
    const seconds = (performance.now() - started) / 1000;
    const machine = cpuShare(machineBefore, cpuReading());
    held.disable();
    await checkpoints?.terminate();
    // This process's own CPU time (the SQLite engine runs on it), beside the wall clock: on a busy
    // machine the wall clock also counts the time other processes held the cores.
    const cpu = process.cpuUsage(cpuBefore);
    bar.stop();
    const tiers = await db.device.groupBy({ by: ["riskTier"], _count: true });
    console.log(`${summary.devices} devices rescored: ${summary.matches} vulnerability matches (${summary.needsReview} need review); tiers ${tiers.map((t) => `${t.riskTier} ${t._count}`).join(", ")}`);
    await db.$disconnect();
    const hot = values.db === "postgres" ? await deviceUpdates(target.url) : undefined;
    console.log(`the machine during the refresh: ${describeCpu(machine)}`);
    console.log(JSON.stringify({ bench: "risk", db: values.db, devices: summary.devices, matches: summary.matches, seconds: Number(seconds.toFixed(2)), cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)), devicesPerSec: Math.round(summary.devices / seconds), background: values.background, heldMaxMs: Math.round(held.max / 1e6), heldP99Ms: Math.round(held.percentile(99) / 1e6), load: loadavg()[0], cpu: machine, ...hot }));
  } finally {
    await target.drop();
  }
}

/**
 * PostgreSQL's count of Device row updates and of those made in place (HOT: no new index entry),
 * which the seeding does not touch. Read after the bench's connections closed, as a backend
 * reports its counts when it ends.
 */
async function deviceUpdates(url: string) {
  const client = new pg.Client(postgresFields(url));
  await client.connect();
  try {
    for (let tries = 0; tries < 20; tries++) {
      const { rows } = await client.query(`SELECT n_tup_upd::int AS updates, n_tup_hot_upd::int AS hot FROM pg_stat_user_tables WHERE relname = 'Device'`);
      if (rows[0]?.updates > 0) return { deviceUpdates: rows[0].updates, hotUpdates: rows[0].hot };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { deviceUpdates: 0, hotUpdates: 0 };
  } finally {
    await client.end();
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
