// Online backup of a PostgreSQL database with PostgreSQL's own tool: pg_dump takes one consistent
// snapshot (a repeatable-read transaction) while the dashboard keeps serving, in the custom format
// pg_restore reads. The copy is checked by listing its table of contents with pg_restore.
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { DatabaseConfig } from "./config";

export type PostgresBackupResult = { file: string; bytes: number; entries: number };

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "ENOENT" ? `${command} is not installed: install PostgreSQL's client tools (Debian: apt-get install postgresql-client), the server's major version or newer` : error.message)),
    );
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} failed: ${err.trim().split("\n")[0] || `exit code ${code}`}`))));
  });
}

// Prisma-style parameters (schema, connection_limit…) are not libpq's: pg_dump would refuse them.
const LIBPQ_PARAMS = new Set(["sslmode", "sslrootcert", "sslcert", "sslkey", "application_name", "connect_timeout", "options", "host", "port"]);
function libpqUrl(url: string): string {
  const u = new URL(url);
  for (const key of [...u.searchParams.keys()]) if (!LIBPQ_PARAMS.has(key)) u.searchParams.delete(key);
  return u.toString();
}

export async function backupPostgres(config: Extract<DatabaseConfig, { provider: "postgresql" }>, destination: string): Promise<PostgresBackupResult> {
  const target = path.resolve(destination);
  if (existsSync(target)) throw new Error(`${target} already exists; a backup never overwrites a file`);
  await mkdir(path.dirname(target), { recursive: true });
  await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${target}`, `--dbname=${libpqUrl(config.url)}`]);
  const contents = await run("pg_restore", ["--list", target]);
  const entries = contents.split("\n").filter((line) => line && !line.startsWith(";")).length;
  if (entries === 0) throw new Error("the backup failed its check: pg_restore lists nothing in it");
  return { file: target, bytes: statSync(target).size, entries };
}
