// The agent's loop: start the collectors, run a cycle every intervalSeconds (each report spooled
// before anything tries to send it), and drain the spool in a loop of its own, so a server outage
// slows nothing but the sender. --once runs one cycle and drains what it can within a bound.
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { Collector } from "./collectors/types";
import { runCycle, type OutgoingReport } from "./cycle";
import type { EnforceConfig } from "./config";
import { DeltaTracker } from "./delta";
import { Enforcement } from "./enforce/enforcement";
import type { Logger } from "./log";
import { Sender } from "./sender";
import { Spool } from "./spool";

export type RunConfig = {
  url?: string;
  hostname: string;
  segment?: string;
  intervalSeconds: number;
  snapshotMinutes: number;
  spool: { dir: string; maxBytes: number };
  send: { timeoutSeconds: number; maxBackoffSeconds: number; authRetrySeconds: number };
  enforce?: EnforceConfig;
  /** Where enforcement reads and writes USB devices: the USB collector's sysfsRoot. */
  collectors?: { usb?: { sysfsRoot: string } };
};

export type RunOptions = {
  config: RunConfig;
  collectors: Collector[];
  token?: string;
  once: boolean;
  /** One cycle, printed, nothing spooled, sent or remembered. */
  dryRun: boolean;
  log: Logger;
  signal: AbortSignal;
  /** Where --dry-run prints the report (stdout). */
  print: (text: string) => Promise<void>;
};

/** How long --once keeps trying to deliver before it leaves the rest in the spool for the next run. */
const ONCE_DRAIN_MS = 60_000;

export async function runAgent(options: RunOptions): Promise<number> {
  const { config, collectors, log } = options;
  await startCollectors(collectors, log);
  try {
    if (options.dryRun) return await dryRun(options);
    const spool = await Spool.open(config.spool.dir, config.spool.maxBytes, log);
    const tracker = await DeltaTracker.open(join(spool.dir, "delta-state.json"), config.snapshotMinutes);
    const sender = new Sender({
      spool,
      url: config.url!,
      token: options.token!,
      log,
      timeoutMs: config.send.timeoutSeconds * 1000,
      maxBackoffMs: config.send.maxBackoffSeconds * 1000,
      authRetryMs: config.send.authRetrySeconds * 1000,
    });
    const enforcement = config.enforce?.enabled ? await openEnforcement(options, spool.dir) : undefined;
    const cycle = () => cycleAndSpool(options, tracker, spool, enforcement);
    log.info("agent started", { url: config.url, hostname: config.hostname, collectors: collectors.map((c) => c.name), spool: spool.dir, once: options.once, enforce: enforcement ? config.enforce!.method : "off" });
    if (options.once) {
      await enforcement?.poll();
      return await once(cycle, sender, spool, options);
    }
    const enforcing = enforcement?.run(options.signal);
    await loop(cycle, sender, options);
    await enforcing;
    return 0;
  } finally {
    await stopCollectors(collectors, log);
  }
}

function openEnforcement(options: RunOptions, stateDir: string): Promise<Enforcement> {
  const { config } = options;
  return Enforcement.open({
    config: config.enforce!,
    sysfsRoot: config.collectors?.usb?.sysfsRoot ?? "/sys",
    url: config.url!,
    token: options.token!,
    hostname: config.hostname,
    stateDir,
    timeoutMs: config.send.timeoutSeconds * 1000,
    log: options.log,
  });
}

async function once(cycle: () => Promise<void>, sender: Sender, spool: Spool, options: RunOptions): Promise<number> {
  await cycle();
  const emptied = await sender.drainUntil(Date.now() + ONCE_DRAIN_MS, options.signal);
  if (!emptied) options.log.warn("not every report could be delivered; they stay in the spool for the next run", await spool.health());
  return 0;
}

/** Cycles at a steady cadence (a slow cycle does not push the next ones later), the sender beside them. */
async function loop(cycle: () => Promise<void>, sender: Sender, options: RunOptions): Promise<void> {
  const sending = sender.run(options.signal);
  const intervalMs = options.config.intervalSeconds * 1000;
  let next = Date.now();
  while (!options.signal.aborted) {
    await cycle();
    next += intervalMs;
    if (next < Date.now()) next = Date.now() + intervalMs; // fell behind (a suspended machine): do not catch up in a burst
    await delay(next - Date.now(), undefined, { signal: options.signal }).catch(() => {});
  }
  await sending;
  options.log.info("agent stopped");
}

async function cycleAndSpool(options: RunOptions, tracker: DeltaTracker, spool: Spool, enforcement?: Enforcement): Promise<void> {
  try {
    const extraHealth = enforcement ? () => [enforcement.health()] : undefined;
    const { reports, plan, health, notes } = await runCycle({ ...cycleOptions(options, tracker, () => spool.health()), extraHealth });
    for (const note of notes) options.log.info(note);
    for (const report of reports) await spool.add(report);
    // Remembered only once spooled: a crash before this resends the same content, never skips it.
    await tracker.commit(plan);
    logCycle(options.log, reports, health.filter((h) => !h.ok).length);
  } catch (error) {
    options.log.error("cycle failed; trying again next interval", { error });
  }
  // After each USB collection: a device plugged in since the last pass is dealt with now.
  await enforcement?.afterCollection();
}

function cycleOptions(options: RunOptions, tracker: DeltaTracker, spoolHealth?: Parameters<typeof runCycle>[0]["spoolHealth"]) {
  const { config } = options;
  // A collector gets most of the interval, never all of it: the next cycle must be able to start.
  const collectTimeoutMs = Math.max(2000, Math.floor(config.intervalSeconds * 900));
  return { collectors: options.collectors, tracker, hostname: config.hostname, segment: config.segment, collectTimeoutMs, spoolHealth };
}

async function dryRun(options: RunOptions): Promise<number> {
  const tracker = await DeltaTracker.open(null, options.config.snapshotMinutes);
  const { reports } = await runCycle(cycleOptions(options, tracker));
  await options.print(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
  return 0;
}

function logCycle(log: Logger, reports: OutgoingReport[], failing: number) {
  const observations = reports.reduce((sum, r) => sum + r.observations.length, 0);
  log.info("report spooled", { mode: reports[0]?.mode, reports: reports.length, observations, collectorsWithProblems: failing });
}

async function startCollectors(collectors: Collector[], log: Logger) {
  for (const collector of collectors) {
    try {
      await collector.start?.();
    } catch (error) {
      // It stays in the list: its collect() reports what it cannot do, in every report's health.
      log.error("collector did not start", { collector: collector.name, error });
    }
  }
}

async function stopCollectors(collectors: Collector[], log: Logger) {
  for (const collector of collectors) {
    try {
      await collector.stop?.();
    } catch (error) {
      log.warn("collector did not stop cleanly", { collector: collector.name, error });
    }
  }
}
