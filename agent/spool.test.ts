import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "./log";
import { Spool } from "./spool";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "spool-test-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const report = (id: string, padding = 0) => ({ reportId: id, observations: [], padding: randomText(padding) });
// Random text does not compress, so the size on disk is predictable.
const randomText = (n: number) => Array.from({ length: n }, () => String.fromCharCode(33 + Math.floor(Math.random() * 90))).join("");

describe("Spool", () => {
  it("keeps reports in the order they were added, across a reopen", async () => {
    const spool = await Spool.open(dir, 10 * 1024 * 1024);
    for (const id of ["report-a", "report-b", "report-c"]) await spool.add(report(id));
    const reopened = await Spool.open(dir, 10 * 1024 * 1024);
    await reopened.add(report("report-d"));
    const ids = [];
    for (const name of await reopened.list()) ids.push((await reopened.readReport(name)).reportId);
    expect(ids).toEqual(["report-a", "report-b", "report-c", "report-d"]);
  });

  it("removes half-written temporary files on open and never lists them", async () => {
    await writeFile(join(dir, "000000000001.json.gz.tmp-123"), "half");
    const spool = await Spool.open(dir, 1024 * 1024);
    expect(await spool.list()).toEqual([]);
    expect((await readdir(dir)).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });

  it("drops the oldest reports when over its bound, warns, and keeps the count across a restart", async () => {
    const lines: string[] = [];
    const log = createLogger({ write: (line) => lines.push(line) });
    const spool = await Spool.open(dir, 64 * 1024, log);
    for (let i = 0; i < 5; i += 1) await spool.add(report(`report-${i}`, 20_000)); // ~18 KiB each gzipped
    const names = await spool.list();
    const ids = [];
    for (const name of names) ids.push((await spool.readReport(name)).reportId);
    expect(ids).toEqual(["report-2", "report-3", "report-4"]);
    expect(await spool.health()).toEqual({ queued: 3, droppedReports: 2, refusedReports: 0 });
    expect(lines.some((l) => JSON.parse(l).msg === "spool full: oldest reports dropped")).toBe(true);
    const reopened = await Spool.open(dir, 64 * 1024);
    expect((await reopened.health()).droppedReports).toBe(2);
  });

  it("never drops the report just written, even when it alone is over the bound", async () => {
    const spool = await Spool.open(dir, 64 * 1024);
    await spool.add(report("big-report", 100_000));
    expect(await spool.list()).toHaveLength(1);
  });

  it("replaces a report by its parts in its place in the order", async () => {
    const spool = await Spool.open(dir, 1024 * 1024);
    const first = await spool.add(report("report-1"));
    await spool.add(report("report-2"));
    await spool.replace(first, [report("report-1.1"), report("report-1.2")]);
    const ids = [];
    for (const name of await spool.list()) ids.push((await spool.readReport(name)).reportId);
    expect(ids).toEqual(["report-1.1", "report-1.2", "report-2"]);
  });

  it("moves refused reports aside and keeps at most 50 of them", async () => {
    const spool = await Spool.open(dir, 1024 * 1024);
    for (let i = 0; i < 53; i += 1) await spool.refuse(await spool.add(report(`report-${i}`)));
    expect(await spool.list()).toEqual([]);
    expect(await readdir(join(dir, "refused"))).toHaveLength(50);
    // the count is of every report refused, not of the files kept, and survives a restart
    expect(await (await Spool.open(dir, 1024 * 1024)).health()).toEqual({ queued: 0, droppedReports: 0, refusedReports: 53 });
  });

  it("wakes listeners on add", async () => {
    const spool = await Spool.open(dir, 1024 * 1024);
    let woken = 0;
    const off = spool.onAdd(() => (woken += 1));
    await spool.add(report("report-1"));
    off();
    await spool.add(report("report-2"));
    expect(woken).toBe(1);
  });
});
