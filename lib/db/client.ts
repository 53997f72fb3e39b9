// The one database client of the process (kept on globalThis so dev reloads do not open more).
// Both providers' clients are generated from the same model, so one type serves both.
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgres/client";
import type { Prisma } from "../generated/sqlite/client";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { Database as SqliteDatabase } from "better-sqlite3";
import { postgresAdapter, sqliteAdapter, SQLITE_BUSY_TIMEOUT_MS, SQLITE_TOOL_BUSY_TIMEOUT_MS } from "./adapters";
import { databaseConfig, type DatabaseConfig } from "./config";
import { onReadingConnection, separateReads, writerSlice, writerSliceMs, type WriterSlice } from "./sqlite-reads";
import { readThreadCount, startReadThreads } from "./sqlite-read-threads";

export type Db = InstanceType<typeof SqliteClient>;

/**
 * The most values one `in: [...]` list may hand the ORM on SQLite: it binds at most 999 values a
 * statement (P2029 beyond), with room left for the statement's other conditions. Longer lists are
 * read in slices of this size.
 */
export const SQLITE_IN_LIST_MAX = 900;
/** The reading connection's page cache (lib/db/sqlite-reads.ts), KiB. */
const READER_CACHE_KIB = 16_384;
/** Every reading connection's settings, in-process and on the reading threads alike. */
const READER_PRAGMAS = [`cache_size = -${READER_CACHE_KIB}`, "query_only = ON"];
export type { Prisma } from "../generated/sqlite/client";

// On globalThis like the client itself: Next bundles this module more than once (instrumentation,
// routes), and a client made by one copy must be recognised by the others.
const registry = ((globalThis as unknown as { __iomtDbRegistry?: { providers: WeakMap<object, DatabaseConfig["provider"]>; sqliteHandles: WeakMap<object, SqliteHandle> } }).__iomtDbRegistry ??= {
  providers: new WeakMap(),
  sqliteHandles: new WeakMap(),
});
const { providers, sqliteHandles } = registry;

/**
 * Every transaction takes SQLite's write lock when it begins (BEGIN IMMEDIATE), not at its first
 * write as the adapter's plain BEGIN does. With a second process writing (a command-line tool
 * beside the server), a transaction that read first and then writes finds its snapshot stale and
 * fails at once with SQLITE_BUSY, which no busy timeout can wait out; taking the lock first
 * makes it wait its turn instead. Within one process the adapter already runs transactions one
 * at a time, so this costs nothing there.
 */
function beginImmediate(database: SqliteDatabase) {
  const prepare = database.prepare.bind(database);
  database.prepare = ((sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as SqliteDatabase["prepare"];
}

type SqliteHandle = { database?: SqliteDatabase; reader?: SqliteDatabase; slice?: WriterSlice };
const connectionOf = (adapter: unknown) => (adapter as { client: SqliteDatabase }).client;

/**
 * The SQLite adapter keeps one better-sqlite3 connection for every transaction of the client and
 * every write; it is remembered so the ingestion hot path can use prepared statements on it. Reads
 * outside a transaction go to a second connection (lib/db/sqlite-reads.ts says why).
 */
type SqliteSettings = { busyTimeoutMs: number; readThreads: number; sliceMs: number };

function trackedSqliteAdapter(file: string, handle: SqliteHandle, { busyTimeoutMs, readThreads, sliceMs }: SqliteSettings): SqlMigrationAwareDriverAdapterFactory {
  const inner = sqliteAdapter(file, busyTimeoutMs);
  const slice = writerSlice(sliceMs);
  handle.slice = slice;
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const writer = await inner.connect();
      const reader = await inner.connect();
      handle.database = connectionOf(writer);
      handle.reader = connectionOf(reader);
      beginImmediate(handle.database);
      // 64 MiB of page cache instead of SQLite's 2 MiB: a risk batch touches pages of a dozen
      // indexes all over the file, and re-reading them through the OS was about 5% of a full recompute.
      handle.database.pragma("cache_size = -65536");
      // Pages walk a few index pages each; the operating system caches the file for both connections.
      for (const pragma of READER_PRAGMAS) handle.reader.pragma(pragma);
      if (!readThreads) return separateReads(writer, reader, handle.reader, slice);
      const threads = startReadThreads({ file, threads: readThreads, busyTimeoutMs, pragmas: READER_PRAGMAS }, (query) => reader.queryRaw(query));
      const dispose = async () => {
        await threads.dispose();
        await reader.dispose();
      };
      const startTransaction = reader.startTransaction.bind(reader);
      return separateReads(writer, { queryRaw: threads.queryRaw, startTransaction, dispose }, handle.reader, slice);
    },
    connectToShadowDb: () => inner.connectToShadowDb(),
  };
}

