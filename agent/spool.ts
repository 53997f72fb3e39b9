// The on-disk spool: every report is written here before anything tries to send it, so neither a
// server outage nor an agent restart loses one. One gzip file per report, written atomically
// (temporary file, fsync, rename, fsync of the folder), named by a sequence number so the sender
// drains them in the order they were made. Bounded: over maxBytes, the oldest are dropped, with a
// warning and a persisted counter that every later report's health carries.
import { randomUUID } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { silentLogger, type Logger } from "./log";

const REPORT_FILE = /^(\d{12})((?:\.\d+)*)\.json\.gz$/;
const STATE_FILE = "spool-state.json";
/** Refused reports are kept for a person to read, but never more than this many. */
const MAX_REFUSED = 50;

/** Writes a file so that a crash leaves either the old content or the new, never half of it. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${path}.tmp-${randomUUID()}`;
  const handle = await open(tmp, "w", 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  await syncDir(path.slice(0, path.lastIndexOf("/")) || ".");
}

async function syncDir(dir: string) {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}

/** agent.spool in every report: waiting now, dropped (spool full) and refused for good, since installed. */
export type SpoolHealth = { queued: number; droppedReports: number; refusedReports: number };
type Counters = { droppedReports: number; refusedReports: number };

export class Spool {
  private sequence = 0;
  private counters: Counters = { droppedReports: 0, refusedReports: 0 };
  private listeners = new Set<() => void>();

  private constructor(
    readonly dir: string,
    private readonly maxBytes: number,
    private readonly log: Logger,
  ) {}

  /** Opens (creating) the spool folder, removes half-written files, reads the counters back. */
  static async open(dir: string, maxBytes: number, log: Logger = silentLogger): Promise<Spool> {
    await mkdir(join(dir, "refused"), { recursive: true, mode: 0o700 });
    const spool = new Spool(dir, maxBytes, log);
    for (const name of await readdir(dir)) if (name.includes(".tmp-")) await rm(join(dir, name), { force: true });
    const names = await spool.list();
    spool.sequence = names.length ? Number(REPORT_FILE.exec(names[names.length - 1])![1]) : 0;
    spool.counters = await readCounters(join(dir, STATE_FILE));
    return spool;
  }

  /** The reports waiting, oldest first. */
  async list(): Promise<string[]> {
    return (await readdir(this.dir)).filter((name) => REPORT_FILE.test(name)).sort();
  }

  /** Stores a report durably (then trims the spool to its bound) and wakes whoever waits for work. */
  async add(report: object): Promise<string> {
    this.sequence += 1;
    const name = `${String(this.sequence).padStart(12, "0")}.json.gz`;
    await writeFileAtomic(join(this.dir, name), gzipSync(JSON.stringify(report)));
    await this.enforceBound(name);
    for (const listener of this.listeners) listener();
    return name;
  }

  /** The gzip bytes as they go on the wire. */
  read(name: string): Promise<Buffer> {
    return readFile(join(this.dir, name));
  }

  async readReport(name: string): Promise<Record<string, unknown>> {
    return JSON.parse(gunzipSync(await this.read(name)).toString("utf8")) as Record<string, unknown>;
  }

  async remove(name: string): Promise<void> {
    await rm(join(this.dir, name), { force: true });
  }

  /**
   * Replaces one report by its parts, in its place in the order: the parts are written first and
   * the original deleted last, so a crash in between leaves the original, which splits the same way again.
   */
  async replace(name: string, parts: object[]): Promise<string[]> {
    const stem = name.replace(/\.json\.gz$/, "");
    const names = parts.map((_, i) => `${stem}.${i + 1}.json.gz`);
    for (const [i, part] of parts.entries()) await writeFileAtomic(join(this.dir, names[i]), gzipSync(JSON.stringify(part)));
    await this.remove(name);
    return names;
  }

  /** Moves a report the server will never take into refused/, for a person; keeps only the newest few. */
  async refuse(name: string): Promise<void> {
    const refused = join(this.dir, "refused");
    await rename(join(this.dir, name), join(refused, `${Date.now()}-${name}`));
    const kept = (await readdir(refused)).sort();
    for (const old of kept.slice(0, Math.max(0, kept.length - MAX_REFUSED))) await rm(join(refused, old), { force: true });
    await this.count("refusedReports", 1);
  }

  async health(): Promise<SpoolHealth> {
    return { queued: (await this.list()).length, ...this.counters };
  }

  /** Called after every add: the sender's wake-up. Returns the unsubscribe function. */
  onAdd(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops the oldest reports until the spool fits, never the one just written. */
  private async enforceBound(newest: string) {
    const names = await this.list();
    const sizes = await Promise.all(names.map(async (name) => (await stat(join(this.dir, name))).size));
    let total = sizes.reduce((sum, size) => sum + size, 0);
    let dropped = 0;
    for (const [i, name] of names.entries()) {
      if (total <= this.maxBytes || name === newest) break;
      await this.remove(name);
      total -= sizes[i];
      dropped += 1;
    }
    if (dropped === 0) return;
    await this.count("droppedReports", dropped);
    this.log.warn("spool full: oldest reports dropped", { dropped, droppedTotal: this.counters.droppedReports, maxBytes: this.maxBytes });
  }

  /** The counters survive a restart: the server learns of every loss, even one just before a crash. */
  private async count(counter: keyof Counters, n: number) {
    this.counters = { ...this.counters, [counter]: this.counters[counter] + n };
    await writeFileAtomic(join(this.dir, STATE_FILE), JSON.stringify(this.counters));
  }
}

async function readCounters(path: string): Promise<Counters> {
  const counter = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : 0);
  try {
    const value = JSON.parse(await readFile(path, "utf8")) as Partial<Record<keyof Counters, unknown>>;
    return { droppedReports: counter(value.droppedReports), refusedReports: counter(value.refusedReports) };
  } catch {
    return { droppedReports: 0, refusedReports: 0 };
  }
}
