// node --conditions react-server --import tsx scripts/bench/explain.ts [--filter name]
// The query plans behind each view, on the database DATABASE_URL names (seed it first with
// npm run seed:large): runs the views' own query functions through a client whose adapter records
// every SQL statement, then prints each statement with its plan (SQLite: EXPLAIN QUERY PLAN;
// PostgreSQL: EXPLAIN ANALYZE) and its own time. Markdown on stdout, for docs/performance.md.
// (The react-server condition lets the "server-only" query modules load outside Next.)
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { PrismaClient as SqliteClient } from "../../lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../../lib/generated/postgres/client";
import { postgresAdapter, sqliteAdapter } from "../../lib/db/adapters";
import { setDb, type Db } from "../../lib/db/client";
import { databaseConfig, postgresFields } from "../../lib/db/config";

const { values } = parseArgs({ options: { filter: { type: "string" } } });
const config = databaseConfig();
let recording: { sql: string; args: unknown[] }[] = [];

function recorded(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (q: SqlQuery) => {
    recording.push({ sql: q.sql, args: q.args });
    return queryRaw(q);
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...a) => {
    const tx = await startTransaction(...a);
    const txQuery = tx.queryRaw.bind(tx);
    tx.queryRaw = async (q: SqlQuery) => {
      recording.push({ sql: q.sql, args: q.args });
      return txQuery(q);
    };
    return tx;
  };
  return adapter;
}

function recordingFactory(inner: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return { provider: inner.provider, adapterName: inner.adapterName, connect: async () => recorded(await inner.connect()), connectToShadowDb: () => inner.connectToShadowDb() };
}

const db = (config.provider === "sqlite"
  ? new SqliteClient({ adapter: recordingFactory(sqliteAdapter(config.file)) })
  : new PostgresClient({ adapter: recordingFactory(postgresAdapter(config.url) as unknown as SqlMigrationAwareDriverAdapterFactory) })) as unknown as Db;

const sqlite = config.provider === "sqlite" ? new Database(config.file, { readonly: true }) : null;
const pgClient = config.provider === "postgresql" ? new pg.Client(postgresFields(config.url)) : null;

/** Arguments as better-sqlite3 binds them (the adapter converts the same way). */
const bind = (args: unknown[]) =>
  args.map((a) => {
    if (typeof a === "boolean") return a ? 1 : 0;
    if (a instanceof Date) return a.toISOString().replace("Z", "+00:00");
    if (a === null || a === undefined || typeof a === "string" || typeof a === "number" || typeof a === "bigint") return a ?? null;
    return JSON.stringify(a);
  });

