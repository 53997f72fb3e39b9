// The ceiling: the same observation rows inserted straight into the same database, with the
// driver alone (prepared statements / multi-row INSERTs in large transactions), no HTTP, no ORM.
import Database from "better-sqlite3";
import pg from "pg";
import { postgresFields, type DatabaseConfig } from "../../lib/db/config";
import { benchObservation } from "./observations";

const COLUMNS = ["id", "deviceId", "agentId", "reportId", "observedAt", "receivedAt", "channel", "action", "segment", "ip", "claimed", "physical", "network"];

type Ids = { agentId: string; reportId: string; deviceIds: string[] };

// Ids shaped like the app's (cuid: time first, then a counter), so the primary-key index sees the
// same mostly-ascending inserts as in ingestion.
let counter = 0;
const appLikeId = () => `c${Date.now().toString(36)}${(counter++).toString(36).padStart(6, "0")}${Math.random().toString(36).slice(2, 10)}`;

function rowFor(i: number, ids: Ids, now: string): unknown[] {
  const o = benchObservation(0, i % ids.deviceIds.length, new Date(now));
  return [appLikeId(), ids.deviceIds[i % ids.deviceIds.length], ids.agentId, ids.reportId, now, now, o.channel, "seen", o.network.segment, o.claimed.ip, JSON.stringify(o.claimed), JSON.stringify(o.physical), JSON.stringify(o.network)];
}

function sqliteRate(file: string, ids: Ids, rows: number): number {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const insert = db.prepare(`INSERT INTO "Observation" (${COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES (${COLUMNS.map(() => "?").join(",")})`);
  const now = new Date().toISOString();
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert.run(...rowFor(i, ids, now));
  });
  const start = performance.now();
  for (let i = 0; i < rows; i += 5000) batch(i, Math.min(rows, i + 5000));
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return rows / seconds;
}

async function postgresRate(url: string, ids: Ids, rows: number): Promise<number> {
  const client = new pg.Client(postgresFields(url));
  await client.connect();
  const now = new Date().toISOString();
  const perStatement = 1000;
  const start = performance.now();
  for (let i = 0; i < rows; i += 5000) {
    await client.query("BEGIN");
    for (let j = i; j < Math.min(rows, i + 5000); j += perStatement) {
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let k = j; k < Math.min(rows, j + perStatement); k++) {
        const row = rowFor(k, ids, now);
        tuples.push(`(${row.map((_, c) => `$${values.length + c + 1}`).join(",")})`);
        values.push(...row);
      }
      await client.query(`INSERT INTO "Observation" (${COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${tuples.join(",")}`, values);
    }
    await client.query("COMMIT");
  }
  const seconds = (performance.now() - start) / 1000;
  await client.end();
  return rows / seconds;
}

export async function rawInsertRate(config: DatabaseConfig, ids: Ids, rows: number): Promise<number> {
  return config.provider === "sqlite" ? sqliteRate(config.file, ids, rows) : postgresRate(config.url, ids, rows);
}
