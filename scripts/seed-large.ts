// npm run seed:large -- --devices 1000000 [--append] [--seed 42] [--agents 60]
// Fills the configured database (DATABASE_URL; default SQLite data/iomt.db) with a large,
// realistic hospital estate for the scale benchmarks: see lib/tools/seed/large-estate.ts for what it writes.
// Refuses a database that already has devices unless --append.
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { databaseConfig, describeDatabase } from "../lib/db/config";
import { migrateIfNeeded } from "../lib/db/migrate-if-needed";
import { seedLarge, SeedRefused } from "../lib/tools/seed/large-estate";
import { refreshTally } from "../lib/jobs/tally";
import { progressBar, type Progress } from "./lib/progress";

const { values } = parseArgs({
  options: { devices: { type: "string", default: "100000" }, append: { type: "boolean", default: false }, seed: { type: "string" }, agents: { type: "string", default: "60" } },
});

async function main() {
  const config = databaseConfig();
  await migrateIfNeeded(config);
  const db = createDb(config);
  const bars = new Map<string, Progress>();
  const started = performance.now();
  try {
    console.error(`seeding ${Number(values.devices).toLocaleString("en")} devices into ${describeDatabase(config)}`);
    const summary = await seedLarge(db, {
      devices: Number(values.devices),
      append: values.append,
      seed: values.seed === undefined ? undefined : Number(values.seed),
      agents: Number(values.agents),
      tally: (d) => refreshTally(d),
      onProgress: (phase, done, total) => {
        let bar = bars.get(phase);
        if (!bar) bars.set(phase, (bar = progressBar(phase.padEnd(8))));
        bar.update(done, total);
        if (done >= total) bar.stop();
      },
    });
    const seconds = (performance.now() - started) / 1000;
    for (const [table, n] of Object.entries(summary.rows)) console.log(`${table.padEnd(20)} ${n.toLocaleString("en").padStart(12)}`);
    console.log(`phases (s): ${Object.entries(summary.seconds).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    console.log(`${summary.totalRows.toLocaleString("en")} rows in ${seconds.toFixed(1)} s: ${Math.round(summary.totalRows / seconds).toLocaleString("en")} rows/s (${Math.round(summary.devices / seconds).toLocaleString("en")} devices/s)`);
    console.log(JSON.stringify({ seed: "large", db: config.provider, devices: summary.devices, rows: summary.totalRows, seconds: Number(seconds.toFixed(1)), rowsPerSec: Math.round(summary.totalRows / seconds) }));
  } finally {
    for (const bar of bars.values()) bar.stop();
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof SeedRefused) && error instanceof Error && error.stack) console.error(error.stack);
    process.exit(1);
  },
);