async function explain(sql: string, args: unknown[]): Promise<{ plan: string; ms: number }> {
  if (sqlite) {
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(bind(args) as never[])) as { detail: string; parent: number; id: number }[]);
    const depth = new Map<number, number>();
    const lines = plan.map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${"  ".repeat(d)}${r.detail}`;
    });
    const started = performance.now();
    sqlite.prepare(sql).all(...(bind(args) as never[]));
    return { plan: lines.join("\n"), ms: performance.now() - started };
  }
  const started = performance.now();
  await pgClient!.query(sql, args as unknown[]);
  const ms = performance.now() - started;
  const out = await pgClient!.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, args as unknown[]);
  return { plan: out.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n"), ms };
}

type Step = [string, () => Promise<unknown>];

async function steps(): Promise<Step[]> {
  const devices = await import("../../lib/queries/devices");
  const probe = await db.device.findFirst({ where: { claimedHostname: { not: null }, claimedMac: { not: null } }, skip: 1000, select: { id: true, claimedHostname: true, claimedMac: true, claimedIp: true, model: true } });
  const deep = await db.device.findFirst({ orderBy: [{ riskScore: "desc" }, { id: "asc" }], skip: Math.floor((await db.device.count()) * 0.9), select: { id: true, riskScore: true } });
  const cursor = deep ? Buffer.from(JSON.stringify({ v: deep.riskScore, id: deep.id })).toString("base64url") : "";
  const list: Step[] = [
    ["inventory: first page", () => devices.listDevices(devices.parseInventoryParams({}))],
    ["inventory: page at 90 %", () => devices.listDevices(devices.parseInventoryParams({ cursor }))],
    ["inventory: facets", () => devices.inventoryFacets()],
    ["search: model + status", () => devices.listDevices(devices.parseInventoryParams({ q: probe?.model ?? "alaris", status: "authorized" }))],
    ["search: common model", () => devices.listDevices(devices.parseInventoryParams({ q: probe?.model ?? "alaris" }))],
    ["search: rare hostname", () => devices.listDevices(devices.parseInventoryParams({ q: probe?.claimedHostname ?? "x" }))],
    ["search: MAC (Cisco spelling)", () => devices.listDevices(devices.parseInventoryParams({ q: (probe?.claimedMac ?? "").replace(/:/g, "").replace(/(....)(?!$)/g, "$1.") }))],
    ["search: IP", () => devices.listDevices(devices.parseInventoryParams({ q: probe?.claimedIp ?? "10.0.0.1" }))],
    ["inventory: category filter", () => devices.listDevices(devices.parseInventoryParams({ category: "infusion_pump" }))],
    ["inventory: sort by name", () => devices.listDevices(devices.parseInventoryParams({ sort: "name" }))],
  ];
  const optional = async (name: string, load: () => Promise<Step[]>) => {
    try {
      list.push(...(await load()));
    } catch (error) {
      console.error(`skipped ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await optional("risk", async () => {
    const risk = await import("../../lib/queries/risk-priority");
    return [["risk: ranking first page", () => risk.listRiskPriority(risk.parseRiskParams({}))]];
  });
  await optional("work queue", async () => {
    const queue = await import("../../lib/queries/work-queue");
    return [["unauthorized: work queue", () => (queue as unknown as { getWorkQueue: (...a: unknown[]) => Promise<unknown> }).getWorkQueue({})]];
  });
  await optional("overview", async () => {
    const overview = (await import("../../lib/queries/overview")) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    return Object.entries(overview).filter(([, f]) => typeof f === "function").map(([name, f]) => [`overview: ${name}`, () => f()] as Step);
  });
  await optional("report", async () => {
    const report = await import("../../lib/queries/ciso-report");
    return [["report: 30 days", () => report.loadCisoReport(report.parseCisoReportParams({ days: "30" }))]];
  });
  await optional("alerts", async () => {
    const alerts = await import("../../lib/queries/alerts");
    return [["alerts: first page", () => alerts.listAlerts(alerts.parseAlertParams({}))]];
  });
  await optional("device detail", async () => {
    const detail = (await import("../../lib/queries/device-detail")) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const load = Object.entries(detail).find(([name]) => /^get|^load/.test(name));
    return load && probe ? [[`device detail: ${load[0]}`, () => load[1](probe.id)]] : [];
  });
  return list;
}

async function main() {
  await pgClient?.connect();
  await setDb(db);
  console.log(`# Query plans (${config.provider}, ${(await db.device.count()).toLocaleString("en")} devices)\n`);
  for (const [name, run] of await steps()) {
    if (values.filter && !name.includes(values.filter)) continue;
    recording = [];
    const started = performance.now();
    try {
      await run();
    } catch (error) {
      console.log(`## ${name}\n\nfailed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
      continue;
    }
    const total = performance.now() - started;
    console.log(`## ${name} — ${total.toFixed(1)} ms through the client, ${recording.length} statement(s)\n`);
    for (const { sql, args } of recording) {
      if (/^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(sql.trim())) continue;
      const { plan, ms } = await explain(sql, args);
      console.log("```sql\n" + sql.slice(0, 600) + (sql.length > 600 ? " …" : "") + "\n```\n" + `${ms.toFixed(1)} ms\n` + "```\n" + plan + "\n```\n");
    }
  }
  await pgClient?.end();
  await db.$disconnect();
}

main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
