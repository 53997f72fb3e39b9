// The house rules in eslint.config.mjs, checked the way `npm run lint` applies them: imports the
// layout forbids fail with the expected rule, imports it allows pass clean, and a real two-file
// cycle (one side through the `@/` alias) fails import/no-cycle.
//
// The boundary probes are virtual files (lintText) at paths that do not exist; import/no-cycle
// reads the linted file's own graph from disk and cannot run on them, so it is off for the probes
// only. The cycle is written to a temporary folder that the lint config ignores (this instance
// lints it with ignore: false), so a concurrent `npm run lint` never sees it.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PROBE = "boundary-probe";

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({
    cwd: root,
    ignore: false,
    overrideConfig: { files: [`**/${PROBE}.*`], rules: { "import/no-cycle": "off" } },
  });
  // The first lint loads the config, its plugins and the TypeScript parser: seconds on a busy
  // machine. Paid here, so no probe below spends its own 5 s on it (CI saw the first one time out).
  await eslint.lintText("export {};\n", { filePath: path.join(root, `lib/domain/${PROBE}.ts`) });
}, 60_000);

/** `@/…` specifier of one module that exists in a folder today (the tree is still moving). */
function someModule(folder: string): string {
  const file = readdirSync(path.join(root, folder), { withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.(test|d)\.tsx?$/.test(e.name))
    .map((e) => e.name)
    .sort()[0];
  if (!file) throw new Error(`no module in ${folder} to import`);
  return `@/${folder}/${file.replace(/\.tsx?$/, "")}`;
}

/** Rule ids ESLint reports for `code` at `filePath` (parse errors would show as a null rule id). */
async function ruleIds(filePath: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result.messages.map((m) => m.ruleId);
}

const importing = (specifier: string) => `import * as probed from "${specifier}";\nexport const probe = probed;\n`;

const PATHS = "import/no-restricted-paths";
const PACKAGES = "no-restricted-imports";

describe("forbidden imports fail", () => {
  it.each([
    ["domain → db (alias)", `lib/domain/${PROBE}.ts`, () => "@/lib/db/client", PATHS],
    ["domain → db (relative)", `lib/domain/identity/${PROBE}.ts`, () => "../../db/client", PATHS],
    ["domain → commands", `lib/domain/${PROBE}.ts`, () => someModule("lib/commands"), PATHS],
    ["domain → queries", `lib/domain/${PROBE}.ts`, () => someModule("lib/queries"), PATHS],
    ["domain → node:fs", `lib/domain/${PROBE}.ts`, () => "node:fs", PACKAGES],
    ["domain → next", `lib/domain/${PROBE}.ts`, () => "next/headers", PACKAGES],
    ["domain → @prisma/client", `lib/domain/${PROBE}.ts`, () => "@prisma/client", PACKAGES],
    ["queries → commands", `lib/queries/${PROBE}.ts`, () => someModule("lib/commands"), PATHS],
    ["queries → jobs", `lib/queries/${PROBE}.ts`, () => someModule("lib/jobs"), PATHS],
    ["queries → ingest (relative)", `lib/queries/${PROBE}.ts`, () => someModule("lib/ingest").replace("@/lib/", "../"), PATHS],
    ["db → queries", `lib/db/${PROBE}.ts`, () => someModule("lib/queries"), PATHS],
    ["db → ops", `lib/db/${PROBE}.ts`, () => someModule("lib/ops"), PATHS],
    ["components → app", `components/${PROBE}.tsx`, () => "@/app/layout", PATHS],
    ["lib → components", `lib/web/${PROBE}.ts`, () => someModule("components/ui"), PATHS],
    ["app → lib/tools", `app/${PROBE}.ts`, () => someModule("lib/tools/simulator"), PATHS],
    ["commands → generated client", `lib/commands/${PROBE}.ts`, () => "@/lib/generated/sqlite/client", PATHS],
    ["web → jobs", `lib/web/${PROBE}.ts`, () => someModule("lib/jobs"), PATHS],
    ["ingest → commands", `lib/ingest/${PROBE}.ts`, () => someModule("lib/commands"), PATHS],
    ["jobs → ingest", `lib/jobs/${PROBE}.ts`, () => someModule("lib/ingest"), PATHS],
    ["commands → queries", `lib/commands/${PROBE}.ts`, () => someModule("lib/queries"), PATHS],
    ["web → commands", `lib/web/${PROBE}.ts`, () => someModule("lib/commands"), PATHS],
    ["jobs → commands", `lib/jobs/${PROBE}.ts`, () => someModule("lib/commands"), PATHS],
  ])("%s", async (_name, filePath, specifier, rule) => {
    expect(await ruleIds(filePath, importing(specifier()))).toContain(rule);
  });
});

describe("allowed imports pass", () => {
  it.each([
    ["domain → domain (relative)", `lib/domain/risk/${PROBE}.ts`, () => "./risk-model"],
    ["domain → domain (alias)", `lib/domain/${PROBE}.ts`, () => "@/lib/domain/identity/mac"],
    ["domain → zod", `lib/domain/${PROBE}.ts`, () => "zod"],
    ["domain → node:crypto", `lib/domain/${PROBE}.ts`, () => "node:crypto"],
    ["domain test → node:fs", `lib/domain/${PROBE}.test.ts`, () => "node:fs"],
    ["queries → domain", `lib/queries/${PROBE}.ts`, () => "@/lib/domain/risk/risk-model"],
    ["queries → db", `lib/queries/${PROBE}.ts`, () => "../db/client"],
    ["commands → db", `lib/commands/${PROBE}.ts`, () => "@/lib/db/client"],
    ["db → generated client", `lib/db/${PROBE}.ts`, () => "../generated/sqlite/client"],
    ["app → components", `app/${PROBE}.tsx`, () => someModule("components/ui")],
    ["app → queries", `app/${PROBE}.ts`, () => someModule("lib/queries")],
    ["scripts → lib/tools", `scripts/${PROBE}.ts`, () => someModule("lib/tools/simulator")],
  ])("%s", async (_name, filePath, specifier) => {
    expect(await ruleIds(filePath, importing(specifier()))).toEqual([]);
  });
});

describe("import cycles fail", () => {
  // Under scripts/lint/cycle-probe-*, which eslint.config.mjs ignores.
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(root, "scripts", "lint", "cycle-probe-"));
    const alias = `@/${path.relative(root, dir).split(path.sep).join("/")}`;
    writeFileSync(path.join(dir, "a.ts"), `import { b } from "${alias}/b";\nexport const a = (): number => b() + 1;\n`);
    writeFileSync(path.join(dir, "b.ts"), `import { a } from "./a";\nexport const b = (): number => (Math.random() > 2 ? a() : 0);\n`);
    writeFileSync(path.join(dir, "c.ts"), `import { b } from "./b";\nexport const c = (): number => b();\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports both ends of a cycle, whichever way they import", async () => {
    const results = await eslint.lintFiles(["a.ts", "b.ts", "c.ts"].map((f) => path.join(dir, f)));
    const byFile = Object.fromEntries(results.map((r) => [path.basename(r.filePath), r.messages.map((m) => m.ruleId)]));
    expect(byFile).toEqual({ "a.ts": ["import/no-cycle"], "b.ts": ["import/no-cycle"], "c.ts": [] });
  });
});
