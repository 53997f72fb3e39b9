import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { enrolAndReport, importFeedFiles, signInOk } from "./helpers";
import { BUNDLED_FEEDS_DIR } from "../lib/reference/bundled-feeds";

// Names come from agents, and agents can be compromised: a device that calls itself
// `<script>…` must be shown as those characters on every view that names devices or agents,
// never run. Each payload sets window.__pwned if it ever executes.
const SCRIPT = "<script>window.__pwned=1</script>";
const IMG = `<img src=x onerror="window.__pwned=2">`;
const SVG = `<svg onload="window.__pwned=3"></svg>`;
const stamp = Date.now();
// Its own site: the estate-wide risk list and report rank what every earlier spec left, and CI saw
// the hostile PACS fall out of the report's ten riskiest.
const SITE = `Hostile Campus ${stamp}`;
const DATA = BUNDLED_FEEDS_DIR;
// Not the advisory or KEV file risk.spec.ts imports: that spec expects to import them first.
const FEEDS = [resolve(DATA, "csaf", "icsma-23-248-01.json")];

/** The advisory naming the PACS, so the hostile device is scored and ranked near the top. */
const importFeeds = (page: Page) => importFeedFiles(page, FEEDS);

async function expectInert(page: Page, url: string, texts: string[]) {
  await page.goto(url);
  for (const text of texts) await expect(page.getByText(text, { exact: false }).first(), `${url} shows ${text} as text`).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), `${url}: a payload ran`).toBeUndefined();
  expect(await page.locator("main img[src='x'], main svg[onload]").count(), `${url}: a payload became markup`).toBe(0);
}

/** A site's id, as the report's site list gives it. */
async function siteId(page: Page, name: string): Promise<string> {
  await page.goto("/reports");
  const option = page.getByRole("form", { name: "Choose the report's period and site" }).getByLabel("Site").locator("option", { hasText: name });
  return (await option.getAttribute("value"))!;
}

test("hostile device and agent names render as text on every view", async ({ page }) => {
  // A feed import, a report and eight views, two of them waiting for background passes: more than
  // the default 30 s on a busy machine (it timed out on /reports beside a benchmark).
  test.setTimeout(90_000);
  const dialogs: string[] = [];
  page.on("dialog", (d) => (dialogs.push(d.message()), void d.dismiss()));
  await signInOk(page, "admin");
  await importFeeds(page);
  await enrolAndReport(page, { name: `sensor-hostile-${stamp}`, site: SITE }, {
    reportId: `hostile-${stamp}`,
    hostname: SVG,
    observations: [
      // A vulnerable PACS server, so it is scored and appears on the risk and report views.
      {
        channel: "ethernet",
        claimed: { mac: "f8:bc:12:ee:00:01", hostname: SCRIPT, vendor: "Softneta", model: "MedDream PACS", firmwareVersion: "7.2.8.810", serialNumber: IMG },
        network: { segment: "RADIOLOGY-SERVERS" },
      },
      // A keyboard that also exposes mass storage: it lands in the unauthorized work queue.
      {
        channel: "usb",
        claimed: { usb: { vendorId: "046d", productId: "c31c", manufacturer: IMG, product: SCRIPT, serial: `HOSTILE-${stamp}` } },
        physical: { usb: { port: "1-1.4", speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }], keystrokeRateCps: 900 } },
      },
    ],
  });

  await expectInert(page, `/inventory?q=${encodeURIComponent("f8:bc:12:ee:00:01")}`, [SCRIPT]);
  await page.getByTestId("inventory-table").getByRole("link", { name: SCRIPT }).click();
  await expect(page.getByRole("heading", { name: SCRIPT })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.getByText(IMG).first()).toBeVisible();

  // The risk refresh runs in the background every few seconds.
  const site = await siteId(page, SITE);
  await expect(async () => await expectInert(page, `/risk?site=${site}`, [SCRIPT])).toPass({ timeout: 30_000 });
  await expectInert(page, "/unauthorized", [SCRIPT]);
  await expectInert(page, `/alerts`, [SCRIPT]);
  await expectInert(page, "/agents", [SVG]);
  await expect(async () => await expectInert(page, `/reports?site=${site}`, [SCRIPT])).toPass({ timeout: 30_000 });
  await expectInert(page, "/settings/audit", [`sensor-hostile-${stamp}`]);
  expect(dialogs).toEqual([]);
});
