// The command line as a person meets it: exit codes, messages naming the field, and --dry-run.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportSchema } from "../lib/domain/protocol/agent-report";
import { AGENT_VERSION } from "./version";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "agent-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const NOTHING_ENABLED = { usb: { enabled: false }, typingRate: { enabled: false }, neighbours: { enabled: false }, snmp: { enabled: false }, capture: { enabled: false } };

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "agent/main.ts", ...args], {
    cwd: join(import.meta.dirname, ".."),
    env: { ...process.env, IOMT_AGENT_TOKEN: "", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function config(value: unknown) {
  const path = join(dir, `agent-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, JSON.stringify(value));
  return path;
}

describe("iomt-agent command line", { timeout: 60_000 }, () => {
  it("--help and --version exit 0", () => {
    expect(run(["--help"])).toMatchObject({ code: 0, stdout: expect.stringContaining("--dry-run") });
    expect(run(["--version"])).toMatchObject({ code: 0, stdout: `${AGENT_VERSION}\n` });
  });

  it("an unknown flag, a bad config, a missing url or token exit 2 with a message naming the field", async () => {
    expect(run(["--bogus"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--bogus") });
    const bad = await config({ url: "https://x.example.org", intervalSeconds: 1 });
    expect(run(["--config", bad])).toMatchObject({ code: 2, stderr: expect.stringContaining("intervalSeconds: Too small") });
    const noUrl = await config({ collectors: NOTHING_ENABLED });
    expect(run(["--config", noUrl, "--once"], { IOMT_AGENT_TOKEN: "t0ken-value" })).toMatchObject({ code: 2, stderr: expect.stringContaining("url: required") });
    expect(run(["--config", noUrl, "--once", "--url", "http://127.0.0.1:9"])).toMatchObject({ code: 2, stderr: expect.stringContaining("token: none given") });
  });

  it("--once --dry-run prints a snapshot the server's schema accepts, and spools nothing", async () => {
    const spoolDir = join(dir, "dry-spool");
    const path = await config({ hostname: "sensor-dry", spool: { dir: spoolDir }, collectors: NOTHING_ENABLED });
    const { code, stdout } = run(["--config", path, "--once", "--dry-run"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report).toMatchObject({ mode: "snapshot", observations: [], agent: { version: AGENT_VERSION, hostname: "sensor-dry", collectors: [] } });
    await expect(readdir(spoolDir)).rejects.toThrow(/ENOENT/);
  });

  it("--once delivers the report to the server (gzip, bearer token from the environment) and leaves an empty spool", async () => {
    const bodies: { reportId: string; authorization?: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        bodies.push({ reportId: JSON.parse(gunzipSync(Buffer.concat(chunks)).toString()).reportId, authorization: req.headers.authorization });
        res.writeHead(202, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const spoolDir = join(dir, "once-spool");
    const path = await config({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spool: { dir: spoolDir }, collectors: NOTHING_ENABLED });
    // spawn, not spawnSync: the server that answers lives in this process
    const child = spawn(process.execPath, ["--import", "tsx", "agent/main.ts", "--config", path, "--once"], {
      cwd: join(import.meta.dirname, ".."),
      env: { ...process.env, IOMT_AGENT_TOKEN: "env-token-0123" },
      stdio: "ignore",
    });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    server.close();
    expect(code).toBe(0);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ authorization: "Bearer env-token-0123", reportId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect((await readdir(spoolDir)).filter((n) => n.endsWith(".json.gz"))).toEqual([]);
  });
});
