// SQLite's one connection, shared safely. The client keeps one connection for its transactions,
// and the driver adapter runs a statement made outside a transaction on it at once, even while a
// transaction is open there. So a page read the open transaction's uncommitted rows, and a write
// made meanwhile (a person's decision, an audit entry) joined that transaction and was lost with
// it when it rolled back (an agent report's transaction past its time limit, say): measured, an
// update made outside a transaction that then rolled back was undone with it.
// Now reads outside a transaction go to a second connection, which sees only committed rows and
// never waits for the writer (write-ahead log), and a write outside a transaction waits for the
// open one to end.
import type { Database as SqliteDatabase } from "better-sqlite3";
import type { SqlDriverAdapter, Transaction } from "@prisma/driver-adapter-utils";

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
 * and writes one at a time on `writer`. `readerConnection` tells reads from writes.
 */
export function separateReads(writer: SqlDriverAdapter, reader: Pick<SqlDriverAdapter, "queryRaw" | "dispose">, readerConnection: SqliteDatabase): SqlDriverAdapter {
  const known = new Map<string, boolean>();
  const inTurn = turns();
  const startTransaction: SqlDriverAdapter["startTransaction"] = (isolationLevel) =>
    new Promise((started, failed) => {
      void inTurn(async () => {
        const tx = await writer.startTransaction(isolationLevel).catch((error: unknown) => {
          failed(error);
          return null;
        });
        if (tx) await new Promise<void>((ended) => started(endingWith(tx, ended)));
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
