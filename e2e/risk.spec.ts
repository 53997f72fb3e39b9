// Vulnerability feeds to ranked, explained risk: an administrator imports feeds, an agent reports
// an infusion pump the advisory names, the background job scores it; an engineer corrects its
// criticality, an analyst accepts and revokes its risk, a viewer can only read.
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { csvRecords } from "../tests/csv-parse";
import { enrolAndReport, importFeedFiles, signInOk, walkLastPageAndBack } from "./helpers";
import { BUNDLED_FEEDS_DIR } from "../lib/reference/bundled-feeds";

const DATA = BUNDLED_FEEDS_DIR;
const CSAF = resolve(DATA, "csaf", "icsma-23-194-01.json");
const KEV = resolve(DATA, "kev", "known_exploited_vulnerabilities.json");
const PUMP = { mac: "00:d0:75:e2:e2:01", hostname: "PUMP-E2E-8015", vendor: "BD", model: "Alaris PCU Model 8015", firmwareVersion: "12.1.3" };
const CVE = "CVE-2023-30559";

const sameOrigin = (page: Page) => ({ origin: new URL(page.url()).origin });

/** The same two feeds through the API; a second import of the same bytes changes nothing. */
const importFeedsByApi = (page: Page) => importFeedFiles(page, [CSAF, KEV]);

async function reportPump(page: Page) {
  await enrolAndReport(page, { name: `sensor-risk-${Date.now()}` }, {
    reportId: `risk-${Date.now()}`,
    hostname: "sensor-risk",
    observations: [{ channel: "ethernet", claimed: PUMP, network: { segment: "ICU-VLAN-20" } }],
  });
}

