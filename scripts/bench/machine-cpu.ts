// Where the machine's CPU went during a benchmark's window (Linux /proc): how many of its cores
// were busy, and whose time it was: the Next.js server's JavaScript thread, its other threads,
// PostgreSQL's processes, this benchmark process (the simulated agents and the page requests),
// and everything else. On the 2-core development machine the benches' agents, the server and the
// database share the cores, so a throughput or a page time is only read rightly beside this.
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { serverCpuMs, TICK_MS } from "./server";

/** `server`: the server's CPU so far (serverCpuMs), null without one or once it is gone. */
export type CpuReading = { at: number; busyMs: number; server: { thread: number; process: number } | null; database: number; bench: number };
export type CpuShare = {
  /** Cores busy on average (of `cores`): 2.0 on this machine is saturated. */
  coresBusy: number;
  cores: number;
  /** Each party's CPU time over the window, in cores (CPU-seconds per second). */
  serverThread: number;
  serverOtherThreads: number;
  database: number;
  bench: number;
  other: number;
};

/** The machine's busy time since boot, ms: every core's time but idle and waiting for the disk. */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user)
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}

/**
 * PostgreSQL's CPU so far, ms: every live process named postgres, and the exited children its
 * postmaster has reaped (a backend that ended within the window still counts). 0 on SQLite, which
 * runs inside the server.
 */
function postgresCpuMs(): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== "postgres") continue;
      // After the command name: utime, stime, cutime, cstime are the 12th to 15th fields.
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
      ticks += f[11] + f[12] + f[13] + f[14];
    } catch {
      // exited
    }
  }
  return ticks * TICK_MS;
}

/** A reading now; without a server (bench:risk runs the refresh in its own process) the server's parts count 0. */
export function cpuReading(serverPid?: number): CpuReading {
  const own = process.cpuUsage();
  return { at: performance.now(), busyMs: machineBusyMs(), server: serverPid ? serverCpuMs(serverPid) : null, database: postgresCpuMs(), bench: (own.user + own.system) / 1000 };
}

/** The window between two readings, each party's share in cores. */
export function cpuShare(before: CpuReading, after: CpuReading): CpuShare {
  const window = after.at - before.at;
  const cores = (ms: number) => Number((Math.max(0, ms) / window).toFixed(2));
  const serverThread = (after.server?.thread ?? 0) - (before.server?.thread ?? 0);
  const serverProcess = (after.server?.process ?? 0) - (before.server?.process ?? 0);
  const database = after.database - before.database;
  const bench = after.bench - before.bench;
  const busy = after.busyMs - before.busyMs;
  return {
    coresBusy: cores(busy),
    cores: cpus().length,
    serverThread: cores(serverThread),
    serverOtherThreads: cores(serverProcess - serverThread),
    database: cores(database),
    bench: cores(bench),
    other: cores(busy - serverProcess - database - bench),
  };
}

/** One line for a person: "1.97 of 2 cores busy: server thread 0.98, …". */
export function describeCpu(share: CpuShare): string {
  return `${share.coresBusy} of ${share.cores} cores busy: the server's JavaScript thread ${share.serverThread}, its other threads ${share.serverOtherThreads}, PostgreSQL ${share.database}, this bench (agents, requests) ${share.bench}, the rest ${share.other}`;
}
