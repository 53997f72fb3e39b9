// Many rows in few statements, for ingestion, full recomputes and imports, where one ORM call per
// row is the bottleneck. Values are written in exactly the formats Prisma writes and reads: SQLite
// dates as "…T….mmm+00:00" text, booleans as 0/1, JSON as text. The SQLite / PostgreSQL switch
// (prepared statements on SQLite, one array per column through unnest() on PostgreSQL) is made
// here, once per operation.
import type { Database as SqliteDatabase, Statement } from "better-sqlite3";
import { providerOf, sqliteConnectionOf, sqliteWriterSliceOf, type Db } from "./client";
import type { DatabaseConfig } from "./config";
import type { WriterSlice } from "./sqlite-reads";

type Sql = Pick<Db, "$executeRawUnsafe" | "$queryRawUnsafe">;
type Provider = DatabaseConfig["provider"];
/**
 * Where to write: the ORM client (or transaction), its provider, and on SQLite the client's own
 * connection (sqliteConnectionOf). Inside the client's transaction, rows then go through one
 * cached prepared statement each, several times faster than long statements through the adapter.
 * `slice`: there, the server's transaction lets the thread's other work in every slice (`stepAside`).
 */
export type Target = { db: Sql; provider: Provider; connection?: SqliteDatabase; slice?: WriterSlice };

/**
 * The target for a client, or for a transaction of that client (`tx`, as $transaction gives it).
 * Only a transaction's target writes and reads on the connection itself: outside one, another
 * transaction may be open there, and its rows are not ours to read or join (lib/db/sqlite-reads.ts).
 */
export function bulkTarget(db: Db, tx: Sql = db): Target {
  if (tx === db) return { db: tx, provider: providerOf(db) };
  return { db: tx, provider: providerOf(db), connection: sqliteConnectionOf(db), slice: sqliteWriterSliceOf(db) };
}

/**
 * Inside a server's SQLite transaction, a pause once it has held the thread for a slice
 * (lib/db/sqlite-reads.ts): prepared statements run in a loop, and a batch's work between
 * statements, bypass the adapter whose statements pause by themselves. The write lock is kept.
 */
export async function stepAside(target: Target) {
  await target.slice?.stepAside();
}

const prepared = new WeakMap<SqliteDatabase, Map<string, Statement>>();

function statement(connection: SqliteDatabase, sql: string): Statement {
  let cache = prepared.get(connection);
  if (!cache) prepared.set(connection, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = connection.prepare(sql)));
  return s;
}

const direct = (t: Target) => (t.provider === "sqlite" && t.connection?.inTransaction ? t.connection : null);

/**
 * A SQLite query's rows through the connection's cached prepared statement, when the target is
 * inside the client's transaction there; null elsewhere (the caller goes through the client).
 */
export function directRows<Row>(target: Target, sql: string, params: unknown[]): Row[] | null {
  const connection = direct(target);
  return connection ? (statement(connection, sql).all(...params) as Row[]) : null;
}

/** A query's rows: through directRows inside the client's SQLite transaction, through the client elsewhere. */
export async function queryRows<Row>(target: Target, sql: string, params: unknown[]): Promise<Row[]> {
  return directRows<Row>(target, sql, params) ?? (await target.db.$queryRawUnsafe<Row[]>(sql, ...params));
}

/** "json": a value to serialise; "jsonText": already serialised JSON text. */
export type ColumnType = "int" | "float" | "text" | "bool" | "date" | "json" | "jsonText";
export type Columns = Record<string, ColumnType>;

const PG_CAST: Record<ColumnType, string> = { int: "integer", float: "double precision", text: "text", bool: "boolean", date: "timestamp(3)", json: "jsonb", jsonText: "jsonb" };
// The bound-parameter limits, the one place they are written down: SQLite as built into
// better-sqlite3 binds at most 32,766 per statement (SQLITE_MAX_VARIABLE_NUMBER, checked: 32,767
// fails with "too many SQL variables"), PostgreSQL 65,535. Statements here stay well under both.
const MAX_PARAMS = 30_000;

