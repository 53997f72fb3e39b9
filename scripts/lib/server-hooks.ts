// What every production server of this app is started with, by `npm start` and by the benchmarks
// alike: the preloads that append each connection's peer address to X-Forwarded-For and bound the
// heap's growth (see scripts/peer-address.mjs and scripts/server-heap.mjs for why).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const HOOKS = ["../peer-address.mjs", "../server-heap.mjs"];

/** NODE_OPTIONS for the server: the given options, then one --import per preload. */
export function serverNodeOptions(given = process.env.NODE_OPTIONS ?? ""): string {
  return [given, ...HOOKS.map((hook) => `--import ${JSON.stringify(pathToFileURL(require.resolve(hook)).href)}`)].join(" ").trim();
}
