// What every production server of this app is started with, by `npm start` and by the benchmarks
// alike: the preloads that append each connection's peer address to X-Forwarded-For and bound the
// heap's growth (see scripts/peer-address.mjs and scripts/server-heap.mjs for why; how much, from
// SERVER_HEAP_GROWTH_PERCENT), and at most two malloc arenas (serverEnv).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { wholeNumberSetting } from "../../lib/db/config";

const require = createRequire(import.meta.url);
const HOOKS = ["../peer-address.mjs", "../server-heap.mjs"];

/** NODE_OPTIONS for the server: the given options, then one --import per preload. */
function serverNodeOptions(given: string): string {
  return [given, ...HOOKS.map((hook) => `--import ${JSON.stringify(pathToFileURL(require.resolve(hook)).href)}`)].join(" ").trim();
}

/**
 * glibc's malloc gives threads arenas of their own, up to eight per core, and what is freed in one
 * mostly stays with the process. The server's JavaScript and SQLite run on one thread; V8's
 * collector and libuv's pool are the other threads. Measured by bench:views at 1,000,000 devices
 * on SQLite, Next's server after the run: 439–451 MiB with glibc's default, 400–403 MiB with two
 * arenas (389 with one), page times alike. An operator's own MALLOC_ARENA_MAX wins.
 */
const MALLOC_ARENAS = "2";

/**
 * How far V8's old generation may grow past what survived its last full collection before it
 * collects again (scripts/server-heap.mjs). A trade between memory and throughput, measured by
 * bench:ingest (2026-12-07, 8,000 devices, 4 agents): at 20 the server held 334–381 MiB and took
 * 6,828–7,272 observations a second on PostgreSQL, 8,131–8,328 on SQLite; at 50, 366–431 MiB and
 * 8,803 / 8,870–9,247; at 100, 444 MiB and 9,207 (PostgreSQL); with V8's own growth, 643 MiB and
 * 8,547–9,952. The default keeps the memory goal at 1,000,000 devices; a server with memory to
 * spare and many agents may take more.
 */
const HEAP_GROWTH_PERCENT = 20;

/** SERVER_HEAP_GROWTH_PERCENT, checked: a whole number from 10 to 300 (20 when unset). */
export function heapGrowthPercent(env: Record<string, string | undefined>): number {
  return wholeNumberSetting(env, "SERVER_HEAP_GROWTH_PERCENT", HEAP_GROWTH_PERCENT, 300, 10);
}

/** The environment the server is started with, over the given one: NODE_OPTIONS, MALLOC_ARENA_MAX and the heap's growth. */
export function serverEnv<Env extends Record<string, string | undefined>>(env: Env): Env {
  return {
    ...env,
    NODE_OPTIONS: serverNodeOptions(env.NODE_OPTIONS ?? ""),
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || MALLOC_ARENAS,
    SERVER_HEAP_GROWTH_PERCENT: String(heapGrowthPercent(env)),
  };
}
