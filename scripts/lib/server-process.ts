// A production server as a child process, for the scripts that prove what it survives
// (durability, two instances, soak): started through `scripts/start.ts` like `npm start`
// (migrations, secret, build if stale), signalled as a whole process tree, waited for.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The process and all its descendants (the start script, Next's CLI, and the server it forks). */
function tree(pid: number): number[] {
  const children = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).stdout.split("\n").map(Number).filter((n) => n > 0);
  return [pid, ...children.flatMap(tree)];
}

export type Server = { port: number; base: string; child: ChildProcess; signal(signal: NodeJS.Signals): void; exited(): Promise<void> };

/** Starts a server on `port` against `databaseUrl`; resolves once /api/ready answers 200. */
export async function startServer(port: number, databaseUrl: string, env: Record<string, string> = {}): Promise<Server> {
  const base = `http://127.0.0.1:${port}`;
  await portFree(base);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NEXTAUTH_SECRET: "", ADMIN_PASSWORD: "server-process-admin-password", LOG_LEVEL: "error", ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const server: Server = {
    port,
    base,
    child,
    // Every process of the server, collected before signalling (a killed parent orphans its children).
    signal: (signal) => {
      if (!child.pid) return;
      for (const pid of tree(child.pid).reverse()) {
        try {
          process.kill(pid, signal);
        } catch {
          // already gone
        }
      }
    },
    exited: async () => {
      await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
      await portFree(base);
    },
  };
  await waitReady(base, child);
  return server;
}

async function waitReady(base: string, child: ChildProcess, deadlineMs = 300_000) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${base}/api/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`the server on ${base} did not become ready`);
}

/** Waits until nothing answers on the port (a previous server has let it go). */
export async function portFree(base: string, deadlineMs = 30_000) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      await fetch(`${base}/api/health`);
    } catch {
      return;
    }
    await sleep(200);
  }
  throw new Error(`something still answers on ${base}`);
}

/** The server's process id (Next's own server process), for memory readings. */
export function serverPids(server: Server): number[] {
  return server.child.pid ? tree(server.child.pid) : [];
}
