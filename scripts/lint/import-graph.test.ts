// Two house rules ESLint cannot check: no import cycle even through type-only imports, and no two
// modules of lib/ with the same file name in different places (a name says where to look).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cycles, importGraph } from "./import-graph";

const root = fileURLToPath(new URL("../..", import.meta.url));
const TEST_FILE = /\.(test|spec)\.tsx?$/;

/** Tracked and new (not ignored) source files, as they are in the working tree. */
function sourceFiles(...folders: string[]): string[] {
  const listed = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "--", ...folders.map((f) => `${f}/**/*.ts`), ...folders.map((f) => `${f}/**/*.tsx`)], { cwd: root, encoding: "utf8" });
  // Deleted but not yet committed files are still listed: only what is on disk counts.
  return listed.split("\n").filter((f) => f && !f.startsWith("lib/generated/") && !TEST_FILE.test(f) && existsSync(path.join(root, f)));
}

describe("the import graph", () => {
  it("finds a cycle, whichever way round and through types (the check can fail)", () => {
    const graph = new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]], ["d.ts", ["a.ts"]]]);
    expect(cycles(graph)).toEqual([["a.ts", "b.ts", "c.ts"]]);
    expect(cycles(new Map([["a.ts", ["b.ts"]], ["b.ts", []]]))).toEqual([]);
  });

  it("has no cycle in app/, components/, lib/ or scripts/, type imports included", () => {
    const graph = importGraph(root, sourceFiles("app", "components", "lib", "scripts"));
    expect(graph.size).toBeGreaterThan(200);
    expect(cycles(graph)).toEqual([]);
  });

  it("gives no two modules of lib/ the same file name", () => {
    const byName = new Map<string, string[]>();
    for (const file of sourceFiles("lib")) byName.set(path.basename(file), [...(byName.get(path.basename(file)) ?? []), file]);
    expect([...byName.values()].filter((files) => files.length > 1)).toEqual([]);
  });
});
