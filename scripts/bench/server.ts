// A production server of this app for benchmarks and durability runs, on a database of their
// own, with its resident memory measurable.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { buildIsCurrent, writeBuildStamp } from "../lib/build-stamp";
import { serverEnv } from "../lib/server-hooks";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");

export function ensureBuild() {
  if (buildIsCurrent()) return;
  const run = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  if (run.status !== 0) throw new Error("next build failed");
  writeBuildStamp();
}

export type Server = { url: string; process: ChildProcess; stop(): Promise<void> };

export async function startServer(port: number, env: Record<string, string>): Promise<Server> {
  // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of the server when it stops.
  const profile = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, nextBin, "start", "-p", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...serverEnv(process.env), NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_SECRET: "bench-secret-not-for-production", BACKGROUND_JOBS: "off", ...env },
  });
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function children(pid: number): number[] {
  try {
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return tasks ? tasks.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/** Resident memory of the server and any process it started, in MiB. */
export function rssMb(pid: number): number {
  return residentMb([pid, ...children(pid)]);
}

/** Resident memory of these processes together, in MiB (one that has exited counts nothing). */
export function residentMb(pids: number[]): number {
  let kb = 0;
  for (const p of pids) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      kb += match ? Number(match[1]) : 0;
    } catch {
      // exited
    }
  }
  return Math.round(kb / 1024);
}

/** The Next.js server among these processes (its title is "next-server (v…)"), or null. */
export function nextServerPid(pids: number[]): number | null {
  for (const p of pids) {
    try {
      if (readFileSync(`/proc/${p}/cmdline`, "utf8").startsWith("next-server")) return p;
    } catch {
      // exited
    }
  }
  return null;
}

/** Samples the resident memory of `pids()` together every second until stopped; returns the highest reading. */
export function sampleResidentPeak(pids: () => number[]): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, residentMb(pids()))), 1000);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, residentMb(pids()));
    },
  };
}

// Linux counts CPU time in clock ticks of 1/100 s (USER_HZ, `getconf CLK_TCK`).
export const TICK_MS = 10;

/** User and system CPU time from a /proc stat file, ms; null once the process is gone. */
function statCpuMs(file: string): number | null {
  try {
    // After the command name, which is in parentheses and may hold spaces, utime and stime are the 12th and 13th fields.
    const stat = readFileSync(file, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/**
 * The Next.js server's CPU time so far, ms: its JavaScript thread (the thread whose id is the
 * process's) and all its threads together (the collector's helpers, libuv's pool, SQLite's
 * checkpoint worker). The server's own cost, which the benchmark's agents on the same cores do
 * not blur the way they blur throughput.
 */
export function serverCpuMs(pid: number): { thread: number; process: number } | null {
  const server = nextServerPid([pid, ...children(pid)]) ?? pid;
  const thread = statCpuMs(`/proc/${server}/task/${server}/stat`);
  const all = statCpuMs(`/proc/${server}/stat`);
  return thread === null || all === null ? null : { thread, process: all };
}
