import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// Playwright cannot download its own browser here: use CHROMIUM_PATH when set, else Debian's
// /usr/bin/chromium (apt-get install chromium), else a Playwright-installed browser if present.
function chromiumPath(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return configured;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

const port = Number(process.env.E2E_PORT || 3210);
export const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: process.env.E2E_OUTPUT_DIR || "test-results",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // A fresh database for every run (SQLite, or a scratch database on the PostgreSQL server
    // DATABASE_URL names), users made with the CLI, then the same `npm start` path as production.
    command: "npx tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    // The production build comes first: on a busy 2-core machine it has taken over 4 minutes.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
  },
});