/** A date as Prisma stores it: "…T….mmm+00:00" text on SQLite (compared as text), ISO for PostgreSQL. */
export function sqlTimestamp(date: Date | string, provider: Provider): string {
  const iso = new Date(date).toISOString();
  return provider === "sqlite" ? iso.replace("Z", "+00:00") : iso;
}

// A batch writes one time in every row (matchedAt, computedAt): formatted once, not per row.
let lastDate: { at: Date; time: number; sqlite: boolean; text: string } | null = null;
function encodeDate(v: string | Date, sqlite: boolean): string {
  if (!(v instanceof Date)) return sqlTimestamp(v, sqlite ? "sqlite" : "postgresql");
  if (lastDate?.at !== v || lastDate.time !== v.getTime() || lastDate.sqlite !== sqlite) lastDate = { at: v, time: v.getTime(), sqlite, text: sqlTimestamp(v, sqlite ? "sqlite" : "postgresql") };
  return lastDate.text;
}

function encode(v: unknown, type: ColumnType, sqlite: boolean): unknown {
  if (v === undefined || v === null) return null;
  if (type === "date") return encodeDate(v as string | Date, sqlite);
  if (type === "bool") return sqlite ? (v ? 1 : 0) : Boolean(v);
  if (type === "json") return JSON.stringify(v);
  return v;
}

/** `items` in consecutive slices of at most `size`. */
export function chunked<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows in slices whose parameters (`width` a row) stay under MAX_PARAMS. */
const chunks = <T,>(rows: T[], width: number): T[][] => chunked(rows, Math.max(1, Math.floor(MAX_PARAMS / width)));

/** SQLite's multi-row VALUES list (outside the client's transaction): `(?, ?), (?, ?)` and its parameters. */
function tuples(rows: Record<string, unknown>[], columns: Columns) {
  const names = Object.keys(columns);
  const params: unknown[] = [];
  const row = `(${names.map(() => "?").join(", ")})`;
  for (const r of rows) for (const c of names) params.push(encode(r[c], columns[c], true));
  return { sql: rows.map(() => row).join(", "), params };
}

/** INSERT of many rows (the caller gives every column, ids included). */
export async function bulkInsert(target: Target, table: string, columns: Columns, rows: Record<string, unknown>[], options: { skipExisting?: boolean } = {}) {
  const { db, provider } = target;
  const sqlite = provider === "sqlite";
  const keys = Object.keys(columns);
  const names = keys.map((c) => `"${c}"`).join(", ");
  // skipExisting: a row whose key is already there is left as it is (content-addressed rows).
  const [verb, tail] = !options.skipExisting ? ["INSERT", ""] : sqlite ? ["INSERT OR IGNORE", ""] : ["INSERT", " ON CONFLICT DO NOTHING"];
  const connection = direct(target);
  if (connection) {
    const insert = statement(connection, `${verb} INTO "${table}" (${names}) VALUES (${keys.map(() => "?").join(", ")})${tail}`);
    const types = keys.map((c) => columns[c]);
    for (const row of rows) {
      await stepAside(target);
      insert.run(...keys.map((c, i) => encode(row[c], types[i], true)));
    }
    return;
  }
  if (!sqlite) {
    for (const chunk of chunked(rows, ARRAY_ROWS)) await db.$executeRawUnsafe(`${verb} INTO "${table}" (${names}) SELECT * FROM ${unnest(keys, columns)}${tail}`, ...columnArrays(chunk, keys, columns));
    return;
  }
  for (const chunk of chunks(rows, Object.keys(columns).length)) {
    const { sql, params } = tuples(chunk, columns);
    await db.$executeRawUnsafe(`${verb} INTO "${table}" (${names}) VALUES ${sql}${tail}`, ...params);
  }
}

// On PostgreSQL, rows go as one array per column through unnest(): a handful of parameters
// whatever the row count, where a VALUES list of 30,000 parameters spent most of its time in
// parsing and planning (measured on the risk refresh: see bench:risk in the README).
const ARRAY_ROWS = 20_000;

