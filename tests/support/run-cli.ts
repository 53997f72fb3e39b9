// A project CLI run the way an operator runs it (npx tsx scripts/…), asynchronously, so a fixture
// server answering from the test's own process keeps serving while the command runs.
import { spawn } from "node:child_process";

export type CliResult = { status: number | null; stdout: string; stderr: string };

/** Runs `scripts/<script>` with `args`; killed after `timeoutMs` (then status is null). */
export function runCli(script: string, args: string[], env: Record<string, string> = {}, timeoutMs = 90_000): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["--no-install", "tsx", `scripts/${script}`, ...args], { env: { ...process.env, BACKGROUND_JOBS: "off", ...env } });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