/** Opens the pump from the inventory; returns its id. */
async function openPump(page: Page): Promise<string> {
  await page.goto(`/inventory?q=${encodeURIComponent(PUMP.mac)}`);
  await page.getByTestId("inventory-table").getByRole("link", { name: PUMP.hostname }).click();
  await expect(page.getByRole("heading", { name: PUMP.hostname })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** The background job rescores every 5 s: reload until the score and the match show. */
async function waitUntilScored(page: Page) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("risk-card")).toContainText("/ 100", { timeout: 1_000 });
    const row = page.getByTestId("device-vulnerabilities").locator("tr", { hasText: CVE }).first();
    await expect(row.getByText("affected", { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 25_000, intervals: [1_000, 2_000] });
}

let pumpId: string | undefined;

/** The scored pump the later tests work on, made here when this test runs alone. */
async function scoredPump(browser: Browser): Promise<string> {
  if (pumpId) return pumpId;
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInOk(page, "admin");
  await importFeedsByApi(page);
  await reportPump(page);
  const id = await openPump(page);
  await waitUntilScored(page);
  await context.close();
  return (pumpId = id);
}

test("an administrator imports feeds on the Feeds page; a broken file is refused by name", async ({ page }) => {
  await signInOk(page, "admin");
  await page.getByRole("link", { name: "Feeds", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Feeds", exact: true })).toBeVisible();
  await page.getByLabel("Feed files").setInputFiles([CSAF, KEV]);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const outcomes = page.getByTestId("feed-outcomes");
  for (const file of [CSAF, KEV]) await expect(outcomes.getByRole("listitem").filter({ hasText: basename(file) }).getByText("imported", { exact: true })).toBeVisible();
  await expect(page.getByText("Devices are being rescored")).toBeVisible();
  await expect(page.getByTestId("newest-kev")).toContainText("admin@e2e.local");

  await page.getByLabel("Feed files").setInputFiles({ name: "broken-advisory.json", mimeType: "application/json", buffer: Buffer.from('{"document": ') });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const problem = page.getByRole("alert").filter({ hasText: "broken-advisory.json" });
  await expect(problem).toContainText("nothing was imported");
  await expect(problem.getByRole("listitem")).toContainText("broken-advisory.json: is neither an EPSS CSV nor valid JSON");
});

test("a pump an agent reports is matched to the advisory and scored, with the reasons shown", async ({ page }) => {
  await signInOk(page, "admin");
  await importFeedsByApi(page);
  await reportPump(page);
  const id = await openPump(page);
  await waitUntilScored(page);
  await expect(page.getByTestId("risk-chain")).toContainText("(segmented clinical, segment ICU-VLAN-20, class guessed from its name)");
  await expect(page.getByRole("link", { name: "How scores are computed (the risk model)" })).toHaveAttribute("href", "/risk/model");
  pumpId = id;
});

test("an engineer makes the pump life-sustaining: audited and rescored", async ({ page, browser }) => {
  const id = await scoredPump(browser);
  await signInOk(page, "engineer");
  await page.goto(`/devices/${id}`);
  const form = page.getByRole("form", { name: "Clinical context" });
  await form.getByLabel("Criticality").selectOption("life_sustaining");
  await form.getByLabel("Note (kept in the audit log)").fill("keeps a neonate's medication running");
  await form.getByRole("button", { name: "Save clinical context" }).click();
  await expect(form.getByRole("status")).toHaveText("Clinical context saved; the device was rescored.");
  await expect(page.getByText("device.clinical_context")).toBeVisible();
  await expect(page.getByTestId("risk-chain")).toContainText("criticality life-sustaining 5");
  // The history shows the score before and after the edit.
  const history = page.getByTestId("score-history");
  await history.getByText(/Score history as a list \(\d+\)/).click();
  await expect(history.getByRole("listitem").last()).toContainText("after edit");
});

test("an analyst accepts the pump's risk: it ranks apart until revoked", async ({ page, browser }) => {
  const id = await scoredPump(browser);
  await signInOk(page, "analyst");
  await page.goto("/risk");
  const ranked = page.getByTestId("risk-table").getByRole("link", { name: PUMP.hostname });
  await expect(ranked).toBeVisible();

  await page.goto(`/devices/${id}`);
  const form = page.getByRole("form", { name: "Accept risk" });
  const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Reason").fill("Vendor firmware 12.1.4 is scheduled for the next maintenance window");
  await form.getByLabel("Owner").fill("ICU biomed lead");
  await form.getByLabel("Expires on").fill(expires);
  await form.getByRole("button", { name: "Accept risk" }).click();
  const banner = page.getByRole("region", { name: "Risk acceptance" });
  await expect(banner).toContainText(`Risk accepted until ${expires}`);
  await expect(banner).toContainText("ICU biomed lead");

  await page.goto("/risk");
  await expect(page.getByTestId("accepted-table").getByRole("link", { name: PUMP.hostname })).toBeVisible();
  await expect(ranked).toHaveCount(0);

  await page.goto(`/devices/${id}`);
  await page.getByRole("button", { name: "Revoke acceptance" }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Accept risk" })).toBeVisible();
  await page.goto("/risk");
  await expect(ranked).toBeVisible();
});

test("a viewer reads the risk but has no forms, and the server refuses the changes", async ({ page, browser, request }) => {
  const id = await scoredPump(browser);
  await signInOk(page, "viewer");
  await expect(page.getByRole("link", { name: "Feeds", exact: true })).toHaveCount(0);
  await page.goto(`/devices/${id}`);
  await expect(page.getByTestId("risk-card")).toContainText("/ 100");
  await expect(page.getByRole("form", { name: "Clinical context" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Accept risk" })).toHaveCount(0);

  const headers = sameOrigin(page);
  const accept = await page.request.post(`/api/devices/${id}/acceptance`, { headers, data: { reason: "a viewer may not accept risk", owner: "nobody", expiresAt: "2030-01-01" } });
  expect(accept.status()).toBe(403);
  const context = await page.request.post(`/api/devices/${id}/clinical-context`, { headers, data: { criticality: "non_clinical", phi: "none", compensatingControls: 0.5 } });
  expect(context.status()).toBe(403);
  expect((await page.request.get("/api/feeds")).status()).toBe(403);
  expect((await request.get("/api/feeds")).status()).toBe(401);

  await page.goto("/risk/model");
  await expect(page.getByRole("heading", { name: /^Risk model v\d/ })).toBeVisible();
  await expect(page.getByTestId("ssvc-table")).toContainText("Act");
  await expect(page.getByTestId("other-factors-table")).toContainText("An operating system past its vendor's end of support");
  await expect(page.getByTestId("v1-likelihood-table")).toContainText("Else its EPSS probability (whatever CVSS says)");
});

test("the ranking filters by category and KEV, shows each device's top factors, and exports the filtered ranking", async ({ page, browser, request }) => {
  await scoredPump(browser);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInOk(page, "viewer");
  await page.goto("/risk");
  const filters = page.getByRole("search", { name: "Filter the risk ranking" });
  await filters.getByLabel("Category").selectOption("infusion_pump");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/category=infusion_pump/);
  const row = page.getByTestId("risk-table").locator("tr", { hasText: PUMP.hostname });
  await expect(row.getByTestId("top-factors").getByRole("listitem").first()).toBeVisible();
  await expect(row.getByTestId("top-factors")).toContainText(/CVE-\d{4}-\d+/);
  await expect(page.getByRole("list", { name: "Active filters" }).getByRole("link", { name: "Remove filter Category: Infusion pump" })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/risk.png", fullPage: false });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^iomt-risk-\d{4}-\d{2}-\d{2}\.csv$/);
  const { header, records } = csvRecords(readFileSync((await download.path())!, "utf8"));
  expect(header).toEqual(expect.arrayContaining(["rank", "SSVC", "top factors", "risk accepted", "accepted until (UTC)"]));
  expect(records.length).toBeGreaterThan(0);
  expect(records.every((r) => r.category === "Infusion pump")).toBe(true);
  const pump = records.find((r) => r.device === PUMP.hostname)!;
  expect(pump["top factors"]).toMatch(/CVE-\d{4}-\d+/);
  expect(pump["risk accepted"]).toBe("no");

  // The advisory's CVEs are not in the KEV catalog: "KEV only" leaves the pump out.
  await filters.getByLabel("Known exploited (KEV) only").check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/kev=1/);
  await expect(page.getByTestId("risk-table").getByRole("link", { name: PUMP.hostname })).toHaveCount(0);

  expect((await request.get("/api/exports/risk")).status()).toBe(401);
});

test("the ranking pages to its last page and back a page, 25 at a time", async ({ page, browser }) => {
  // Scoring 30 pumps in the background takes a while on a busy machine.
  test.setTimeout(90_000);
  await scoredPump(browser);
  await signInOk(page, "admin");
  // 30 more pumps the advisory names, at a site of their own and with MACs no other spec uses (a
  // known MAC would be the other spec's device): the ranking filtered to that site then holds more
  // than one page of 25, and nothing else the suite does moves its count or order.
  const stamp = Date.now();
  const site = `Risk pages ${stamp}`;
  await enrolAndReport(page, { name: `sensor-risk-pages-${stamp}`, site }, {
    reportId: `risk-pages-${stamp}`,
    hostname: "sensor-risk-pages",
    observations: Array.from({ length: 30 }, (_, i) => ({
      channel: "ethernet",
      claimed: { ...PUMP, mac: `00:d0:75:e5:00:${i.toString(16).padStart(2, "0")}`, hostname: `PUMP-PAGES-${String(i).padStart(2, "0")}` },
      network: { segment: "ICU-VLAN-20" },
    })),
  });
  await page.goto("/risk?size=25");
  const filters = page.getByRole("search", { name: "Filter the risk ranking" });
  await filters.getByLabel("Site").selectOption({ label: site });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/site=/);
  const ranking = page.url();
  // Every pump ranked before the walk: the background pass scores them a batch at a time, and a
  // ranking still growing shows a Next page on its last page.
  await expect(async () => {
    await page.goto(ranking);
    await expect(page.getByTestId("result-count")).toHaveText("30 devices ranked", { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });
  const rows = page.getByTestId("risk-table").locator("tbody tr");

  // The same walk as every keyset list's (helpers.ts), 25 rows a page all the way.
  await walkLastPageAndBack(page, rows);
  await expect(page.getByRole("link", { name: "First page" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Pages" }).getByText("25", { exact: true })).toHaveAttribute("aria-current", "true");
});
