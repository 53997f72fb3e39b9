// Possible matches, decided by a person: an advisory whose version range nobody can read
// (ICSMA-18-156-01, "Rev J-M | (X3/MX100 for Rev M only)") makes every one of its CVEs a possible
// match of a Philips IntelliVue MX monitor. An analyst dismisses one and confirms one from the
// review queue, then sees the device page say so.
import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { enrolAndReport, importFeedFiles, signInOk, walkLastPageAndBack } from "./helpers";
import { BUNDLED_FEEDS_DIR } from "../lib/reference/bundled-feeds";

const ADVISORY = resolve(BUNDLED_FEEDS_DIR, "csaf", "icsma-18-156-01.json");
const MONITOR = { mac: "00:09:fb:e2:e7:01", hostname: "MX450-E2E-REVIEW", vendor: "Philips", model: "IntelliVue Patient Monitors MX (MX400-550)", firmwareVersion: "M.00.03" };

const rows = (page: Page) => page.getByTestId("possible-match").filter({ hasText: MONITOR.hostname });
const cveOf = async (row: ReturnType<typeof rows>) => (await row.locator("td").nth(1).locator("span").first().textContent())!.trim();

test("an analyst dismisses one possible match and confirms another; the device page reflects both", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signInOk(admin, "admin");
  await importFeedFiles(admin, [ADVISORY]);
  await enrolAndReport(admin, { name: `sensor-review-${Date.now()}` }, {
    reportId: `review-${Date.now()}`,
    hostname: "sensor-review",
    observations: [{ channel: "ethernet", claimed: MONITOR, network: { segment: "ICU-VLAN-20" } }],
  });
  await admin.context().close();

  const page = await (await browser.newContext()).newPage();
  await signInOk(page, "analyst");
  await page.getByRole("link", { name: "Possible matches" }).first().click();
  await expect(page.getByRole("heading", { name: "Possible matches" })).toBeVisible();
  // The background refresh matches the new monitor within seconds.
  await expect(async () => {
    await page.reload();
    expect(await rows(page).count()).toBeGreaterThanOrEqual(2);
  }).toPass({ timeout: 30_000, intervals: [1_000, 2_000] });
  await expect(rows(page).first()).toContainText("cannot be read");

  // Each row is found again by its CVE before acting on it: the list is newest first, and a
  // rescoring or a page refresh landing between reading the first row and clicking it can reorder it.
  const rowOf = (cve: string) => rows(page).filter({ hasText: cve });
  const dismissed = await cveOf(rows(page).first());
  await rowOf(dismissed).getByLabel(`Note on ${dismissed}`).fill("Our MX450 runs a revision the advisory does not name");
  await rowOf(dismissed).getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByTestId("possible-match").filter({ hasText: dismissed })).toHaveCount(0);

  const confirmed = await cveOf(rows(page).first());
  await rowOf(confirmed).getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("possible-match").filter({ hasText: confirmed })).toHaveCount(0);

  await page.getByRole("link", { name: "Decided" }).click();
  const decided = page.getByTestId("decided-match").filter({ hasText: MONITOR.hostname });
  await expect(decided.filter({ hasText: dismissed })).toContainText("Dismissed");
  await expect(decided.filter({ hasText: confirmed })).toContainText("Confirmed");

  await decided.filter({ hasText: confirmed }).getByRole("link", { name: MONITOR.hostname }).click();
  await expect(page.getByRole("heading", { name: MONITOR.hostname })).toBeVisible();
  const table = page.getByTestId("device-vulnerabilities");
  const confirmedRow = table.locator("tr", { hasText: confirmed });
  await expect(confirmedRow.getByText("affected", { exact: true })).toBeVisible();
  await expect(confirmedRow).toContainText("Possible match confirmed by");
  await expect(table.locator("tr", { hasText: dismissed })).toHaveCount(0);
  // The rest are still possible matches, with the same buttons here.
  await expect(page.getByTestId("needs-review").getByRole("button", { name: "Confirm" }).first()).toBeVisible();
});

test("the review queue pages to its last page and back a page, 25 at a time, and counts both tabs", async ({ page }) => {
  await signInOk(page, "admin");
  await importFeedFiles(page, [ADVISORY]);
  // Ten more monitors, three possible matches each: more than one page of 25.
  const stamp = Date.now();
  await enrolAndReport(page, { name: `sensor-review-pages-${stamp}` }, {
    reportId: `review-pages-${stamp}`,
    hostname: "sensor-review-pages",
    observations: Array.from({ length: 10 }, (_, i) => ({
      channel: "ethernet",
      claimed: { ...MONITOR, mac: `00:09:fb:e2:e8:${i.toString(16).padStart(2, "0")}`, hostname: `MX450-PAGES-${i}` },
      network: { segment: "ICU-VLAN-20" },
    })),
  });
  await expect(async () => {
    await page.goto("/review?size=25");
    await expect(page.getByRole("link", { name: "Last page" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [1_000, 2_000] });
  await expect(page.getByTestId("result-count")).toHaveText(/^\d+ possible matches$/);
  const rows = page.getByTestId("possible-match");

  await walkLastPageAndBack(page, rows);

  await page.getByRole("link", { name: "Decided" }).click();
  await expect(page.getByTestId("result-count")).toHaveText(/^\d+ decisions?$/);
});