/** `unnest($1::text[], $2::integer[], …) AS v("a", "b", …)` for the columns, in order. */
function unnest(keys: string[], columns: Columns): string {
  return `unnest(${keys.map((c, i) => `$${i + 1}::${PG_CAST[columns[c]]}[]`).join(", ")}) AS v(${keys.map((c) => `"${c}"`).join(", ")})`;
}

function columnArrays(rows: Record<string, unknown>[], keys: string[], columns: Columns): unknown[][] {
  return keys.map((c) => rows.map((row) => encode(row[c], columns[c], false)));
}

/**
 * On PostgreSQL, locks the rows a transaction is about to write, in key order, in one pass. Two
 * transactions writing overlapping rows each lock them in their plan's order (the heap's, or the
 * input array's), so each can end up waiting for the other: PostgreSQL aborts one as a deadlock.
 * Seen in test:two-instances, eight agents' presence updates of the same 150 devices. Rows locked
 * in one sorted pass first are always taken in the same order. SQLite has one writer at a time.
 */
export async function lockInKeyOrder(target: Target, table: string, key: string, ids: Iterable<string>) {
  if (target.provider === "sqlite") return;
  // Byte order on both sides (COLLATE "C", and JavaScript's default sort of ASCII ids), so the
  // chunks follow one another in the database's own order.
  const sorted = [...new Set(ids)].sort();
  for (const chunk of chunked(sorted, ARRAY_ROWS)) {
    await target.db.$queryRawUnsafe(`SELECT count(*)::int AS n FROM (SELECT 1 FROM "${table}" WHERE "${key}" = ANY($1::text[]) ORDER BY "${key}" COLLATE "C" FOR NO KEY UPDATE) locked`, chunk);
  }
}

/** UPDATE of many rows by key, each with its own values: one statement per few thousand rows (20,000 on PostgreSQL). */
export async function bulkUpdate(target: Target, table: string, key: string, columns: Columns, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const { db, provider } = target;
  const sqlite = provider === "sqlite";
  const connection = direct(target);
  if (connection) {
    const update = statement(connection, `UPDATE "${table}" SET ${Object.keys(columns).map((c) => `"${c}" = ?`).join(", ")} WHERE "${key}" = ?`);
    for (const row of rows) {
      await stepAside(target);
      update.run(...Object.keys(columns).map((c) => encode(row[c], columns[c], true)), row[key]);
    }
    return;
  }
  const all: Columns = { [key]: "text", ...columns };
  const names = Object.keys(all);
  const set = Object.keys(columns).map((c) => `"${c}" = v."${c}"`).join(", ");
  if (!sqlite) {
    for (const chunk of chunked(rows, ARRAY_ROWS)) await db.$executeRawUnsafe(`UPDATE "${table}" SET ${set} FROM ${unnest(names, all)} WHERE "${table}"."${key}" = v."${key}"`, ...columnArrays(chunk, names, all));
    return;
  }
  for (const chunk of chunks(rows, names.length)) {
    const { sql, params } = tuples(chunk, all);
    await db.$executeRawUnsafe(`WITH v(${names.map((c) => `"${c}"`).join(", ")}) AS (VALUES ${sql}) UPDATE "${table}" SET ${set} FROM v WHERE "${table}"."${key}" = v."${key}"`, ...params);
  }
}

function decode(v: unknown, type: ColumnType): unknown {
  if (v === null || v === undefined) return null;
  // The adapter's connection reads integers as BigInt (safeIntegers), so 0/1 may be 0n/1n.
  if (type === "bool") return v === true || v === "true" || (typeof v !== "string" && Number(v) === 1);
  if (type === "date") return new Date(v as string);
  if (type === "int" || type === "float") return Number(v);
  if (type === "json") return typeof v === "string" ? JSON.parse(v) : v;
  return v;
}

/**
 * Rows by key, with the given columns decoded as Prisma would. On SQLite inside the client's
 * transaction, one prepared statement reads them all (ORM row mapping was the bulk of a full
 * risk recompute); elsewhere, one raw query.
 */
