// What every production server of this app is started with, by `npm start` and by the benchmarks
// alike: the preloads that append each connection's peer address to X-Forwarded-For and bound the
// heap's growth (see scripts/peer-address.mjs and scripts/server-heap.mjs for why), and at most two
// malloc arenas (serverEnv).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

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

/** The environment the server is started with, over the given one: NODE_OPTIONS and MALLOC_ARENA_MAX. */
export function serverEnv<Env extends Record<string, string | undefined>>(env: Env): Env {
  return { ...env, NODE_OPTIONS: serverNodeOptions(env.NODE_OPTIONS ?? ""), MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || MALLOC_ARENAS };
}
