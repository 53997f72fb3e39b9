// SQLite's reads outside a transaction (pages, counts, the background jobs' scans) on threads of
// their own. better-sqlite3 runs every statement on the calling thread, so a page's count of
// 100,000 devices (about 100 ms) and an agent's report took turns on the server's one JavaScript
// thread: under bench:views with 8 agents posting, pages waited 1–2 s for it (CPU profile and
// every statement timed; README, Benchmarks → bench:views). Here each read goes to a worker thread
// with a reading connection of its own, through the same Prisma adapter and with the same settings,
// so it sees only committed rows exactly as the in-process reading connection did, and the
// server's thread only sends the query and receives the rows. Writes and transactions stay on the
// server's thread: on the writer, or for a read at one moment on the in-process reading connection
// (lib/db/sqlite-reads.ts).
import { Worker } from "node:worker_threads";
import { DriverAdapterError, type SqlQuery, type SqlResultSet } from "@prisma/driver-adapter-utils";
import { wholeNumberSetting } from "./config";

/** How many reading threads a server's client starts unless SQLITE_READ_THREADS says otherwise (0: none). */
const DEFAULT_READ_THREADS = 2;
const MAX_READ_THREADS = 16;

/** `pragmas`: the reading connection's settings (lib/db/client.ts), applied to each thread's. */
export type ReadThreadOptions = { file: string; threads: number; busyTimeoutMs: number; pragmas: string[] };
export type ReadThreads = { queryRaw(query: SqlQuery): Promise<SqlResultSet>; dispose(): Promise<void> };

/** SQLITE_READ_THREADS, checked: a whole number from 0 to 16. */
export function readThreadCount(env: Record<string, string | undefined> = process.env): number {
  return wholeNumberSetting(env, "SQLITE_READ_THREADS", DEFAULT_READ_THREADS, MAX_READ_THREADS);
}

// The worker's whole program. The adapter is resolved from the server's working directory (the
// checkout), as the server's own copy is: it is not bundled (next.config.mjs). A failed query
// comes back as the adapter's error kind, so the ORM maps it exactly as it would in-process.
const PROGRAM = `
const { parentPort, workerData } = require("node:worker_threads");
const { PrismaBetterSqlite3 } = require(require.resolve("@prisma/adapter-better-sqlite3", { paths: [process.cwd()] }));
const ready = new PrismaBetterSqlite3({ url: workerData.file, timeout: workerData.busyTimeoutMs }).connect().then((adapter) => {
  for (const pragma of workerData.pragmas) adapter.client.pragma(pragma);
  return adapter;
});
parentPort.on("message", async ({ id, query }) => {
  try {
    const result = await (await ready).queryRaw(query);
    parentPort.postMessage({ id, result });
  } catch (error) {
    const cause = error && error.name === "DriverAdapterError" ? error.cause : undefined;
    parentPort.postMessage({ id, error: { message: String((error && error.message) || error), cause } });
  }
});
`;

type Pending = { resolve: (result: SqlResultSet) => void; reject: (error: unknown) => void };
type Thread = { worker: Worker; pending: Map<number, Pending> };
type Reply = { id: number; result?: SqlResultSet; error?: { message: string; cause?: ConstructorParameters<typeof DriverAdapterError>[0] } };

function settle(thread: Thread, reply: Reply) {
  const pending = thread.pending.get(reply.id);
  if (!pending) return;
  thread.pending.delete(reply.id);
  // A thread with nothing asked of it must not keep a command-line tool's process alive.
  if (!thread.pending.size) thread.worker.unref();
  if (reply.result) pending.resolve(reply.result);
  else pending.reject(reply.error?.cause ? new DriverAdapterError(reply.error.cause) : new Error(reply.error?.message ?? "the reading thread gave no answer"));
}

/**
 * Starts `threads` reading workers on the file. A query goes to the thread with the fewest queries
 * waiting; a thread that fails fails its waiting queries and leaves the pool, and with no thread
 * left queries go to `fallback` (the in-process reading connection).
 */
export function startReadThreads(options: ReadThreadOptions, fallback: (query: SqlQuery) => Promise<SqlResultSet>): ReadThreads {
  const threads: Thread[] = [];
  let nextId = 0;
  const leave = (thread: Thread, error: unknown) => {
    const at = threads.indexOf(thread);
    if (at >= 0) threads.splice(at, 1);
    for (const p of thread.pending.values()) p.reject(error);
    thread.pending.clear();
  };
  for (let i = 0; i < options.threads; i++) {
    const { file, busyTimeoutMs, pragmas } = options;
    const thread: Thread = { worker: new Worker(PROGRAM, { eval: true, workerData: { file, busyTimeoutMs, pragmas } }), pending: new Map() };
    thread.worker.on("message", (reply: Reply) => settle(thread, reply));
    thread.worker.on("error", (error) => {
      process.emitWarning(`a SQLite reading thread failed, its reads go elsewhere: ${String(error)}`);
      leave(thread, error);
    });
    thread.worker.on("exit", () => leave(thread, new Error("the SQLite reading thread stopped")));
    // After the listeners: listening for messages holds the process again.
    thread.worker.unref();
    threads.push(thread);
  }
  return {
    queryRaw(query) {
      if (!threads.length) return fallback(query);
      const thread = threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<SqlResultSet>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.ref();
        thread.worker.postMessage({ id, query });
      });
    },
    async dispose() {
      const all = threads.splice(0);
      await Promise.all(all.map((t) => t.worker.terminate()));
    },
  };
}
