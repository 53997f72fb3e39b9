// What the manufacturer says, where a clinical engineer reads it: the device page of a Vue PACS
// that ICSMA-21-187-01 names. At 12.2.1.0 each match says what to do (update to 12.2.8.0, the
// vendor's other fixes with their links); at 12.2.8.410 the 12 CVEs Philips' fix covers are listed
// as closed by the manufacturer, with why, and the 4 it does not fix stay.
import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { enrolAndReport, importFeedFiles, signInOk } from "./helpers";
import { BUNDLED_FEEDS_DIR } from "../lib/reference/bundled-feeds";

const ADVISORY = resolve(BUNDLED_FEEDS_DIR, "csaf", "icsma-21-187-01.json");
const pacs = (n: number, firmwareVersion: string) => ({ mac: `00:1f:a0:e2:e8:0${n}`, hostname: `VUEPACS-E2E-${n}`, vendor: "Philips", model: "Vue PACS", firmwareVersion });

async function devicePage(page: Page, hostname: string) {
  // The background refresh matches new devices within seconds.
  await expect(async () => {
    await page.goto(`/inventory?q=${hostname}`);
    await page.getByTestId("inventory-table").getByRole("link", { name: hostname, exact: true }).click();
    await expect(page.getByTestId("device-vulnerabilities")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000, intervals: [1_000, 2_000] });
}

test("the device page says what the vendor says to do, and which matches the vendor closed", async ({ page }) => {
  await signInOk(page, "admin");
  await importFeedFiles(page, [ADVISORY]);
  const older = pacs(1, "12.2.1.0");
  const current = pacs(2, "12.2.8.410");
  await enrolAndReport(page, { name: `sensor-vendor-${Date.now()}` }, {
    reportId: `vendor-${Date.now()}`,
    hostname: "sensor-vendor",
    observations: [older, current].map((claimed) => ({ channel: "ethernet", claimed, network: { segment: "RADIOLOGY-30" } })),
  });

  await devicePage(page, older.hostname);
  const ajp = page.getByTestId("device-vulnerabilities").locator("tr", { hasText: "CVE-2020-1938" });
  await expect(ajp.getByTestId("what-to-do")).toContainText("Update to 12.2.8.0 or later (vendor fix)");
  await expect(ajp.getByTestId("what-to-do").getByRole("link").first()).toHaveAttribute("href", /^https:\/\//);
  await expect(page.getByTestId("closed-by-manufacturer")).toHaveCount(0);

  await devicePage(page, current.hostname);
  const table = page.getByTestId("device-vulnerabilities");
  await expect(table.locator("tr", { hasText: "CVE-2020-1938" })).toHaveCount(0);
  await expect(table.locator("tr", { hasText: "CVE-2021-33024" })).toHaveCount(1);
  const closed = page.getByTestId("closed-by-manufacturer");
  await expect(closed).toContainText("Closed by the manufacturer (12)");
  await closed.locator("summary").click();
  await expect(closed).toContainText("CVE-2020-1938");
  await expect(closed).toContainText("fixed in 12.2.8.0: version 12.2.8.410 is at or past it");
});
