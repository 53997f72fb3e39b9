// The CISO report: an agent at a site reports two devices, then the report is opened, its period
// and site changed through the URL form, printed (print media: only the report is left), and
// downloaded as CSV. Anyone signed in may read it; nobody signed out may download it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";

const RUN = Date.now().toString(36);
const SITE = `Report Campus ${RUN}`;
const DEVICES = [
  { mac: "00:d0:75:e3:00:01", hostname: `PUMP-REPORT-${RUN}`, vendor: "BD", model: "Alaris PCU Model 8015", firmwareVersion: "12.1.3" },
  { mac: "00:09:fb:e3:00:02", hostname: `MONITOR-REPORT-${RUN}`, vendor: "Philips", model: "IntelliVue MX450" },
];

async function reportDevices(page: Page) {
  await enrolAndReport(page, { name: `sensor-report-${RUN}`, site: SITE }, {
    reportId: `report-${RUN}`,
    hostname: "sensor-report",
    observations: DEVICES.map((claimed) => ({ channel: "ethernet", claimed, network: { segment: "ICU-VLAN-20" } })),
  });
}

const SECTIONS = ["Summary", "Risk over the period", "The 10 riskiest devices", "Exposure to known exploited vulnerabilities", "Unauthorized and spoofed devices", "How fast alerts were handled", "Accepted risks", "Coverage: who is watching which devices"];

test("a CISO opens the report, changes period and site, prints it and downloads the CSV", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInOk(page, "admin");
  await reportDevices(page);

  await page.getByRole("link", { name: "CISO report" }).click();
  await expect(page.getByRole("heading", { name: "CISO report", level: 1 })).toBeVisible();
  for (const name of SECTIONS) await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
  await expect(page.getByTestId("report-scope")).toContainText("Last 30 days");
  await expect(page.getByTestId("report-summary")).toContainText("164.308(a)(1)(ii)(A)");
  // Coverage counts the new agent's devices once the background tally has: reload until it has.
  // (The estate-wide top 10 depends on what earlier specs left; the site's top 10 is checked below.)
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("report-coverage")).toContainText(`sensor-report-${RUN}`, { timeout: 1_000 });
  }).toPass({ timeout: 45_000, intervals: [2_000] });

  // Period and site through the GET form: both land in the URL.
  const form = page.getByRole("form", { name: "Choose the report's period and site" });
  await form.getByLabel("Period").selectOption("7d");
  await form.getByLabel("Site").selectOption({ label: SITE });
  await form.getByRole("button", { name: "Show report" }).click();
  await expect(page).toHaveURL(/period=7d/);
  await expect(page).toHaveURL(/site=/);
  await expect(page.getByTestId("report-scope")).toContainText(`Last 7 days, `);
  await expect(page.getByTestId("report-scope")).toContainText(SITE);
  // The site's riskiest list ranks only devices with a risk score above 0 (never padded with score-0 devices).
  await expect(page.getByTestId("report-top")).toContainText(/No device has a risk score above 0|PUMP-REPORT/);
  await expect(page.getByTestId("report-top").getByText(/^(critical|high|medium|low) 0$/)).toHaveCount(0);
  mkdirSync("docs/screenshots", { recursive: true });
  await page.screenshot({ path: "docs/screenshots/ciso-report.png", fullPage: false });

  // A custom range that makes no sense falls back to 30 days and says so.
  await page.goto("/reports?period=custom&from=2026-02-30&to=nope");
  await expect(page.getByRole("status")).toContainText("last 30 days");
  await expect(page.getByTestId("report-scope")).toContainText("Last 30 days");

  // Print: the navigation, buttons and form go; every section stays.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Download CSV" })).toBeHidden();
  await expect(page.getByRole("form", { name: "Choose the report's period and site" })).toBeHidden();
  for (const name of SECTIONS) await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
  // The trend prints at a fixed size, with a dot on each counted day (one day of data is points, not an empty frame).
  await expect(page.getByTestId("report-trend-chart-print")).toBeVisible();
  await expect(page.getByTestId("report-trend-chart")).toBeHidden();
  expect(await page.getByTestId("report-trend-chart-print").locator(".recharts-dot").count()).toBeGreaterThan(0);
  await expect(page.getByTestId("report-trend-chart-print").locator('svg.recharts-surface[width="680"]')).toBeVisible();
  // The same page as PDF on both paper sizes: a few pages, not one cut-off sheet nor dozens.
  for (const format of ["A4", "Letter"] as const) {
    const pdf = await page.pdf({ format, printBackground: false });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages, `${format} pages`).toBeGreaterThan(1);
    expect(pages, `${format} pages`).toBeLessThan(12);
    writeFileSync(test.info().outputPath(`ciso-report-${format}.pdf`), pdf);
  }
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi, for a look at the printed layout
  await page.screenshot({ path: test.info().outputPath("ciso-report-print.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();

  // The CSV, named by period and site.
  await page.goto("/reports?period=90d");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^iomt-ciso-report-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}-all-sites\.csv$/);
  const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  expect(text.split("\r\n")[0]).toBe("Section,Item,Value,Detail,Reference");
  expect(text).toContain("Report,Period,Last 90 days");
  // The estate-wide top 10 depends on what earlier specs left; the new agent's coverage does not.
  expect(text).toContain(`sensor-report-${RUN}`);
});

test("the report's and the overview's charts hide nothing focusable from screen readers; every count says what it counts", async ({ page }) => {
  test.setTimeout(90_000);
  await signInOk(page, "viewer");
  for (const link of ["CISO report", "Overview"]) {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).withRules(["aria-hidden-focus"]).analyze();
    expect(violations.map((v) => `${v.id} (${v.nodes.length})`), link).toEqual([]);
  }
  await page.goto("/reports");
  await expect(page.getByTestId("report-alert-counts")).toContainText("Alerts raised in the period");
  await expect(page.getByTestId("report-alert-counts")).toContainText("Open now (not resolved, raised at any time)");
  await expect(page.getByTestId("report-alert-basis")).not.toContainText("most recent of");
  await expect(page.getByTestId("report-trend")).not.toContainText("1 days");
  await expect(page.getByTestId("report-unauthorized")).toContainText("is pending, not unauthorized");
});

test("a viewer reads the report and downloads it; signed out, the CSV is refused", async ({ page, browser }) => {
  await signInOk(page, "viewer");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "CISO report", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  const res = await page.request.get("/api/exports/ciso-report?period=7d");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toMatch(/attachment; filename="iomt-ciso-report-.*-all-sites\.csv"/);

  const stranger = await browser.newContext();
  const anonymous = await stranger.request.get(new URL("/api/exports/ciso-report", page.url()).toString());
  expect(anonymous.status()).toBe(401);
  await stranger.close();
});
