// Observations are the bulk of every report. They are appended with multi-row INSERTs through
// the driver, which is about fifteen times faster here than the ORM's createMany with its four
// JSON columns; values are written in exactly the formats Prisma writes and reads.
import type { Db, Prisma } from "../db/client";
import { newRowId } from "../ids";

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
  if (DATE_COLUMNS.has(column)) {
    const iso = new Date(v as string | Date).toISOString();
    // Prisma's SQLite adapter stores "…T…Z" as "…T….mmm+00:00"; comparisons are textual there.
    return provider === "sqlite" ? iso.replace("Z", "+00:00") : iso;
  }
  return JSON_COLUMNS.has(column) ? JSON.stringify(v) : v;
}

function placeholder(index: number, column: string, provider: Provider): string {
  if (provider === "sqlite") return "?";
  if (DATE_COLUMNS.has(column)) return `$${index}::timestamp(3)`;
  return JSON_COLUMNS.has(column) ? `$${index}::jsonb` : `$${index}`;
}

export async function insertObservations(tx: Db, rows: Row[], provider: Provider): Promise<void> {
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
