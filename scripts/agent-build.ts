// Bundles the agent into one file that runs with plain Node 20+ on a sensor with nothing else
// installed: dist/iomt-agent.mjs, every dependency (zod, net-snmp) inside, only node built-ins
// outside. net-snmp is CommonJS and calls require(); an ESM bundle has no require, so the banner
// makes one with createRequire (used only for node built-ins, the rest is already bundled).
import { chmod, stat } from "node:fs/promises";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
// --out: somewhere else than dist/ (the end-to-end test bundles into its own folder).
const { values } = parseArgs({ options: { out: { type: "string" } } });
const outfile = values.out ?? `${root}dist/iomt-agent.mjs`;

const banner = [
  "#!/usr/bin/env node",
  'import { createRequire as __iomtCreateRequire } from "node:module";',
  "const require = __iomtCreateRequire(import.meta.url);",
].join("\n");

const result = await build({
  entryPoints: [`${root}agent/main.ts`],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  banner: { js: banner },
  // Only Node's own modules stay outside the bundle; a package missing here fails the build, not the sensor.
  external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
  legalComments: "eof",
  sourcemap: false,
  minify: false,
  metafile: true,
  logLevel: "warning",
});

await chmod(outfile, 0o755);
const inputs = Object.keys(result.metafile.inputs);
const packages = [...new Set(inputs.filter((i) => i.includes("node_modules/")).map((i) => i.split("node_modules/").pop()!.split("/")[0]))];
for (const forbidden of ["next", "@prisma", "server-only", "react"]) {
  if (packages.some((p) => p === forbidden || p.startsWith(`${forbidden}/`))) throw new Error(`the agent bundle must not contain ${forbidden}`);
}
const { size } = await stat(outfile);
console.log(`${outfile}: ${(size / 1024).toFixed(0)} KiB (${inputs.length} modules; packages: ${packages.sort().join(", ")})`);
