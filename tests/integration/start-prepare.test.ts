// npm start prepares in a process of its own (scripts/start-prepare.ts) and keeps only a small
// launcher beside the server: the secret comes back on descriptor 3, a refusal stops the start.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli";

type Prepared = { status: number | null; stdout: string; secret: string };

function prepare(env: Record<string, string>): Promise<Prepared> {
  // The generated secret and password, not ones from the environment the tests run in.
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.NEXTAUTH_SECRET;
  delete inherited.ADMIN_PASSWORD;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start-prepare.ts"], { env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "inherit", "pipe"] });
    let stdout = "", secret = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stdio[3]!.on("data", (d) => (secret += d));
    child.on("close", (status) => resolve({ status, stdout, secret }));
  });
}

const dir = mkdtempSync(path.join(os.tmpdir(), "iomt-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm start's preparation step", () => {
  it("creates the first administrator once and hands back the secret it keeps in the file", async () => {
    const env = { SESSION_SECRET_FILE: path.join(dir, "session-secret") };
    const first = await prepare(env);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/First administrator created/);
    expect(first.secret).toBe(readFileSync(env.SESSION_SECRET_FILE, "utf8").trim());
    const again = await prepare(env);
    expect(again.status).toBe(0);
    expect(again.secret).toBe(first.secret);
    expect(again.stdout).not.toMatch(/First administrator created/);
  }, 60_000);

  it("stops npm start, before any build or server, on a malformed TRUSTED_PROXIES", async () => {
    const result = await runCli("start.ts", [], { TRUSTED_PROXIES: "not-an-address", SESSION_SECRET_FILE: path.join(dir, "refused"), PORT: "1" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot start: .*TRUSTED_PROXIES/);
    expect(result.stdout).not.toMatch(/building the dashboard/);
  }, 60_000);

  it("stops npm start, before any build or server, on a heap growth out of range", async () => {
    const result = await runCli("start.ts", [], { SERVER_HEAP_GROWTH_PERCENT: "5", SESSION_SECRET_FILE: path.join(dir, "refused-heap"), PORT: "1" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot start: SERVER_HEAP_GROWTH_PERCENT must be a whole number from 10 to 300, not "5"/);
    expect(result.stdout).not.toMatch(/building the dashboard/);
  }, 60_000);
});
