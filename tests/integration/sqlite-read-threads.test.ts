// On SQLite a server's client reads outside transactions on worker threads (lib/db/sqlite-read-threads.ts):
// the server's thread stays free while a page's slow count runs, and what the ORM gets back (dates,
// counts, JSON, blobs, errors) is exactly what the in-process reading connection gave. Its
// transactions run in slices (lib/db/sqlite-reads.ts): a long one lets the thread's other work in,
// the bulk writer's loops inside one too, and a write made meanwhile still waits for its end.
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, getDb, type Db } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { readThreadCount } from "@/lib/db/sqlite-read-threads";
import { writerSliceMs } from "@/lib/db/sqlite-reads";
import { bulkInsert, bulkTarget, selectByKeys } from "@/lib/db/bulk";

// About half a second of SQLite's own work on whichever thread runs it.
const SLOW_COUNT = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000000) SELECT count(*) AS n FROM n`;
// About 10 ms of it.
const SHORT_COUNT = SLOW_COUNT.replace("4000000", "80000");

/** The longest the test's own thread went without a timer firing while `work` ran, ms. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  await work();
  clearInterval(timer);
  return Math.max(longest, performance.now() - last);
}

const sqlite = databaseConfig().provider === "sqlite";

describe.skipIf(!sqlite)("SQLite reads on threads of their own", () => {
  let inProcess: Db;
  let threaded: Db;
  beforeAll(async () => {
    inProcess = createDb(databaseConfig(), { readThreads: 0 });
    threaded = createDb(databaseConfig(), { readThreads: 2 });
    await Promise.all([inProcess.$connect(), threaded.$connect()]);
  });
  afterAll(async () => {
    await Promise.all([inProcess.$disconnect(), threaded.$disconnect()]);
  });

  it("leave the server's thread free while a slow read runs, which the in-process reader does not", async () => {
    const free = await longestStall(() => threaded.$queryRawUnsafe(SLOW_COUNT));
    const held = await longestStall(() => inProcess.$queryRawUnsafe(SLOW_COUNT));
    expect(held).toBeGreaterThan(250);
    expect(free).toBeLessThan(held / 3);
    expect(await threaded.$queryRawUnsafe(SLOW_COUNT)).toEqual([{ n: 4_000_000n }]);
  });

  it("give the ORM the same rows as the in-process reader: dates, numbers, JSON and blobs", async () => {
    const content = gzipSync(Buffer.from("a kept feed document"));
    await getDb().feedImport.create({ data: { feed: "kev", source: "kev.json", sha256: "a".repeat(64), importedBy: "test", summary: { added: 3, note: "ü" }, content } });
    const read = (db: Db) => db.feedImport.findFirstOrThrow({ where: { sha256: "a".repeat(64) } });
    const [mine, theirs] = await Promise.all([read(threaded), read(inProcess)]);
    expect(mine).toEqual(theirs);
    expect(mine.importedAt).toBeInstanceOf(Date);
    expect(Buffer.compare(Buffer.from(mine.content!), content)).toBe(0);
    expect(await threaded.feedImport.count()).toBe(await inProcess.feedImport.count());
  });

  it("see a write as soon as it is committed", async () => {
    for (let i = 0; i < 20; i++) {
      await threaded.site.create({ data: { key: `read-threads-${i}`, name: `Wing ${i}` } });
      expect(await threaded.site.count({ where: { key: { startsWith: "read-threads-" } } })).toBe(i + 1);
    }
  });

  it("fail a bad read as the in-process reader does", async () => {
    const failure = (db: Db) => db.$queryRawUnsafe(`SELECT * FROM "NoSuchTable"`).then(() => null, (error: { code?: string; message: string }) => error);
    const [mine, theirs] = await Promise.all([failure(threaded), failure(inProcess)]);
    expect(mine?.code).toBeDefined();
    expect(mine?.code).toBe(theirs?.code);
    expect(mine?.message).toContain("no such table");
  });

  it("let a script end by itself once its reads are answered", () => {
    const program = `import { createDb } from "./lib/db/client"; import { databaseConfig } from "./lib/db/config";
      createDb(databaseConfig(), { readThreads: 2 }).site.count().then((n) => console.log("sites", n));`;
    const run = spawnSync("npx", ["--no-install", "tsx", "-e", program], { encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toMatch(/^sites \d+$/);
    expect(run.status).toBe(0);
  });
});

describe.skipIf(!sqlite)("SQLite transactions in slices", () => {
  let whole: Db;
  let slicedDb: Db;
  beforeAll(async () => {
    whole = createDb(databaseConfig(), { sliceMs: 0 });
    slicedDb = createDb(databaseConfig(), { sliceMs: 25 });
    await Promise.all([whole.$connect(), slicedDb.$connect()]);
  });
  afterAll(async () => {
    await Promise.all([whole.$disconnect(), slicedDb.$disconnect()]);
  });

  /** Forty statements of about 10 ms each in one transaction, then `end`. */
  const longTransaction = (db: Db, end: (tx: Db) => Promise<unknown> = async () => undefined) =>
    db.$transaction(async (tx) => {
      for (let i = 0; i < 40; i++) await tx.$queryRawUnsafe(SHORT_COUNT);
      return end(tx as unknown as Db);
    }, { timeout: 60_000 });

  it("let the thread's other work in between statements once a transaction has held it for a slice", async () => {
    const held = await longestStall(() => longTransaction(whole));
    const free = await longestStall(() => longTransaction(slicedDb));
    expect(held).toBeGreaterThan(250);
    expect(free).toBeLessThan(held / 3);
  });

  it("let it in while the bulk writer's prepared statements run in a loop inside a transaction, reads included", async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ key: `slice-bulk-${i}`, value: "x", updatedAt: new Date() }));
    // Writes the rows, reads them back by key, and rolls back: nothing is left.
    const bulk = (db: Db) =>
      db.$transaction(async (tx) => {
        const target = bulkTarget(db, tx);
        await bulkInsert(target, "Setting", { key: "text", value: "text", updatedAt: "date" }, rows);
        expect(await selectByKeys(target, "Setting", "key", { key: "text" }, rows.map((r) => r.key))).toHaveLength(rows.length);
        throw new Error("roll back");
      }, { timeout: 60_000 }).catch((error: Error) => expect(error.message).toBe("roll back"));
    const held = await longestStall(() => bulk(whole));
    const free = await longestStall(() => bulk(slicedDb));
    expect(held).toBeGreaterThan(250);
    expect(free).toBeLessThan(held / 3);
    expect(await slicedDb.setting.count({ where: { key: { startsWith: "slice-bulk-" } } })).toBe(0);
  });

  it("keep a write made during a pause out of the transaction: it waits for the end and survives its rollback", async () => {
    let outside: Promise<unknown> | undefined;
    const timer = setTimeout(() => (outside = slicedDb.site.create({ data: { key: "slice-outside", name: "Made during a pause" } })), 100);
    const failed = await longTransaction(slicedDb, async (tx) => {
      await tx.site.create({ data: { key: "slice-inside", name: "Rolled back" } });
      throw new Error("roll back");
    }).catch((error: Error) => error.message);
    clearTimeout(timer);
    await outside;
    expect(failed).toBe("roll back");
    expect(outside).toBeDefined();
    expect(await slicedDb.site.findMany({ where: { key: { startsWith: "slice-" } }, select: { key: true } })).toEqual([{ key: "slice-outside" }]);
  });
});

describe("SQLITE_WRITER_SLICE_MS", () => {
  it("is a whole number of milliseconds from 0 to 10,000, 50 by default", () => {
    expect(writerSliceMs({})).toBe(50);
    expect(writerSliceMs({ SQLITE_WRITER_SLICE_MS: "0" })).toBe(0);
    expect(writerSliceMs({ SQLITE_WRITER_SLICE_MS: " 20 " })).toBe(20);
    for (const bad of ["-1", "2.5", "10001", "fifty"]) expect(() => writerSliceMs({ SQLITE_WRITER_SLICE_MS: bad })).toThrow(/SQLITE_WRITER_SLICE_MS must be a whole number/);
  });
});

describe("SQLITE_READ_THREADS", () => {
  it("is a whole number from 0 to 16, two by default", () => {
    expect(readThreadCount({})).toBe(2);
    expect(readThreadCount({ SQLITE_READ_THREADS: "0" })).toBe(0);
    expect(readThreadCount({ SQLITE_READ_THREADS: " 4 " })).toBe(4);
    for (const bad of ["-1", "2.5", "17", "two"]) expect(() => readThreadCount({ SQLITE_READ_THREADS: bad })).toThrow(/SQLITE_READ_THREADS must be a whole number/);
  });
});
