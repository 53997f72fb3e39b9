// Decides whether `next build` must run: a stamp of every source file's path, size and mtime,
// plus the lockfile, written next to the build output.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "types", "proxy.ts", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "prisma/schema.prisma"];
const DIST = process.env.NEXT_DIST_DIR || ".next";
const SKIP = new Set(["node_modules", ".next", DIST, "generated"]);
const STAMP = path.join(DIST, "iomt-build-stamp");

function walk(entry: string, out: string[]) {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isFile()) {
    out.push(`${entry}:${stat.size}:${stat.mtimeMs}`);
    return;
  }
  for (const child of readdirSync(entry).sort()) if (!SKIP.has(child)) walk(path.join(entry, child), out);
}

export function sourceStamp(): string {
  const lines: string[] = [];
  for (const source of SOURCES) walk(source, lines);
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

export function buildIsCurrent(): boolean {
  return existsSync(path.join(DIST, "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === sourceStamp();
}

export function writeBuildStamp() {
  writeFileSync(STAMP, sourceStamp());
}