export async function selectByKeys(target: Target, table: string, key: string, columns: Columns, keys: string[]): Promise<Record<string, unknown>[]> {
  if (!keys.length) return [];
  const names = Object.keys(columns);
  const list = names.map((c) => `"${c}"`).join(", ");
  const connection = direct(target);
  const raw = connection
    ? await directInPieces(target, connection, `SELECT ${list} FROM "${table}" WHERE "${key}" IN (SELECT value FROM json_each(?))`, keys)
    : target.provider === "sqlite"
      ? await target.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${list} FROM "${table}" WHERE "${key}" IN (SELECT value FROM json_each(?))`, JSON.stringify(keys))
      : await target.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${list} FROM "${table}" WHERE "${key}" = ANY($1::text[])`, keys);
  // Decoded in place, and only the columns text does not already hold as Prisma would read them.
  const decoded = names.filter((c) => columns[c] !== "text");
  for (const row of raw) for (const c of decoded) row[c] = decode(row[c], columns[c]);
  return raw;
}

/**
 * Keys a piece at a time through one prepared statement, stepping aside between pieces: the four
 * reads of a risk batch's 5,000 devices, each at once, held the server's thread 45-200 ms
 * (bench:risk, 100,000 devices).
 */
async function directInPieces(target: Target, connection: SqliteDatabase, sql: string, keys: string[]): Promise<Record<string, unknown>[]> {
  const select = statement(connection, sql);
  const rows: Record<string, unknown>[] = [];
  // Each key once, as one IN list would take it: a key repeated in two pieces would read its row twice.
  for (const piece of chunked([...new Set(keys)], DIRECT_PIECE)) {
    await stepAside(target);
    for (const row of select.all(JSON.stringify(piece)) as Record<string, unknown>[]) rows.push(row);
  }
  return rows;
}

/** Keys a direct read takes at a time: about a millisecond of SQLite's work each at 100,000 devices. */
const DIRECT_PIECE = 500;

/** Positional parameters in each database's spelling: `?` on SQLite, `$1`, `$2`… (with a cast) on PostgreSQL. */
export function parameters(provider: Provider) {
  const values: unknown[] = [];
  const bind = (value: unknown, cast = "") => {
    values.push(value);
    return provider === "sqlite" ? "?" : `$${values.length}${cast}`;
  };
  return { values, bind };
}

// Values per IN list: far under the limits above, and short enough to plan fast.
const IN_LIST = 2000;

/**
 * `SELECT columns FROM table WHERE <equals> AND column IN (values)`: on SQLite inside the client's
 * transaction through one cached prepared statement, elsewhere in lists of a few thousand values
 * through the client's raw query (no ORM planning per query). Columns come back as the driver reads them.
 */
export async function selectIn<Row>(target: Target, table: string, columns: string[], equals: Record<string, unknown>, column: string, values: unknown[]): Promise<Row[]> {
  const list = columns.map((c) => `"${c}"`).join(", ");
  // Inside the client's transaction on SQLite: the whole list as one JSON parameter of one cached
  // prepared statement (as selectByKeys), where a fresh IN list was prepared by the adapter each time.
  if (direct(target)) {
    const keyed = [...Object.keys(equals).map((name) => `"${name}" = ?`), `"${column}" IN (SELECT value FROM json_each(?))`];
    return directRows<Row>(target, `SELECT ${list} FROM "${table}" WHERE ${keyed.join(" AND ")}`, [...Object.values(equals), JSON.stringify(values)])!;
  }
  const rows: Row[] = [];
  for (let i = 0; i < values.length; i += IN_LIST) {
    const p = parameters(target.provider);
    const conditions = Object.entries(equals).map(([name, value]) => `"${name}" = ${p.bind(value)}`);
    const inList = values.slice(i, i + IN_LIST).map((value) => p.bind(value)).join(",");
    const where = [...conditions, `"${column}" IN (${inList})`].join(" AND ");
    rows.push(...(await target.db.$queryRawUnsafe<Row[]>(`SELECT ${list} FROM "${table}" WHERE ${where}`, ...p.values)));
  }
  return rows;
}