/**
 * `tool`: a command-line tool, which may run beside a serving dashboard. It waits longer for
 * SQLite's writer and gives its transactions (an import, a full rescore) minutes rather than
 * Prisma's default 5 seconds, since the server's writes come first. It reads on its own thread:
 * nothing else waits for it.
 * `readThreads`: SQLite's reading threads (lib/db/sqlite-read-threads.ts); by default
 * SQLITE_READ_THREADS or 2, none for a tool.
 * `sliceMs`: how long one of its transactions holds the thread before letting other work in
 * (lib/db/sqlite-reads.ts); by default SQLITE_WRITER_SLICE_MS or 50, never for a tool.
 */
export type DbOptions = { tool?: boolean; readThreads?: number; sliceMs?: number };
const TOOL_TRANSACTIONS = { maxWait: 120_000, timeout: 600_000 };

/**
 * A background job's batch transaction (the tally, the Fleets count, the silence check, firmware
 * change classification): hundreds of statements, which under agents' load at a million devices
 * outlasted the ORM's default 5 s, were rolled back, and were retried on the same batch forever.
 */
export const BACKGROUND_TRANSACTION = { timeout: 60_000, maxWait: 30_000 };

/**
 * A page's reads made at one moment. Under agents' load every pooled connection can be busy for
 * seconds: the page's other reads wait for one as long as it takes, and the ORM's 2 s default for
 * a transaction failed the page (bench:views, PostgreSQL, 1,000,000 devices, 8 agents posting).
 */
const PAGE_READ_TRANSACTION = { timeout: 30_000, maxWait: 30_000 };

/**
 * Runs `read` in one transaction that sees the database at one moment (the CISO report's alert
 * figures, which must add up) and may only read: a write in it fails and changes nothing. On
 * PostgreSQL a transaction's statements each see the moment they start unless it is REPEATABLE
 * READ; on SQLite every transaction sees one moment, and this one runs on the reading connection
 * (`query_only`) rather than queueing for the writer's turn (lib/db/sqlite-reads.ts).
 */
export function readAtOneMoment<T>(db: Db, read: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if (providerOf(db) === "sqlite") return onReadingConnection(() => db.$transaction(read, PAGE_READ_TRANSACTION));
  // The SQLite client's types name only SQLite's level; this client is PostgreSQL's.
  const isolationLevel = "RepeatableRead" as Prisma.TransactionIsolationLevel;
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
    return read(tx);
  }, { ...PAGE_READ_TRANSACTION, isolationLevel });
}

function sqliteSettings({ tool, readThreads, sliceMs }: DbOptions): SqliteSettings {
  return {
    busyTimeoutMs: tool ? SQLITE_TOOL_BUSY_TIMEOUT_MS : SQLITE_BUSY_TIMEOUT_MS,
    readThreads: readThreads ?? (tool ? 0 : readThreadCount()),
    sliceMs: sliceMs ?? (tool ? 0 : writerSliceMs()),
  };
}

export function createDb(config: DatabaseConfig = databaseConfig(), options: DbOptions = {}): Db {
  const handle: SqliteHandle = {};
  const transactionOptions = options.tool ? TOOL_TRANSACTIONS : undefined;
  const db =
    config.provider === "sqlite"
      ? new SqliteClient({ adapter: trackedSqliteAdapter(config.file, handle, sqliteSettings(options)), transactionOptions })
      : (new PostgresClient({ adapter: postgresAdapter(config.url), transactionOptions }) as unknown as Db);
  providers.set(db, config.provider);
  sqliteHandles.set(db, handle);
  return db;
}

/** The client's own better-sqlite3 connection, its transactions' (SQLite only, once connected). */
export function sqliteConnectionOf(db: Db): SqliteDatabase | undefined {
  return sqliteHandles.get(db)?.database;
}

/** The slice clock of the client's writing connection, whose transaction's own loops pause by it too (SQLite only). */
export function sqliteWriterSliceOf(db: Db): WriterSlice | undefined {
  return sqliteHandles.get(db)?.slice;
}

/** The client's reading connection: committed rows only, for reads outside a transaction (SQLite only, once connected). */
export function sqliteReaderOf(db: Db): SqliteDatabase | undefined {
  return sqliteHandles.get(db)?.reader;
}

/** Which database a client talks to, for the few writes that are SQL of their own. */
export function providerOf(db: Db): DatabaseConfig["provider"] {
  return providers.get(db) ?? databaseConfig().provider;
}

const holder = globalThis as unknown as { __iomtDb?: Db };

export function getDb(): Db {
  holder.__iomtDb ??= createDb();
  return holder.__iomtDb;
}

/** For tests and CLIs that point the process at another database. */
export async function setDb(db: Db | undefined) {
  if (holder.__iomtDb && holder.__iomtDb !== db) await holder.__iomtDb.$disconnect();
  holder.__iomtDb = db;
}

export function isPostgres(): boolean {
  return databaseConfig().provider === "postgresql";
}
