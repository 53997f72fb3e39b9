// The overview: after an agent reports four infusion pumps, the counts (precomputed by the
// background tally) and every chart show them; stats link to the filtered views, by keyboard too;
// a viewer sees the same numbers and no action.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";

const PUMPS = 4;

async function statValue(page: Page, name: string): Promise<number> {
  const text = (await page.getByTestId(`stat-${name}`).textContent()) ?? "";
  return Number(text.replace(/[^0-9]/g, ""));
}

async function reportPumps(page: Page) {
  const tag = Date.now().toString(16).slice(-6).padStart(6, "0");
  const observations = Array.from({ length: PUMPS }, (_, i) => ({
    channel: "ethernet",
    claimed: {
      mac: `00:d0:75:${tag.slice(0, 2)}:${tag.slice(2, 4)}:${(Number.parseInt(tag.slice(4, 6), 16) ^ i).toString(16).padStart(2, "0")}`,
      hostname: `PUMP-OVERVIEW-${tag}-${i}`,
      vendor: "BD",
      model: "Alaris PCU Model 8015",
      firmwareVersion: "12.1.3",
    },
    network: { segment: "ICU-VLAN-20" },
  }));
  await enrolAndReport(page, { name: `sensor-overview-${tag}`, site: "Overview Campus" }, { reportId: `overview-${tag}`, hostname: "sensor-overview", observations });
}

test.describe.configure({ mode: "serial" });

test("the overview counts a new agent's devices and draws every chart", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInOk(page, "admin");
  await expect(page.getByTestId("tally-freshness")).toContainText(/Counts as of \d\d:\d\d UTC/);
  const before = await statValue(page, "devices");
  if (before === 0) await expect(page.getByRole("link", { name: /Enrol an agent|See your agents/ })).toHaveAttribute("href", "/agents");

  await reportPumps(page);
  // The background tally recounts within seconds of a report: reload until the numbers show.
  // ("before" may itself lag behind the specs that ran just before, hence at least.)
  await expect
    .poll(async () => {
      await page.goto("/");
      return statValue(page, "devices");
    }, { timeout: 45_000, intervals: [2_000] })
    .toBeGreaterThanOrEqual(before + PUMPS);

  // Each chart is there, with its numbers as a table for screen readers.
  for (const id of ["chart-tiers", "chart-categories", "chart-risk-trend", "chart-arrivals", "chart-alert-kinds"]) {
    await expect(page.getByTestId(id).locator("svg.recharts-surface").first()).toBeVisible();
  }
  const tiers = page.getByRole("table", { name: "Devices by risk tier" });
  const tierSum = (await tiers.locator("tbody td").allTextContents()).reduce((s, v) => s + Number(v.replace(/[^0-9]/g, "")), 0);
  // One tally snapshot: its tiers add up to its device count.
  expect(tierSum).toBe(await statValue(page, "devices"));
  await expect(page.getByRole("table", { name: "Devices by category" }).getByRole("rowheader", { name: "Infusion pump" })).toBeAttached();
  await expect(page.getByRole("table", { name: "Open alerts by kind" }).getByRole("rowheader", { name: "New device" })).toBeAttached();
  const today = new Date().toISOString().slice(0, 10);
  const todayRow = page.getByRole("table", { name: /New and unauthorized devices per day/ }).getByRole("row", { name: new RegExp(today) });
  expect(Number(((await todayRow.locator("td").first().textContent()) ?? "0").replace(/[^0-9]/g, ""))).toBeGreaterThanOrEqual(PUMPS);
  // The trend starts at the first day the tally counted (a fresh install: today), never with days
  // before it drawn as 0.
  const trendRows = await page.getByRole("table", { name: /Critical and high risk devices per day/ }).locator("tbody tr").count();
  expect(trendRows).toBeGreaterThanOrEqual(1);
  expect(trendRows).toBeLessThanOrEqual(2);

  // Legends name the lines.
  await expect(page.getByTestId("chart-risk-trend").locator(".recharts-legend-item-text", { hasText: "Critical" })).toBeVisible();
  await expect(page.getByTestId("chart-arrivals").locator(".recharts-legend-item-text", { hasText: "New devices" })).toBeVisible();

  await page.waitForLoadState("networkidle");
  mkdirSync("docs/screenshots", { recursive: true });
  await page.screenshot({ path: "docs/screenshots/overview.png", fullPage: false });
});

test("stats lead to the filtered views, by keyboard as well", async ({ page }) => {
  await signInOk(page, "analyst");
  const critical = page.getByRole("link", { name: /^Critical risk\s*\d/ });
  await expect(critical).toHaveAttribute("href", "/risk?tier=critical");
  await expect(page.getByRole("link", { name: /^Unauthorized\s*\d/ })).toHaveAttribute("href", "/unauthorized?reason=unauthorized");
  await expect(page.getByRole("link", { name: /^Open alerts\s*\d/ })).toHaveAttribute("href", "/alerts");

  // Tab until the Devices stat has focus, then Enter opens the inventory.
  const devices = page.getByRole("link", { name: /^Devices\s*\d/ });
  for (let i = 0; i < 40 && !(await devices.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(devices).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/inventory$/);
});

test("a viewer sees the same numbers and no action, on a tablet too", async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await signInOk(page, "viewer");
  await expect(page.getByTestId("stat-devices")).not.toHaveText("0");
  await expect(page.getByTestId("chart-tiers")).toBeVisible();
  await expect(page.locator("main").getByRole("button")).toHaveCount(0);
  await expect(page.locator("main form")).toHaveCount(0);
  // Nothing wider than the screen at tablet size.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
});
