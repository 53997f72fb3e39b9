// SQLite's one connection, shared safely. The client keeps one connection for its transactions,
// and the driver adapter runs a statement made outside a transaction on it at once, even while a
// transaction is open there. So a page read the open transaction's uncommitted rows, and a write
// made meanwhile (a person's decision, an audit entry) joined that transaction and was lost with
// it when it rolled back (an agent report's transaction past its time limit, say): measured, an
// update made outside a transaction that then rolled back was undone with it.
// Now reads outside a transaction go to a second connection, which sees only committed rows and
// never waits for the writer (write-ahead log), and a write outside a transaction waits for the
// open one to end. A long transaction lets the thread's other work in between its statements
// (`sliced`), keeping its turn. A transaction that only reads, to see one moment (a page's figures),
// runs on the reading connection instead (`onReadingConnection`) and never waits for the writer.
import { AsyncLocalStorage } from "node:async_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Database as SqliteDatabase } from "better-sqlite3";
import type { SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { wholeNumberSetting } from "./config";

/** Statements whose kind (read or write) is remembered; the ORM's SQL repeats, IN lists aside. */
const REMEMBERED = 2000;

/**
 * Turns on the writing connection: a transaction holds its turn from its start to its commit or
 * rollback; a write outside one takes a turn of its own and runs as SQLite's own one-statement
 * transaction, so it never holds the write lock across an await (another connection in the same
 * process, waiting synchronously for that lock, would wait for ever). First come, first served.
 */
function turns() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const mine = last.then(work);
    last = mine.catch(() => undefined);
    return mine;
  };
}

/** Resolves `ended` once the transaction commits or rolls back. */
function endingWith(tx: Transaction, ended: () => void): Transaction {
  for (const method of ["commit", "rollback"] as const) {
    const original = tx[method].bind(tx);
    tx[method] = async () => {
      try {
        await original();
      } finally {
        ended();
      }
    };
  }
  return tx;
}

/** How long a transaction may hold the server's thread before its next statement lets others run, unless SQLITE_WRITER_SLICE_MS says otherwise (0: never). */
const DEFAULT_SLICE_MS = 50;
const MAX_SLICE_MS = 10_000;

/** SQLITE_WRITER_SLICE_MS, checked: a whole number of milliseconds from 0 to 10,000. */
export function writerSliceMs(env: Record<string, string | undefined> = process.env): number {
  return wholeNumberSetting(env, "SQLITE_WRITER_SLICE_MS", DEFAULT_SLICE_MS, MAX_SLICE_MS);
}

/**
 * How long the writer's open transaction has held the server's thread, and its pause. better-sqlite3
 * runs a statement synchronously and the adapter's promise resolves at once, so a transaction's
 * statements and the work between them (a whole agent report, ~150 ms per 1,000 observations) ran
 * as one chain of microtasks: a page's request that arrived meanwhile was not even read until the
 * commit. Once the transaction has held the thread for `sliceMs`, its next step first waits one
 * turn of the event loop (and the clock starts again), so the longest stretch is about one slice.
 * Its write lock is kept: other writes still wait for its end. One clock per writing connection,
 * which runs one transaction at a time; the bulk writer's own loops on that connection (prepared
 * statements, lib/db/bulk.ts) and the risk refresh's scoring take their pauses from it too.
 */
export type WriterSlice = {
  /** Before the transaction's next step: waits one turn of the event loop once a slice is used up. */
  stepAside: () => Promise<void>;
};

export function writerSlice(sliceMs: number): WriterSlice & { restart: () => void } {
  let since = performance.now();
  return {
    stepAside: async () => {
      if (!sliceMs || performance.now() - since < sliceMs) return;
      await nextTurn();
      since = performance.now();
    },
    restart: () => {
      since = performance.now();
    },
  };
}

/** The transaction's statements, each after a pause once a slice is used up (`writerSlice`). */
function sliced(tx: Transaction, slice: ReturnType<typeof writerSlice>): Transaction {
  slice.restart();
  const afterTurn =
    <R>(run: (query: SqlQuery) => Promise<R>) =>
    async (query: SqlQuery) => {
      await slice.stepAside();
      return run(query);
    };
  tx.queryRaw = afterTurn(tx.queryRaw.bind(tx));
  tx.executeRaw = afterTurn(tx.executeRaw.bind(tx));
  return tx;
}

const readingTransactions = new AsyncLocalStorage<true>();

/**
 * Runs `read` so that the transactions it starts on a server's SQLite run on the reading
 * connection: there a transaction sees one committed moment (the write-ahead log keeps it) beside
 * the writer's, where it would wait its turn behind every agent report queued before it. They can
 * only read (the connection is `query_only`). Elsewhere, and for writes outside a transaction, it
 * changes nothing.
 */
export function onReadingConnection<T>(read: () => Promise<T>): Promise<T> {
  return readingTransactions.run(true, read);
}

/** Whether SQLite says a statement only reads; one it cannot prepare goes to the writer, which reports the error. */
function readsOnly(reader: SqliteDatabase, known: Map<string, boolean>, sql: string): boolean {
  let only = known.get(sql);
  if (only === undefined) {
    try {
      only = reader.prepare(sql).readonly;
    } catch {
      only = false;
    }
    if (known.size >= REMEMBERED) known.clear();
    known.set(sql, only);
  }
  return only;
}

/**
 * The client's adapter: transactions on `writer` as before; outside them, reads on `reader` (a
 * second connection to the same file, `query_only`, or reading threads: lib/db/sqlite-read-threads.ts)
 * and writes one at a time on `writer`. A transaction started within `onReadingConnection` runs on
 * `reader` (its in-process connection). `readerConnection` tells reads from writes; `slice`: how
 * long a transaction runs before it lets the thread's other work in (`writerSlice`; none: never).
 */
export function separateReads(writer: SqlDriverAdapter, reader: Pick<SqlDriverAdapter, "queryRaw" | "startTransaction" | "dispose">, readerConnection: SqliteDatabase, slice = writerSlice(0)): SqlDriverAdapter {
  const known = new Map<string, boolean>();
  const inTurn = turns();
  const startTransaction: SqlDriverAdapter["startTransaction"] = (isolationLevel) =>
    readingTransactions.getStore() ? reader.startTransaction(isolationLevel) : startWriting(isolationLevel);
  const startWriting: SqlDriverAdapter["startTransaction"] = (isolationLevel) =>
    new Promise((started, failed) => {
      void inTurn(async () => {
        const tx = await writer.startTransaction(isolationLevel).catch((error: unknown) => {
          failed(error);
          return null;
        });
        if (tx) await new Promise<void>((ended) => started(sliced(endingWith(tx, ended), slice)));
      });
    });
  return {
    provider: writer.provider,
    adapterName: writer.adapterName,
    queryRaw: (query) => (readsOnly(readerConnection, known, query.sql) ? reader.queryRaw(query) : inTurn(() => writer.queryRaw(query))),
    executeRaw: (query) => inTurn(() => writer.executeRaw(query)),
    executeScript: (script) => inTurn(() => writer.executeScript(script)),
    startTransaction,
    getConnectionInfo: writer.getConnectionInfo?.bind(writer),
    dispose: async () => {
      await reader.dispose();
      await writer.dispose();
    },
  };
}
