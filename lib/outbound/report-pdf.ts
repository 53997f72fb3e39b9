// The scheduled report's PDF: its HTML (lib/outbound/report-html.ts) printed by a headless
// Chromium through playwright-core. The page is set from a string with JavaScript off and every
// request refused, so nothing is fetched and no session is needed. The browser is found as the
// tests find it: CHROMIUM_PATH, else Debian's /usr/bin/chromium.
import { existsSync } from "node:fs";

export class NoBrowserError extends Error {}

export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new NoBrowserError(`CHROMIUM_PATH is set to ${configured}, but no browser is there.`);
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  throw new NoBrowserError("No Chromium browser was found to print the report: install one (apt-get install chromium) or set CHROMIUM_PATH.");
}

export async function renderPdf(html: string): Promise<Buffer> {
  // Loaded when a report is printed, not with the server: its two bundles are 7 MB of source
  // that every server process otherwise kept resident (about 14 MB as heap strings, plus code).
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox"] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    return await page.pdf({ format: "A4", printBackground: true, margin: { top: "14mm", bottom: "14mm", left: "12mm", right: "12mm" } });
  } finally {
    await browser.close();
  }
}
