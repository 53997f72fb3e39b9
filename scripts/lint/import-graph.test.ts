// Two house rules ESLint cannot check: no import cycle even through type-only imports, and no two
// modules of lib/ with the same file name in different places (a name says where to look).
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cycles, importGraph } from "./import-graph";

const root = fileURLToPath(new URL("../..", import.meta.url));
const TEST_FILE = /\.(test|spec)\.tsx?$/;
// Not sources: generated clients, and the throw-away folders the boundary tests write.
const SKIP_DIR = (relative: string) => relative === "lib/generated" || /(^|\/)(node_modules|\.[^/]*|cycle-probe-[^/]*)$/.test(relative);

/**
 * The source files under the folders, as they are on disk: walked rather than asked of git, so
 * the check holds in a download without git history as in a clone.
 */
function sourceFiles(...folders: string[]): string[] {
  const walk = (relative: string): string[] =>
    readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) return SKIP_DIR(child) ? [] : walk(child);
      return /\.tsx?$/.test(entry.name) && !TEST_FILE.test(entry.name) ? [child] : [];
    });
  return folders.flatMap(walk).sort();
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
