// Observations are the bulk of every report. They are appended through the driver, which is
// many times faster here than the ORM's createMany with its four JSON columns: on SQLite with one
// cached prepared statement on the client's own connection (inside the report's transaction, as
// every query of that connection is), on PostgreSQL with multi-row INSERTs. Values are written in
// exactly the formats Prisma writes and reads.
import type { Database as SqliteDatabase, Statement } from "better-sqlite3";
import type { Db, Prisma } from "../db/client";
import { sqlTimestamp } from "../db/bulk";
import { newRowId } from "../db/row-ids";

type Provider = "sqlite" | "postgresql";
type Row = Prisma.ObservationCreateManyInput;

const COLUMNS = ["id", "deviceId", "agentId", "reportId", "observedAt", "receivedAt", "channel", "action", "segment", "ip", "claimed", "physical", "network", "software"] as const;
const DATE_COLUMNS = new Set(["observedAt", "receivedAt"]);
const JSON_COLUMNS = new Set(["claimed", "physical", "network", "software"]);
// SQLite (as built into better-sqlite3) binds up to 32,766 parameters per statement; PostgreSQL 65,535.
const ROWS_PER_STATEMENT = { sqlite: 2000, postgresql: 2000 };

function value(row: Row, column: (typeof COLUMNS)[number], provider: Provider): unknown {
  const v = column === "id" ? (row.id ?? newRowId()) : row[column as keyof Row];
  if (v === undefined || v === null) return null;
  if (DATE_COLUMNS.has(column)) return sqlTimestamp(v as string | Date, provider);
  return JSON_COLUMNS.has(column) ? JSON.stringify(v) : v;
}

function placeholder(index: number, column: string, provider: Provider): string {
  if (provider === "sqlite") return "?";
  if (DATE_COLUMNS.has(column)) return `$${index}::timestamp(3)`;
  return JSON_COLUMNS.has(column) ? `$${index}::jsonb` : `$${index}`;
}

const statements = new WeakMap<SqliteDatabase, Statement>();

function insertWithStatement(connection: SqliteDatabase, rows: Row[]) {
  let statement = statements.get(connection);
  if (!statement) {
    statement = connection.prepare(`INSERT INTO "Observation" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`);
    statements.set(connection, statement);
  }
  for (const row of rows) statement.run(...COLUMNS.map((column) => value(row, column, "sqlite")));
}

/** `connection`: the SQLite client's own connection, when the caller is inside its transaction. */
export async function insertObservations(tx: Db, rows: Row[], provider: Provider, connection?: SqliteDatabase): Promise<void> {
  if (provider === "sqlite" && connection?.inTransaction) return insertWithStatement(connection, rows);
  const size = ROWS_PER_STATEMENT[provider];
  const head = `INSERT INTO "Observation" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES `;
  for (let start = 0; start < rows.length; start += size) {
    const chunk = rows.slice(start, start + size);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => `(${COLUMNS.map((column) => {
      params.push(value(row, column, provider));
      return placeholder(params.length, column, provider);
    }).join(", ")})`);
    await tx.$executeRawUnsafe(head + tuples.join(", "), ...params);
  }
}
